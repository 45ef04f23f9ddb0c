import { backoffDelay, type BackoffPolicy } from './backoff';
import type { Timers } from './timers';

/** The part of the browser's WebSocket the client uses (a test injects a fake). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string; wasClean?: boolean }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/**
 * Opens a socket, offering `protocols` in `Sec-WebSocket-Protocol` when given (the browser's
 * `new WebSocket(url, protocols)`).
 */
export type WebSocketFactory = (url: string, protocols?: string[]) => WebSocketLike;

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ConnectionStatus {
  state: ConnectionState;
  url: string;
  /** Failed attempts since the last successful open. */
  attempt: number;
  /** While `reconnecting`: when the next attempt starts (ms since the epoch) and after how long. */
  retryAt?: number;
  retryInMs?: number;
  /** Why the last connection closed or failed. */
  lastError?: string;
}

/** What the owner of a {@link ReconnectingSocket} hears. */
export interface ConnectionListener {
  status(status: ConnectionStatus): void;
  opened(): void;
  frame(data: unknown): void;
  /**
   * The open connection (or the attempt) ended: by {@link ReconnectingSocket.close} (`byClient`), or
   * by the server or the network (then a new connection follows after a backoff).
   */
  dropped(byClient: boolean): void;
}

const OPEN = 1;

/**
 * One WebSocket at a time to a URL, reopened after an unexpected close with {@link backoffDelay}
 * (the attempt counter resets on each successful open). {@link close} stops for good until the next
 * {@link connect}. An invalid URL (the factory throws) ends in `closed` without retrying.
 */
export class ReconnectingSocket {
  private socket: WebSocketLike | undefined;
  private retryTimer: unknown;
  private current: ConnectionStatus;

  constructor(
    url: string,
    private readonly factory: WebSocketFactory,
    private readonly backoff: BackoffPolicy,
    private readonly random: () => number,
    private readonly timers: Timers,
    private readonly listener: ConnectionListener,
  ) {
    this.current = { state: 'idle', url, attempt: 0 };
  }

  get status(): ConnectionStatus {
    return this.current;
  }

  /** Opens the connection (no effect while connecting or open). */
  connect(): void {
    if (this.socket !== undefined) return;
    this.cancelRetry();
    this.open();
  }

  /** Closes the connection normally and stops reconnecting. */
  close(): void {
    this.cancelRetry();
    const socket = this.socket;
    this.socket = undefined;
    if (socket !== undefined) {
      detach(socket);
      socket.close(1000, 'client closed');
    }
    this.listener.dropped(true);
    this.setStatus({ state: 'closed', url: this.current.url, attempt: 0 });
  }

  /** Closes, then connects to `url` at once. */
  setUrl(url: string): void {
    this.close();
    this.current = { state: 'idle', url, attempt: 0 };
    this.connect();
  }

  /** @returns false when not open (or the socket refused the frame) */
  send(text: string): boolean {
    const socket = this.socket;
    if (socket === undefined || socket.readyState !== OPEN) return false;
    try {
      socket.send(text);
      return true;
    } catch {
      return false;
    }
  }

  private open(): void {
    const url = this.current.url;
    let socket: WebSocketLike;
    try {
      socket = this.factory(url);
    } catch (e) {
      // An invalid URL: retrying cannot help.
      const reason = e instanceof Error ? e.message : String(e);
      this.setStatus({ state: 'closed', url, attempt: 0, lastError: `Cannot connect to ${url}: ${reason}` });
      return;
    }
    this.socket = socket;
    this.setStatus({ state: 'connecting', url, attempt: this.current.attempt, lastError: this.current.lastError });
    socket.onopen = () => {
      this.setStatus({ state: 'open', url, attempt: 0 });
      this.listener.opened();
    };
    socket.onmessage = (event) => this.listener.frame(event.data);
    // The close event that follows an error carries the code; browsers give no detail here on purpose.
    socket.onerror = () => {};
    socket.onclose = (event) => this.closed(socket, event.code, event.reason);
  }

  private closed(socket: WebSocketLike, code: number, reason: string): void {
    if (socket !== this.socket) return;
    detach(socket);
    this.socket = undefined;
    this.listener.dropped(false);
    const attempt = this.current.state === 'open' ? 0 : this.current.attempt;
    const delay = backoffDelay(this.backoff, attempt, this.random());
    this.setStatus({
      state: 'reconnecting',
      url: this.current.url,
      attempt: attempt + 1,
      retryAt: this.timers.now() + delay,
      retryInMs: delay,
      lastError: `closed with code ${code}${reason ? `: ${reason}` : ''}`,
    });
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = undefined;
      this.open();
    }, delay);
  }

  private cancelRetry(): void {
    if (this.retryTimer !== undefined) {
      this.timers.clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
  }

  private setStatus(status: ConnectionStatus): void {
    const clean: ConnectionStatus = { state: status.state, url: status.url, attempt: status.attempt };
    if (status.retryAt !== undefined) clean.retryAt = status.retryAt;
    if (status.retryInMs !== undefined) clean.retryInMs = status.retryInMs;
    if (status.lastError !== undefined) clean.lastError = status.lastError;
    this.current = clean;
    this.listener.status(clean);
  }
}

function detach(socket: WebSocketLike): void {
  socket.onopen = null;
  socket.onclose = null;
  socket.onerror = null;
  socket.onmessage = null;
}
