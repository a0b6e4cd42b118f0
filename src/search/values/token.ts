// Token search values: https://hl7.org/fhir/R4/search.html#token
import type { TokenValue } from '../search-request';
import { splitEscaped, unescape } from './escaping';
import type { ValueParser } from './value-parser';

export function parseToken(raw: string): TokenValue {
  const parts = splitEscaped(raw, '|');
  if (parts.length === 1) return { code: unescape(parts[0]) };
  const system = unescape(parts[0]);
  const code = unescape(parts.slice(1).join('|'));
  return { system: system === '' ? null : system, ...(code === '' ? {} : { code }) };
}

export const tokenParser: ValueParser = {
  modifiers: ['not'],
  parse: (raw) => splitEscaped(raw, ',').map(parseToken),
};
