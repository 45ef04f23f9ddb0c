import type { ParameterInfo } from '../protocol';

export interface FieldError {
  message: string;
  source: 'client' | 'server';
  code?: string;
}

export interface ParameterFieldProps {
  spec: ParameterInfo;
  text: string;
  error: FieldError | undefined;
  onChange(text: string): void;
}

/** Rules of a parameter as a short hint: "string · required · pattern [A-Za-z]{1,64} · max 32". */
export function ruleHint(spec: ParameterInfo): string {
  const parts = [spec.type, spec.required ? 'required' : `default ${JSON.stringify(spec.default)}`];
  if (spec.pattern !== undefined) parts.push(`pattern ${spec.pattern}`);
  if (spec.min !== undefined && spec.max !== undefined) parts.push(`${spec.min} .. ${spec.max}`);
  else if (spec.min !== undefined) parts.push(`>= ${spec.min}`);
  else if (spec.max !== undefined) parts.push(`<= ${spec.max}`);
  if (spec.maxLength !== undefined) parts.push(`max ${spec.maxLength} chars`);
  if (spec.type === 'date') parts.push('yyyy-MM-dd');
  if (spec.type === 'timestamp') parts.push('yyyy-MM-dd HH:mm:ss[.fff]');
  return parts.join(' · ');
}

function choices(spec: ParameterInfo): string[] | undefined {
  if (spec.enum !== undefined && spec.enum.length > 0) return spec.enum.map((v) => String(v));
  if (spec.type === 'boolean') return ['true', 'false'];
  return undefined;
}

/** One labelled input (or select, for enums and booleans) with its rules and its error. */
export function ParameterField({ spec, text, error, onChange }: ParameterFieldProps) {
  const id = `param-${spec.name}`;
  const options = choices(spec);
  const common = {
    id,
    'data-testid': id,
    'aria-invalid': error !== undefined,
    'aria-describedby': `${id}-hint`,
  };
  return (
    <div className={error === undefined ? 'field' : 'field invalid'}>
      <label htmlFor={id}>
        {spec.name}
        {spec.required && <span className="required"> *</span>}
      </label>
      {options === undefined ? (
        <input
          {...common}
          type="text"
          spellCheck={false}
          inputMode={spec.type === 'integer' ? 'numeric' : spec.type === 'decimal' ? 'decimal' : undefined}
          value={text}
          placeholder={spec.required ? 'required' : 'empty: server default'}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          {(spec.required || !options.includes(text)) && <option value="">(none)</option>}
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      )}
      <div className="hint" id={`${id}-hint`}>
        {spec.description !== undefined && <div className="description">{spec.description}</div>}
        <div className="rules">{ruleHint(spec)}</div>
      </div>
      {error !== undefined && (
        <div
          className="error"
          role="alert"
          data-testid={`field-error-${spec.name}`}
          data-source={error.source}
          data-code={error.code}
        >
          {error.message}
        </div>
      )}
    </div>
  );
}
