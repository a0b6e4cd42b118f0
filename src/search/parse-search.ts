// Parses a search query string into a SearchRequest: https://hl7.org/fhir/R4/search.html
import type { OperationOutcomeIssue } from 'fhir/r4';
import { FhirError, issue } from '../fhir/outcome';
import type { SearchParamDef, SearchParameterRegistry } from './search-parameters';
import type { SearchCriterion, SearchRequest, TokenValue } from './search-request';

/** Parameters that shape the response rather than select resources; handled outside the search. */
const RESULT_PARAMETERS = new Set(['_format', '_pretty', '_summary', '_elements', '_count', '_total', '_offset']);

/** Whether a parameter can be searched today; the CapabilityStatement lists exactly these. */
export function isSupported(def: SearchParamDef): boolean {
  return def.code === '_id' || (def.type === 'token' && def.expression !== undefined);
}

export interface SearchOptions {
  readonly strict: boolean;
  readonly defaultCount: number;
  readonly maxCount: number;
}

export interface ParsedSearch {
  readonly request: SearchRequest;
  /** Parameters that were ignored (lenient handling), reported to the client. */
  readonly ignored: OperationOutcomeIssue[];
  /** The parameters that were applied, for the `self` link. */
  readonly applied: [string, string][];
}

/** Splits on `sep` except where escaped with `\` (search.html#escaping), then unescapes. */
export function splitEscaped(value: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && i + 1 < value.length && (value[i + 1] === ',' || value[i + 1] === '|' || value[i + 1] === '$' || value[i + 1] === '\\')) {
      current += c + value[i + 1];
      i++;
    } else if (c === sep) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

const unescape = (s: string) => s.replace(/\\([,|$\\])/g, '$1');

export function parseToken(raw: string): TokenValue {
  const parts = splitEscaped(raw, '|');
  if (parts.length === 1) return { code: unescape(parts[0]) };
  const system = unescape(parts[0]);
  const code = unescape(parts.slice(1).join('|'));
  return { system: system === '' ? null : system, ...(code === '' ? {} : { code }) };
}

function parseCount(raw: string, options: SearchOptions): number {
  if (!/^\d+$/.test(raw)) throw new FhirError(400, [issue('invalid', `_count must be a non-negative integer, not '${raw}'`, '_count')]);
  return Math.min(Number(raw), options.maxCount);
}

export function parseSearch(resourceType: string, query: [string, string][], registry: SearchParameterRegistry, options: SearchOptions): ParsedSearch {
  const criteria: SearchCriterion[] = [];
  const ignored: OperationOutcomeIssue[] = [];
  const applied: [string, string][] = [];
  let count = options.defaultCount;
  let total: SearchRequest['total'] = 'none';
  const reject = (name: string, why: string) => {
    if (options.strict) throw new FhirError(400, [issue('not-supported', why, name)]);
    ignored.push(issue('not-supported', `${why}; it was ignored`, name, 'warning'));
  };

  for (const [name, value] of query) {
    const [code, modifier] = name.split(':', 2);
    if (RESULT_PARAMETERS.has(name)) {
      if (name === '_count') count = parseCount(value, options);
      if (name === '_total') total = value === 'accurate' ? 'accurate' : 'none';
      if (name !== '_format' && name !== '_pretty') applied.push([name, value]);
      continue;
    }
    const def = registry.get(resourceType, code);
    if (!def) {
      reject(name, `Unknown search parameter '${code}' for ${resourceType}`);
      continue;
    }
    if (!isSupported(def)) {
      reject(name, `Search parameter '${code}' (${def.type}) is not supported yet`);
      continue;
    }
    if (code === '_id' && modifier === undefined) {
      criteria.push({ kind: 'id', ids: splitEscaped(value, ',').map(unescape) });
    } else if (def.type === 'token' && (modifier === undefined || modifier === 'not')) {
      criteria.push({ kind: 'token', code, modifier, values: splitEscaped(value, ',').map(parseToken) });
    } else {
      reject(name, `Modifier '${modifier}' is not supported on '${code}'`);
      continue;
    }
    applied.push([name, value]);
  }
  return { request: { resourceType, criteria, count, offset: 0, total }, ignored, applied };
}
