import type { ClientMessage, ServerMessage, WebSocketLike } from '../../src/protocol';

/**
 * An in-memory WebSocket: the test plays the server. `open()`, `serverSends()` and
 * `serverCloses()` fire the events a browser would; `sent` records what the client sent.
 */
export class FakeWebSocket implements WebSocketLike {
  readyState = 0;
  onopen: WebSocketLike['onopen'] = null;
  onclose: WebSocketLike['onclose'] = null;
  onerror: WebSocketLike['onerror'] = null;
  onmessage: WebSocketLike['onmessage'] = null;
  readonly sent: ClientMessage[] = [];
  closedByClient: { code?: number; reason?: string } | undefined;

  constructor(
    readonly url: string,
    readonly protocols?: string[],
  ) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('InvalidStateError: not open');
    this.sent.push(JSON.parse(data) as ClientMessage);
  }

  close(code?: number, reason?: string): void {
    this.closedByClient = { code, reason };
    this.readyState = 3;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  serverSends(message: ServerMessage | string): void {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }

  /** A connection that fails or drops: error then close, as browsers report it. */
  serverCloses(code = 1006, reason = ''): void {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({ code, reason, wasClean: false });
  }

  /** The request id of the last message the client sent with this action. */
  lastRequestId(action: ClientMessage['action']): string {
    const m = [...this.sent].reverse().find((s) => s.action === action);
    if (m?.requestId === undefined) throw new Error(`no ${action} sent`);
    return m.requestId;
  }
}

/** A socket factory that keeps every socket it made, newest last. */
export class FakeSockets {
  readonly all: FakeWebSocket[] = [];
  readonly factory = (url: string, protocols?: string[]): FakeWebSocket => {
    const s = new FakeWebSocket(url, protocols);
    this.all.push(s);
    return s;
  };

  get last(): FakeWebSocket {
    const s = this.all[this.all.length - 1];
    if (s === undefined) throw new Error('no socket was created');
    return s;
  }
}
