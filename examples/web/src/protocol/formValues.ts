import type { ParameterInfo, ParameterValue } from './messages';

/**
 * Turns the text of a form field into the JSON value sent for a parameter.
 *
 * - Empty text means "not given": the server applies the parameter's default (or refuses a
 *   required one).
 * - `integer`: plain digits within JavaScript's safe range become a JSON number; anything else is
 *   sent as the text, which the server accepts only as `-?[0-9]{1,19}` (so values past 2^53 keep
 *   every digit).
 * - `decimal`: always the text, so scale and digits arrive exactly (`"12.50"`).
 * - `boolean`: `"true"`/`"false"` become JSON booleans; other text is sent as is (and refused).
 * - `string`, `date`, `timestamp` and unknown types: the text.
 */
export function toParameterValue(spec: ParameterInfo, text: string): ParameterValue | undefined {
  if (text === '') return undefined;
  switch (spec.type) {
    case 'integer': {
      if (/^-?[0-9]+$/.test(text)) {
        const n = Number(text);
        if (Number.isSafeInteger(n)) return n;
      }
      return text;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    default:
      return text;
  }
}

/** The text a form field starts with: the parameter's default, or empty. */
export function initialText(spec: ParameterInfo): string {
  const d = spec.default;
  return d === undefined || d === null ? '' : String(d);
}
