// The url of a Bundle entry's request: https://hl7.org/fhir/R4/bundle-definitions.html#Bundle.entry.request.url
import { invalid } from './outcome';

export interface EntryTarget {
  readonly type?: string;
  readonly id?: string;
  readonly versionId?: string;
  readonly history: boolean;
  readonly operation?: string;
  /** The query string, without `?`; conditional or search criteria. */
  readonly query?: string;
}

/** Reads `Type`, `Type/id`, `Type/id/_history/vid`, `Type?query`, `Type/$op`, `_history` …, relative or on our base. */
export function parseEntryUrl(url: string, baseUrl: string, expression: string): EntryTarget {
  let relative = url.startsWith(`${baseUrl}/`) ? url.slice(baseUrl.length + 1) : url;
  if (/^[a-z]+:/i.test(relative)) throw invalid(`The request url '${url.slice(0, 100)}' is not on this server`, expression);
  relative = relative.replace(/^\/+/, '');
  const q = relative.indexOf('?');
  const path = q < 0 ? relative : relative.slice(0, q);
  const query = q < 0 ? undefined : relative.slice(q + 1);
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, third, fourth] = segments;
  const op = (s?: string) => (s?.startsWith('$') ? s.slice(1) : undefined);
  if (segments.length === 0) return { history: false, query };
  if (first === '_history' && segments.length === 1) return { history: true, query };
  if (segments.length === 1) return { type: first, history: false, query, operation: undefined };
  if (segments.length === 2 && second === '_history') return { type: first, history: true, query };
  if (segments.length === 2 && op(second)) return { type: first, history: false, operation: op(second), query };
  if (segments.length === 2) return { type: first, id: second, history: false, query };
  if (segments.length === 3 && third === '_history') return { type: first, id: second, history: true, query };
  if (segments.length === 3 && op(third)) return { type: first, id: second, history: false, operation: op(third), query };
  if (segments.length === 4 && third === '_history') return { type: first, id: second, versionId: fourth, history: false, query };
  throw invalid(`The request url '${url.slice(0, 100)}' is not a FHIR interaction`, expression);
}
