import { checkBackoff, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { CatalogRequests } from './catalogRequests';
import {
  ReconnectingSocket,
  type ConnectionStatus,
  type WebSocketFactory,
  type WebSocketLike,
} from './connection';
import { Emitter } from './emitter';
import type {
  CatalogEntry,
  ClientMessage,
  Delivery,
  ErrorMessage,
  ParameterValue,
  ServerMessage,
} from './messages';
import { parseServerMessage } from './parse';
import { QueryRun, type RunError } from './queryRun';
import { PING_INTERVAL_MS, Pinger, Sessions } from './sessions';
import { systemTimers, type Timers } from './timers';

export interface ClientEvents {
  status: ConnectionStatus;
  catalog: CatalogEntry[];
  /** An `error` answering `listQueries`. */
  catalogError: ErrorMessage;
  /** A run changed (any message of it, a gap decision, a failure). */
  run: QueryRun;
  /** Every well-formed server message, before it is routed. */
  message: ServerMessage;
  /** A message that belongs to no known request (e.g. an error sent before the request id was read). */
  unmatched: ServerMessage;
  /** A frame that is not a valid protocol message. */
  protocolError: { reason: string; data: string };
}

export interface AthenaWsClientOptions {
  url: string;
  /** Creates sockets; default `new WebSocket(url, protocols)`. */
  webSocket?: WebSocketFactory;
  backoff?: BackoffPolicy;
  /** Values in [0, 1) for jitter; default Math.random. */
  random?: () => number;
  timers?: Timers;
  /** How long to wait for a chunk that is missing before reporting a gap; default 1500 ms. */
  gapGraceMs?: number;
  /** Send `listQueries` after each open; default true. */
  listQueriesOnOpen?: boolean;
  /**
   * After an open, how long to wait for the catalog before asking again (default 4000 ms), and how
   * many times to ask again (default 2) before reporting `catalogError` with code NO_RESPONSE.
   */
  catalogTimeoutMs?: number;
  catalogRetries?: number;
  /** A run with no reply at all after this long fails with NO_RESPONSE; default 30000, 0: never. */
  responseTimeoutMs?: number;
  /** Finished runs kept (for late chunks and lookups) before the oldest is dropped; default 4. */
  retainedRuns?: number;
  /** Prefix of generated request ids; default a random one per client. */
  requestIdPrefix?: string;
  /** How often to send `ping` while a query runs; default {@link PING_INTERVAL_MS} (5 minutes). */
  pingIntervalMs?: number;
}

/** What {@link AthenaWsClient.runQuery} sends. */
export interface RunRequest {
  /** Catalog query name; absent runs the catalog's default query. */
  query?: string;
  /** Parameter values; undefined entries are left out. */
  parameters?: Record<string, ParameterValue | undefined>;
  /** `link` asks for one `download` message instead of rows; absent or `rows`: rows. */
  delivery?: Delivery;
}

/**
 * A framework-free client of athena-ws protocol v1 (docs/protocol.md).
 *
 * Connects, reconnects after an unexpected close with exponential backoff and jitter, asks for the
 * catalog on every open, tags each request with a `requestId` and routes replies to its
 * {@link QueryRun}, which assembles `rows` chunks in `seq` order and detects gaps. Listen with
 * {@link on}. Sessions (docs/protocol.md): a run keeps its `queryExecutionId` and latest
 * `resumeToken`; when the connection drops without the client asking, it waits, and on the next
 * open the client sends `resume` with the highest contiguous `seq` held, so every row arrives once.
 * A run that had no token yet fails with `CONNECTION_LOST`. {@link cancel} stops a run; `ping` goes
 * out every `pingIntervalMs` while a run is unfinished.
 *
 * Single-threaded (browser main thread); not for use from several workers.
 */
export class AthenaWsClient {
  private readonly events = new Emitter<ClientEvents>();
  private readonly connection: ReconnectingSocket;
  private readonly timers: Timers;
  private readonly gapGraceMs: number;
  private readonly listQueriesOnOpen: boolean;
  private readonly responseTimeoutMs: number;
  private readonly retainedRuns: number;
  private readonly prefix: string;
  private readonly runs = new Map<string, QueryRun>();
  private readonly sessions: Sessions;
  private readonly pinger: Pinger;
  private readonly catalogRequests: CatalogRequests;
  private counter = 0;
  private currentCatalog: CatalogEntry[] | undefined;

  constructor(options: AthenaWsClientOptions) {
    const random = options.random ?? Math.random;
    this.timers = options.timers ?? systemTimers;
    this.gapGraceMs = options.gapGraceMs ?? 1500;
    this.listQueriesOnOpen = options.listQueriesOnOpen ?? true;
    this.responseTimeoutMs = options.responseTimeoutMs ?? 30_000;
    this.retainedRuns = options.retainedRuns ?? 4;
    this.prefix = options.requestIdPrefix ?? `w${Math.floor(random() * 36 ** 4).toString(36)}-`;
    const factory =
      options.webSocket ?? ((url, protocols) => new WebSocket(url, protocols) as unknown as WebSocketLike);
    const backoff = checkBackoff(options.backoff ?? DEFAULT_BACKOFF);
    this.connection = new ReconnectingSocket(options.url, factory, backoff, random, this.timers, {
      status: (s) => this.events.emit('status', s),
      opened: () => this.opened(),
      frame: (data) => this.receive(data),
      dropped: (byClient) => this.dropped(byClient),
    });
    this.catalogRequests = new CatalogRequests({
      timers: this.timers,
      timeoutMs: options.catalogTimeoutMs ?? 4000,
      retries: options.catalogRetries ?? 2,
      ask: () => this.listQueries(),
      isOpen: () => this.connection.status.state === 'open',
      catalog: (queries) => {
        this.currentCatalog = queries;
        this.events.emit('catalog', queries);
      },
      error: (e) => this.events.emit('catalogError', e),
    });
    this.sessions = new Sessions((m) => this.send(m), () => this.nextRequestId());
    const pingIntervalMs = options.pingIntervalMs ?? PING_INTERVAL_MS;
    if (!(pingIntervalMs > 0)) throw new RangeError(`pingIntervalMs must be > 0: ${pingIntervalMs}`);
    this.pinger = new Pinger(
      this.timers,
      pingIntervalMs,
      () => this.connection.status.state === 'open' && [...this.runs.values()].some((r) => !r.finished),
      () => this.send({ action: 'ping' }),
    );
  }

  get status(): ConnectionStatus {
    return this.connection.status;
  }

  /** The last catalog received, or undefined. */
  get catalog(): CatalogEntry[] | undefined {
    return this.currentCatalog;
  }

  on<K extends keyof ClientEvents>(event: K, listener: (value: ClientEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  /** Opens the connection (no effect while connecting or open). */
  connect(): void {
    this.connection.connect();
  }

  /** Closes the connection and stops reconnecting; runs in flight fail. */
  close(): void {
    this.connection.close();
    this.pinger.stop();
    for (const run of this.runs.values()) run.dispose();
  }

  /**
   * Sends `cancel` for a run: its final `error` QUERY_CANCELLED ends it as `cancelled`; when it had
   * finished already the server answers QUERY_FINISHED and the run keeps its result
   * ({@link QueryRun.cancelRefused}).
   *
   * @returns false when nothing was sent: the run is finished, has no `queryExecutionId` or
   *   `resumeToken` yet ({@link QueryRun.hasSession}), or the connection is not open
   */
  cancel(run: QueryRun): boolean {
    return this.runs.get(run.requestId) === run && this.sessions.cancel(run);
  }

  /** Switches to another URL: closes, then connects there. */
  setUrl(url: string): void {
    this.connection.setUrl(url);
  }

  /** Sends `listQueries`; the answer arrives as a `catalog` event. @returns the request id */
  listQueries(): string | undefined {
    const requestId = this.nextRequestId();
    if (!this.send({ action: 'listQueries', requestId })) return undefined;
    this.catalogRequests.sent(requestId);
    return requestId;
  }

  /**
   * Sends a `query` request. The returned run is updated in place as replies arrive (and a `run`
   * event fires on each change). When the connection is not open the run fails at once with
   * `NOT_CONNECTED`. No client-side validation happens here: see `validateParameters`.
   */
  runQuery(request: RunRequest = {}): QueryRun {
    const requestId = this.nextRequestId();
    const parameters: Record<string, ParameterValue> = {};
    for (const [name, value] of Object.entries(request.parameters ?? {})) {
      if (value !== undefined) parameters[name] = value;
    }
    const run = new QueryRun(requestId, request.query, parameters, {
      timers: this.timers,
      gapGraceMs: this.gapGraceMs,
      responseTimeoutMs: this.responseTimeoutMs,
      onChange: (r) => {
        this.events.emit('run', r);
        this.pinger.update();
      },
    });
    this.runs.set(requestId, run);
    const message: ClientMessage = { action: 'query', requestId };
    if (request.query !== undefined) message.query = request.query;
    if (Object.keys(parameters).length > 0) message.parameters = parameters;
    if (request.delivery === 'link') message.delivery = 'link';
    if (!this.send(message)) {
      run.fail({ code: 'NOT_CONNECTED', message: 'Not connected to the server.' });
    } else {
      this.events.emit('run', run);
    }
    this.trimRuns();
    return run;
  }

  /** The run of a request id still held by the client. */
  run(requestId: string): QueryRun | undefined {
    return this.runs.get(requestId);
  }

  /** Drops a run: later messages of it are reported as `unmatched`. */
  forget(requestId: string): void {
    const run = this.runs.get(requestId);
    if (run === undefined) return;
    run.dispose();
    this.sessions.forget(run);
    this.runs.delete(requestId);
    this.pinger.update();
  }

  private nextRequestId(): string {
    this.counter += 1;
    return `${this.prefix}${this.counter}`;
  }

  private send(message: ClientMessage): boolean {
    return this.connection.send(JSON.stringify(message));
  }

  private opened(): void {
    if (this.listQueriesOnOpen) this.catalogRequests.opened();
    this.sessions.reopened(this.runs.values());
    this.pinger.update();
  }

  /**
   * The connection ended. Closed by the client: runs in flight fail. Dropped: runs with a session
   * wait to resume on the next connection, the others fail.
   */
  private dropped(byClient: boolean): void {
    this.catalogRequests.dropped();
    this.pinger.stop();
    if (byClient) {
      const error: RunError = {
        code: 'CONNECTION_LOST',
        message: 'The connection was closed before the query finished; run it again.',
      };
      for (const run of this.runs.values()) run.fail(error);
    } else {
      this.sessions.dropped(this.runs.values());
    }
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') {
      this.events.emit('protocolError', { reason: 'binary frame', data: '' });
      return;
    }
    const parsed = parseServerMessage(data);
    if (parsed.kind === 'invalid') {
      this.events.emit('protocolError', { reason: parsed.reason, data: data.slice(0, 200) });
      return;
    }
    if (parsed.kind === 'ignored') return;
    const message = parsed.message;
    this.events.emit('message', message);
    if (message.type === 'pong' || this.catalogRequests.route(message) || message.type === 'catalog') return;
    const id = message.requestId;
    const run = id === undefined ? undefined : this.runs.get(id);
    if (run === undefined) {
      if (this.sessions.route(message)) return;
      this.events.emit('unmatched', message);
      return;
    }
    run.handle(message);
    if (run.finished) this.trimRuns();
  }

  /** Keeps every unfinished run and the newest `retainedRuns` finished ones. */
  private trimRuns(): void {
    const finished = [...this.runs.values()].filter((r) => r.finished);
    for (const run of finished.slice(0, Math.max(0, finished.length - this.retainedRuns))) {
      this.forget(run.requestId);
    }
  }

}
