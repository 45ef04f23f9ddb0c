import { useState, type FormEvent } from 'react';
import type { ConnectionStatus } from '../protocol';
import { formatMillis } from './format';
import { wsUrlProblem } from './wsUrl';

export interface ConnectionBarProps {
  status: ConnectionStatus;
  url: string;
  /** Connect to `url` (also when it is the current one: reconnects at once). */
  onConnect(url: string): void;
  /** A query waits for the connection to resume on. */
  resuming?: boolean;
}

const LABELS: Record<ConnectionStatus['state'], string> = {
  idle: 'not connected',
  connecting: 'connecting',
  open: 'connected',
  reconnecting: 'reconnecting',
  closed: 'disconnected',
};

function detail(status: ConnectionStatus, resuming: boolean): string {
  const parts: string[] = [];
  if (status.state === 'reconnecting' && status.retryInMs !== undefined) {
    parts.push(`attempt ${status.attempt}, next in ${formatMillis(status.retryInMs)}`);
  }
  if (resuming && status.state !== 'open') parts.push('the running query resumes once connected');
  if (status.state !== 'open' && status.lastError !== undefined) parts.push(status.lastError);
  return parts.join(' · ');
}

/** The WebSocket URL field and the connection state. */
export function ConnectionBar({ status, url, onConnect, resuming = false }: ConnectionBarProps) {
  const [text, setText] = useState(url);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = text.trim();
    const p = wsUrlProblem(trimmed);
    setProblem(p);
    if (p === null) onConnect(trimmed);
  };

  return (
    <form className="connection" onSubmit={submit}>
      <span
        className={`state state-${status.state}`}
        data-testid="connection-state"
        data-state={status.state}
      >
        {LABELS[status.state]}
      </span>
      <label className="url">
        <span className="sr-only">WebSocket URL</span>
        <input
          data-testid="ws-url"
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={problem !== null}
        />
      </label>
      <button type="submit" data-testid="ws-connect">
        {status.state === 'open' && text.trim() === url ? 'Reconnect' : 'Connect'}
      </button>
      {problem !== null && (
        <span className="error" data-testid="ws-url-error">
          {problem}
        </span>
      )}
      <span className="detail" data-testid="connection-detail">
        {detail(status, resuming)}
      </span>
    </form>
  );
}
