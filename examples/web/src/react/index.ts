export { useAthenaWs, type AthenaWs, type UseAthenaWsOptions } from './useAthenaWs';
