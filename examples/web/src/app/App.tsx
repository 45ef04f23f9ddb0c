import { useMemo, useState } from 'react';
import type { WebSocketFactory, WebSocketLike } from '../protocol';
import { useAthenaWs } from '../react';
import { authenticatedFactory, fetchDevToken, tokenExpiry, type Session, type SignInRequest } from './auth';
import { ConnectionBar } from './ConnectionBar';
import { QueryPanel } from './QueryPanel';
import { RunView } from './RunView';
import { SignIn } from './SignIn';

export interface AppProps {
  initialUrl: string;
  /** Called with the URL the user connects to (the page keeps it in `?ws=`). */
  onUrlChange?(url: string): void;
  /** Socket factory (tests inject a fake). */
  webSocket?: WebSocketFactory;
  /** Re-render batching (tests run it synchronously). */
  schedule?: (callback: () => void) => () => void;
  /** The server runs `--auth jwt`: sign in first, then connect with the token (`?auth=jwt`). */
  auth?: boolean;
  /** Fetches the dev token endpoint (tests inject a fake). */
  fetcher?: typeof fetch;
  /** The time, ms since the epoch (tests inject a clock). */
  now?: () => number;
}

const browserSocket: WebSocketFactory = (url, protocols) =>
  new WebSocket(url, protocols) as unknown as WebSocketLike;

/** The athena-ws web client: sign-in when the server wants it, then the connected workspace. */
export function App(props: AppProps) {
  const { auth = false, fetcher, now = Date.now } = props;
  const [url, setUrl] = useState(props.initialUrl);
  const [session, setSession] = useState<Session>();
  const [notice, setNotice] = useState<string>();

  const signIn = async (request: SignInRequest) => {
    const token = await fetchDevToken(url, request, fetcher);
    setNotice(undefined);
    setSession({ token, subject: request.subject.trim(), expiresAt: tokenExpiry(token) });
  };
  const signOut = (why?: string) => {
    setNotice(why);
    setSession(undefined);
  };

  if (auth && session === undefined) {
    return (
      <div className="app">
        <Header />
        <SignIn onSignIn={signIn} notice={notice} />
      </div>
    );
  }
  return (
    <Workspace
      // A new session is a new client: its sockets carry the new token.
      key={session?.token ?? 'open'}
      {...props}
      url={url}
      setUrl={setUrl}
      session={session}
      now={now}
      onSignOut={signOut}
    />
  );
}

function Header() {
  return (
    <h1>
      athena-ws <span className="muted">Athena results over WebSocket</span>
    </h1>
  );
}

interface WorkspaceProps extends AppProps {
  url: string;
  setUrl(url: string): void;
  session: Session | undefined;
  now: () => number;
  onSignOut(why?: string): void;
}

/** Connection bar, query form and the streaming result. */
function Workspace({ url, setUrl, onUrlChange, webSocket, schedule, session, now, onSignOut }: WorkspaceProps) {
  const factory = useMemo(() => {
    const base = webSocket ?? browserSocket;
    return session === undefined
      ? base
      : authenticatedFactory(base, session, now, () => onSignOut('Signed out: your token expired. Sign in again.'));
    // One factory per client: the session and the injected factory are fixed for this component.
  }, []);
  const ws = useAthenaWs(url, { client: { webSocket: factory }, schedule });
  const connect = (next: string) => {
    if (next === url) ws.reconnect();
    else setUrl(next);
    onUrlChange?.(next);
  };
  return (
    <div className="app">
      <header className="top">
        <Header />
        {session !== undefined && (
          <p className="muted" data-testid="signed-in">
            signed in as {session.subject}{' '}
            <button type="button" data-testid="signout" onClick={() => onSignOut()}>
              Sign out
            </button>
          </p>
        )}
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
