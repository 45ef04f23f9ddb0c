import { useCallback, useEffect, useRef, useState } from 'react';
import {
  AthenaWsClient,
  type AthenaWsClientOptions,
  type CatalogEntry,
  type ConnectionStatus,
  type ErrorMessage,
  type QueryRun,
  type RunRequest,
  type ServerMessage,
} from '../protocol';

export interface UseAthenaWsOptions {
  /** Client options other than the URL; read when the client is created (on mount and URL change). */
  client?: Omit<AthenaWsClientOptions, 'url'>;
  /**
   * Batches re-renders: many `rows` messages can arrive between two frames. Default
   * `requestAnimationFrame` (a 16 ms timeout where there is none).
   */
  schedule?: (callback: () => void) => () => void;
}

export interface AthenaWs {
  status: ConnectionStatus;
  /** The catalog of the current connection, once received. */
  catalog: CatalogEntry[] | undefined;
  /** An `error` the server sent instead of the catalog. */
  catalogError: ErrorMessage | undefined;
  /** The run started last with {@link runQuery}; updated in place. */
  run: QueryRun | undefined;
  /** Increases on every re-render caused by the client: use it to memoize on the mutable run. */
  version: number;
  /** The last server message that matched no request. */
  unmatched: ServerMessage | undefined;
  /** The last frame that was not a valid protocol message. */
  protocolError: { reason: string; data: string } | undefined;
  /** Starts a query run; it becomes {@link run}. */
  runQuery(request: RunRequest): QueryRun | undefined;
  /** Sends `cancel` for a run (see AthenaWsClient.cancel). @returns whether it went out */
  cancel(run: QueryRun): boolean;
  /** Reconnects now (also resets the backoff). */
  reconnect(): void;
  client: AthenaWsClient | undefined;
}

const defaultSchedule = (callback: () => void): (() => void) => {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(callback);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(callback, 16);
  return () => clearTimeout(id);
};

const IDLE: ConnectionStatus = { state: 'idle', url: '', attempt: 0 };

/**
 * React binding of {@link AthenaWsClient}: one client per `url`, connected while the component is
 * mounted, closed on unmount or URL change. Re-renders at most once per frame however many
 * messages arrive.
 */
export function useAthenaWs(url: string, options: UseAthenaWsOptions = {}): AthenaWs {
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const [client, setClient] = useState<AthenaWsClient>();
  const [version, setVersion] = useState(0);
  const runRef = useRef<QueryRun>(undefined);
  const catalogErrorRef = useRef<ErrorMessage>(undefined);
  const unmatchedRef = useRef<ServerMessage>(undefined);
  const protocolErrorRef = useRef<{ reason: string; data: string }>(undefined);

  useEffect(() => {
    const { client: clientOptions, schedule = defaultSchedule } = optionsRef.current;
    const c = new AthenaWsClient({ ...clientOptions, url });
    let pending = false;
    let cancel: (() => void) | undefined;
    const refresh = () => {
      if (pending) return;
      pending = true;
      const cancelThis = schedule(() => {
        pending = false;
        cancel = undefined;
        setVersion((v) => v + 1);
      });
      // A synchronous scheduler has already run the callback.
      if (pending) cancel = cancelThis;
    };
    runRef.current = undefined;
    catalogErrorRef.current = undefined;
    const offs = [
      c.on('status', refresh),
      c.on('catalog', () => {
        catalogErrorRef.current = undefined;
        refresh();
      }),
      c.on('catalogError', (e) => {
        catalogErrorRef.current = e;
        refresh();
      }),
      c.on('run', (r) => {
        if (r === runRef.current) refresh();
      }),
      c.on('unmatched', (m) => {
        unmatchedRef.current = m;
        refresh();
      }),
      c.on('protocolError', (e) => {
        protocolErrorRef.current = e;
        refresh();
      }),
    ];
    setClient(c);
    c.connect();
    return () => {
      for (const off of offs) off();
      cancel?.();
      c.close();
    };
  }, [url]);

  const runQuery = useCallback(
    (request: RunRequest) => {
      if (client === undefined) return undefined;
      const previous = runRef.current;
      runRef.current = undefined;
      if (previous !== undefined && previous.finished) client.forget(previous.requestId);
      const run = client.runQuery(request);
      runRef.current = run;
      setVersion((v) => v + 1);
      return run;
    },
    [client],
  );

  const cancel = useCallback((run: QueryRun) => client?.cancel(run) ?? false, [client]);

  const reconnect = useCallback(() => {
    if (client !== undefined) client.setUrl(client.status.url);
  }, [client]);

  return {
    status: client?.status ?? { ...IDLE, url },
    catalog: client?.catalog,
    catalogError: catalogErrorRef.current,
    run: runRef.current,
    version,
    unmatched: unmatchedRef.current,
    protocolError: protocolErrorRef.current,
    runQuery,
    cancel,
    reconnect,
    client,
  };
}
