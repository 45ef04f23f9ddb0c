import { useState } from 'react';
import type { WebSocketFactory } from '../protocol';
import { useAthenaWs } from '../react';
import { ConnectionBar } from './ConnectionBar';
import { QueryPanel } from './QueryPanel';
import { RunView } from './RunView';

export interface AppProps {
  initialUrl: string;
  /** Called with the URL the user connects to (the page keeps it in `?ws=`). */
  onUrlChange?(url: string): void;
  /** Socket factory (tests inject a fake). */
  webSocket?: WebSocketFactory;
  /** Re-render batching (tests run it synchronously). */
  schedule?: (callback: () => void) => () => void;
}

/** The athena-ws web client: connection bar, query form and the streaming result. */
export function App({ initialUrl, onUrlChange, webSocket, schedule }: AppProps) {
  const [url, setUrl] = useState(initialUrl);
  const ws = useAthenaWs(url, { client: webSocket === undefined ? {} : { webSocket }, schedule });
  const connect = (next: string) => {
    if (next === url) ws.reconnect();
    else setUrl(next);
    onUrlChange?.(next);
  };
  return (
    <div className="app">
      <header className="top">
        <h1>
          athena-ws <span className="muted">Athena results over WebSocket</span>
        </h1>
        <ConnectionBar status={ws.status} url={url} onConnect={connect} resuming={ws.run?.interrupted === true} />
      </header>
      {ws.unmatched?.type === 'error' && (
        <p className="warning" data-testid="unmatched-error">
          Server error without a request: {ws.unmatched.code}: {ws.unmatched.message}
        </p>
      )}
      {ws.protocolError !== undefined && (
        <p className="warning" data-testid="protocol-error">
          Ignored an invalid message from the server ({ws.protocolError.reason}).
        </p>
      )}
      <main className="layout">
        <QueryPanel
          catalog={ws.catalog}
          catalogError={ws.catalogError}
          connected={ws.status.state === 'open'}
          run={ws.run}
          onRun={(query, parameters, delivery) => ws.runQuery({ query, parameters, delivery })}
        />
        <RunView run={ws.run} version={ws.version} connected={ws.status.state === 'open'} onCancel={ws.cancel} />
      </main>
    </div>
  );
}
