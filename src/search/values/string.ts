// String search values: https://hl7.org/fhir/R4/search.html#string
import { FhirError, issue } from '../../fhir/outcome';
import type { SearchParamDef } from '../search-parameters';
import { unescape } from './escaping';
import { assertText, escapedAlternatives, parseMissing, type ValueParser } from './value-parser';

/**
 * The form both the index and the query use for case- and accent-insensitive matching: canonical decomposition
 * (NFD) splits "é" into "e" and a combining accent, the accents (Unicode marks) are dropped, then lower case.
 * Index and query must use this same function, or default and :contains searches silently miss.
 */
export function normalizeString(value: string): string {
  // ASCII has no accents to remove and decomposes to itself.
  return ASCII.test(value) ? value.toLowerCase() : value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
const ASCII = /^[\x00-\x7f]*$/;

/** `exact` is the value as sent (for :exact), `normalized` its normalizeString form (for the default and :contains). */
export interface StringValue {
  readonly exact: string;
  readonly normalized: string;
}

/** `_text` and `_content` are string parameters searched as full text (search.html#_text); their values are text queries. */
export const FULL_TEXT_PARAMETERS: ReadonlySet<string> = new Set(['_text', '_content']);

export function parseStringValue(escaped: string): StringValue {
  const exact = unescape(escaped);
  return { exact, normalized: normalizeString(exact) };
}

export const stringParser: ValueParser = {
  modifiers: ['exact', 'contains', 'missing'],
  parse(raw: string, modifier: string | undefined, param: SearchParamDef) {
    if (modifier === 'missing') return parseMissing(raw, param);
    if (FULL_TEXT_PARAMETERS.has(param.code)) {
      if (modifier) throw new FhirError(400, [issue('not-supported', `Modifier '${modifier}' is not supported on '${param.code}'`, param.code)]);
      // A full-text query is one value: its commas are words of the query, not alternatives.
      return [parseStringValue(assertText(raw, param))];
    }
    return escapedAlternatives(raw, param).map(parseStringValue);
  },
};
