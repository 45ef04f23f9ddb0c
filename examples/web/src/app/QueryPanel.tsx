import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  initialText,
  toParameterValue,
  validateParameters,
  type CatalogEntry,
  type Delivery,
  type ErrorMessage,
  type ParameterValue,
  type QueryRun,
} from '../protocol';
import { ParameterField, type FieldError } from './ParameterField';

export interface QueryPanelProps {
  catalog: CatalogEntry[] | undefined;
  catalogError: ErrorMessage | undefined;
  connected: boolean;
  /** The current run: its server error is shown next to the field it names, or the query. */
  run: QueryRun | undefined;
  onRun(query: string, parameters: Record<string, ParameterValue | undefined>, delivery: Delivery): void;
}

function textsFor(entry: CatalogEntry | undefined): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const p of entry?.parameters ?? []) texts[p.name] = initialText(p);
  return texts;
}

function valuesOf(entry: CatalogEntry, texts: Record<string, string>) {
  const values: Record<string, ParameterValue | undefined> = {};
  for (const p of entry.parameters) values[p.name] = toParameterValue(p, texts[p.name] ?? '');
  return values;
}

/** The query select, a form built from the selected query's parameter specs, and the run button. */
export function QueryPanel({ catalog, catalogError, connected, run, onRun }: QueryPanelProps) {
  const [selected, setSelected] = useState<string>();
  const entry = catalog?.find((q) => q.name === selected);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [checked, setChecked] = useState(false);
  const [skipValidation, setSkipValidation] = useState(false);
  const [asLink, setAsLink] = useState(false);
  const [editedSinceRun, setEditedSinceRun] = useState<Set<string>>(new Set());

  // A new catalog (first connect or reconnect): keep the selection if it still exists.
  useEffect(() => {
    if (catalog === undefined || catalog.some((q) => q.name === selected)) return;
    const next = catalog.find((q) => q.default) ?? catalog[0];
    setSelected(next?.name);
    setTexts(textsFor(next));
    setChecked(false);
  }, [catalog, selected]);

  useEffect(() => setEditedSinceRun(new Set()), [run]);

  const problems = useMemo(
    () => (entry !== undefined && checked ? validateParameters(entry, valuesOf(entry, texts)) : []),
    [entry, texts, checked],
  );

  const runHere = run !== undefined && run.query === entry?.name ? run : undefined;
  // A cancelled run is not an error of the form: the run view says "Cancelled".
  const serverError = runHere?.status === 'cancelled' ? undefined : runHere?.error;
  const serverField =
    serverError?.field !== undefined && entry?.parameters.some((p) => p.name === serverError.field)
      ? serverError.field
      : undefined;

  const errorOf = (name: string): FieldError | undefined => {
    const clientProblem = problems.find((p) => p.parameter === name);
    if (clientProblem !== undefined) return { message: clientProblem.message, source: 'client' };
    if (serverError !== undefined && serverField === name && !editedSinceRun.has(name)) {
      return { message: serverError.message, source: 'server', code: serverError.code };
    }
    return undefined;
  };

  const select = (name: string) => {
    setSelected(name);
    setTexts(textsFor(catalog?.find((q) => q.name === name)));
    setChecked(false);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (entry === undefined) return;
    const values = valuesOf(entry, texts);
    if (!skipValidation && validateParameters(entry, values).length > 0) {
      setChecked(true);
      return;
    }
    setChecked(false);
    onRun(entry.name, values, asLink ? 'link' : 'rows');
  };

  if (catalog === undefined) {
    return (
      <section className="panel query-panel" data-testid="catalog-status" data-state="loading">
        {catalogError !== undefined ? (
          <p className="error" data-testid="catalog-error">
            {catalogError.code}: {catalogError.message}
          </p>
        ) : (
          <p className="muted">{connected ? 'Loading the query catalog…' : 'Waiting for the connection…'}</p>
        )}
      </section>
    );
  }

  return (
    <form className="panel query-panel" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="query-select">Query</label>
        <select
          id="query-select"
          data-testid="query-select"
          data-count={catalog.length}
          value={selected ?? ''}
          onChange={(e) => select(e.target.value)}
        >
          {catalog.map((q) => (
            <option key={q.name} value={q.name}>
              {q.name}
              {q.default ? ' (default)' : ''}
            </option>
          ))}
        </select>
        {entry?.description !== undefined && (
          <div className="hint" data-testid="query-description">
            {entry.description}
          </div>
        )}
      </div>
      {entry?.parameters.length === 0 && <p className="muted">This query has no parameters.</p>}
      {entry?.parameters.map((p) => (
        <ParameterField
          key={`${entry.name}/${p.name}`}
          spec={p}
          text={texts[p.name] ?? ''}
          error={errorOf(p.name)}
          onChange={(text) => {
            setTexts((t) => ({ ...t, [p.name]: text }));
            setEditedSinceRun((s) => new Set(s).add(p.name));
          }}
        />
      ))}
      <div className="actions">
        <button type="submit" data-testid="run-button" disabled={!connected || entry === undefined}>
          Run query
        </button>
        <label className="delivery">
          <input
            type="checkbox"
            data-testid="delivery-link"
            checked={asLink}
            onChange={(e) => setAsLink(e.target.checked)}
          />{' '}
          As a CSV download link
        </label>
        <details className="debug" data-testid="debug-options">
          <summary>Debug</summary>
          <label>
            <input
              type="checkbox"
              data-testid="skip-validation"
              checked={skipValidation}
              onChange={(e) => setSkipValidation(e.target.checked)}
            />{' '}
            Skip client-side validation (send values as typed, let the server judge)
          </label>
        </details>
      </div>
      {serverError !== undefined && serverField === undefined && (
        <div className="error query-error" role="alert" data-testid="query-error" data-code={serverError.code}>
          <strong>{serverError.code}</strong> {serverError.message}
          {serverError.athenaErrorCategory !== undefined && (
            <span className="muted">
              {' '}
              (Athena error category {serverError.athenaErrorCategory}, type {serverError.athenaErrorType}
              {serverError.retryable === undefined ? '' : serverError.retryable ? ', retryable' : ', not retryable'})
            </span>
          )}
        </div>
      )}
    </form>
  );
}
