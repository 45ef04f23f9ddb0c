import type { CatalogEntry, ErrorMessage, ServerMessage } from './messages';
import type { Timers } from './timers';

/** What {@link CatalogRequests} needs from the client. */
export interface CatalogRequestsContext {
  readonly timers: Timers;
  /** How long to wait for the catalog before asking again. */
  readonly timeoutMs: number;
  /** How many times to ask again before reporting NO_RESPONSE. */
  readonly retries: number;
  /** Sends `listQueries`; @returns its request id, undefined when it could not be sent */
  readonly ask: () => string | undefined;
  readonly isOpen: () => boolean;
  readonly catalog: (queries: CatalogEntry[]) => void;
  readonly error: (error: ErrorMessage) => void;
}

/**
 * The `listQueries` requests of a client: asked on every open and again when no answer comes in
 * time (a lost message), answered by `catalog` or an `error` with their request id. Not thread-safe.
 */
export class CatalogRequests {
  private readonly pending = new Set<string>();
  private timer: unknown;
  private answered = false;

  constructor(private readonly context: CatalogRequestsContext) {}

  /** A `listQueries` went out with `requestId`. */
  sent(requestId: string): void {
    this.pending.add(requestId);
  }

  /** A connection opened: asks for the catalog. */
  opened(): void {
    this.answered = false;
    this.request(0);
  }

  /** The connection ended: answers to earlier requests cannot come. */
  dropped(): void {
    this.stopTimer();
    this.pending.clear();
  }

  /** Handles a `catalog`, or an `error` answering `listQueries`. @returns false for any other message */
  route(message: ServerMessage): boolean {
    const id = message.requestId;
    if (message.type === 'catalog') {
      if (id !== undefined) this.pending.delete(id);
      this.settle();
      this.context.catalog(message.queries);
      return true;
    }
    if (message.type === 'error' && id !== undefined && this.pending.delete(id)) {
      this.settle();
      this.context.error(message);
      return true;
    }
    return false;
  }

  private settle(): void {
    this.answered = true;
    this.stopTimer();
  }

  private request(retry: number): void {
    const { timers, timeoutMs, retries } = this.context;
    this.context.ask();
    this.timer = timers.setTimeout(() => {
      this.timer = undefined;
      if (this.answered || !this.context.isOpen()) return;
      if (retry < retries) {
        this.request(retry + 1);
        return;
      }
      this.pending.clear();
      this.context.error({
        type: 'error',
        code: 'NO_RESPONSE',
        message: `The server did not answer listQueries (asked ${retry + 1} times).`,
      });
    }, timeoutMs);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) {
      this.context.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
