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
  type ResumeNote,
  type RunError,
  type RunStatus,
} from './queryRun';
export { PING_INTERVAL_MS } from './sessions';
export { systemTimers, type Timers } from './timers';
export {
  AthenaWsClient,
  type AthenaWsClientOptions,
  type ClientEvents,
  type RunRequest,
} from './client';
export {
  ReconnectingSocket,
  type ConnectionListener,
  type ConnectionState,
  type ConnectionStatus,
  type WebSocketFactory,
  type WebSocketLike,
} from './connection';
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
