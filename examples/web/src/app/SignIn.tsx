import { useState, type FormEvent } from 'react';
import type { SignInRequest } from './auth';

export interface SignInProps {
  /** Gets a token for the request; a rejection's message is shown. */
  onSignIn(request: SignInRequest): Promise<void>;
  /** Why the previous session ended, e.g. an expired token. */
  notice?: string;
}

/**
 * The local stack's sign-in (`--auth jwt`): subject, groups and the `account` claim, sent to the
 * stack's local-only dev-token endpoint. Not a real login: anyone who reaches the stack can mint any
 * token.
 */
export function SignIn({ onSignIn, notice }: SignInProps) {
  const [subject, setSubject] = useState('alice');
  const [groups, setGroups] = useState('');
  const [account, setAccount] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (subject.trim() === '') {
      setProblem('A subject is required.');
      return;
    }
    setBusy(true);
    setProblem(undefined);
    onSignIn({ subject, groups, account }).catch((err: unknown) => {
      setBusy(false);
      setProblem(`Sign-in failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  };

  return (
    <form className="signin" data-testid="signin-form" onSubmit={submit}>
      <h2>Sign in (local stack)</h2>
      {notice !== undefined && (
        <p className="warning" data-testid="signin-notice">
          {notice}
        </p>
      )}
      <label>
        Subject
        <input data-testid="signin-subject" value={subject} onChange={(e) => setSubject(e.target.value)} />
      </label>
      <label>
        Groups <span className="muted">(comma-separated)</span>
        <input data-testid="signin-groups" value={groups} onChange={(e) => setGroups(e.target.value)} />
      </label>
      <label>
        Account claim
        <input data-testid="signin-account" value={account} onChange={(e) => setAccount(e.target.value)} />
      </label>
      <button type="submit" data-testid="signin-submit" disabled={busy}>
        Sign in
      </button>
      {problem !== undefined && (
        <p className="warning" data-testid="signin-problem">
          {problem}
        </p>
      )}
      <p className="muted">Tokens come from the stack's /dev-token endpoint: for local development only.</p>
    </form>
  );
}
