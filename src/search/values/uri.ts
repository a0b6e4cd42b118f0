// URI search values: https://hl7.org/fhir/R4/search.html#uri
import type { SearchParamDef } from '../search-parameters';
import { unescape } from './escaping';
import { escapedAlternatives, parseMissing, type ValueParser } from './value-parser';

export interface UriValue {
  readonly uri: string;
}

/**
 * The URIs `uri:above` matches: the value and each ancestor on its path, cut at a `/` (with and without the
 * trailing slash), down to the authority: `http://a.org/fhir/ValueSet/1` → …/ValueSet/1, …/ValueSet(/), …/fhir(/), http://a.org(/).
 * Cutting only at `/` keeps `http://a.org/fh` from being "above" `http://a.org/fhir`.
 */
export function uriAncestors(uri: string): string[] {
  const authority = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]+/.exec(uri)?.[0];
  const found = new Set([uri]);
  if (!authority) return [...found];
  for (let cut = uri.lastIndexOf('/'); cut >= authority.length; cut = uri.lastIndexOf('/', cut - 1)) {
    found.add(uri.slice(0, cut));
    found.add(uri.slice(0, cut + 1));
  }
  return [...found];
}

export function parseUriValue(escaped: string): UriValue {
  return { uri: unescape(escaped) };
}

export const uriParser: ValueParser = {
  modifiers: ['below', 'above', 'missing'],
  parse(raw: string, modifier: string | undefined, param: SearchParamDef) {
    if (modifier === 'missing') return parseMissing(raw, param);
    return escapedAlternatives(raw, param).map(parseUriValue);
  },
};
