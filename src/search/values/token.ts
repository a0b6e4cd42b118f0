// Token search values: https://hl7.org/fhir/R4/search.html#token
import type { SearchParamDef } from '../search-parameters';
import type { TokenValue } from '../search-request';
import { splitEscaped, unescape } from './escaping';
import { normalizeString } from './string';
import { badValue, escapedAlternatives, parseMissing, type ValueParser } from './value-parser';

/** `:text` (search.html#modifiers): the normalised text to find at the start of a display or text. */
export interface TokenTextValue {
  readonly text: string;
}

/** `:of-type` (search.html#token): an Identifier whose type has the coding system|code and whose value is `value`. */
export interface OfTypeValue {
  readonly system: string;
  readonly code: string;
  readonly value: string;
}

/** `:in` / `:not-in`: the canonical URL of a value set (a `|version` is ignored: Ignis holds one version of each). */
export interface ValueSetValue {
  readonly valueSet: string;
}

export function parseToken(raw: string): TokenValue {
  const parts = splitEscaped(raw, '|');
  if (parts.length === 1) return { code: unescape(parts[0]) };
  const system = unescape(parts[0]);
  const code = unescape(parts.slice(1).join('|'));
  return { system: system === '' ? null : system, ...(code === '' ? {} : { code }) };
}

function parseOfType(escaped: string, param: SearchParamDef): OfTypeValue {
  const parts = splitEscaped(escaped, '|').map(unescape);
  if (parts.length !== 3 || parts.some((p) => p === '')) throw badValue(param, unescape(escaped), ':of-type value (system|code|value, all three present)');
  const [system, code, value] = parts;
  return { system, code, value };
}

export const tokenParser: ValueParser = {
  // :above and :below need subsumption from a terminology server; they are refused.
  modifiers: ['not', 'text', 'of-type', 'in', 'not-in', 'missing'],
  parse(raw: string, modifier: string | undefined, param: SearchParamDef) {
    if (modifier === 'missing') return parseMissing(raw, param);
    // _id is a column of the resource, with no codings, display or identifier type.
    if (param.code === '_id' && modifier !== undefined && modifier !== 'not') throw badValue(param, `:${modifier}`, 'modifier');
    const values = escapedAlternatives(raw, param);
    if (modifier === 'text') return values.map((v): TokenTextValue => ({ text: normalizeString(unescape(v)) }));
    if (modifier === 'of-type') return values.map((v) => parseOfType(v, param));
    if (modifier === 'in' || modifier === 'not-in') return values.map((v): ValueSetValue => ({ valueSet: unescape(v).split('|')[0] }));
    return values.map(parseToken);
  },
};
