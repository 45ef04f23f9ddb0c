/**
 * athena-ws protocol v1 client: framework-free, no dependencies. See docs/web.md.
 */
export * from './messages';
export { parseServerMessage, type ParseResult } from './parse';
export { backoffDelay, checkBackoff, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
export { ResultAssembler, type ChunkOutcome } from './assembler';
export {
  QueryRun,
  type ClientErrorCode,
  type RunContext,
  type RunError,
  type RunStatus,
  type Timers,
} from './queryRun';
export {
  AthenaWsClient,
  type AthenaWsClientOptions,
  type ClientEvents,
  type ConnectionState,
  type ConnectionStatus,
  type RunRequest,
  type WebSocketFactory,
  type WebSocketLike,
} from './client';
export {
  checkValue,
  compilePattern,
  excerpt,
  MAX_LITERAL_CHARS,
  MAX_STRING_CHARS,
  problemMessage,
  validateParameters,
  type ParameterProblem,
} from './validation';
export { initialText, toParameterValue } from './formValues';
