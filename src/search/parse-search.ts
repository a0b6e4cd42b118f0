// Parses a search query string into a SearchRequest: https://hl7.org/fhir/R4/search.html
import type { OperationOutcomeIssue } from 'fhir/r4';
import { FhirError, issue } from '../fhir/outcome';
import type { SearchParamDef, SearchParameterRegistry } from './search-parameters';
import type { SearchCriterion, SearchRequest } from './search-request';
import { VALUE_PARSERS } from './values';

/** Parameters that shape the response rather than select resources. */
const RESULT_PARAMETERS = new Set(['_format', '_pretty', '_summary', '_elements', '_count', '_total', '_offset']);

/** Whether a parameter can be searched; the CapabilityStatement lists exactly these. */
export function isSupported(def: SearchParamDef): boolean {
  return VALUE_PARSERS[def.type] !== undefined && (def.expression !== undefined || def.code === '_id');
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

function nonNegative(name: string, raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new FhirError(400, [issue('invalid', `${name} must be a non-negative integer, not '${raw.slice(0, 20)}'`, name)]);
  return Number(raw);
}

/** One `name=value` pair that selects resources; `reject` reports what cannot be searched. */
function criterion(resourceType: string, name: string, value: string, registry: SearchParameterRegistry, reject: (why: string) => void): SearchCriterion | undefined {
  const [code, modifier] = name.split(':', 2);
  const param = registry.get(resourceType, code);
  if (!param) return void reject(`Unknown search parameter '${code}' for ${resourceType}`);
  const parser = VALUE_PARSERS[param.type];
  if (!parser || !isSupported(param)) return void reject(`Search parameter '${code}' (${param.type}) is not supported yet`);
  if (modifier !== undefined && !parser.modifiers.includes(modifier)) return void reject(`Modifier '${modifier}' is not supported on '${code}'`);
  return { kind: 'value', param, modifier, values: parser.parse(value, modifier, param) };
}

export function parseSearch(resourceType: string, query: [string, string][], registry: SearchParameterRegistry, options: SearchOptions): ParsedSearch {
  const criteria: SearchCriterion[] = [];
  const ignored: OperationOutcomeIssue[] = [];
  const applied: [string, string][] = [];
  let count = options.defaultCount;
  let offset = 0;
  let total: SearchRequest['total'] = 'none';

  for (const [name, value] of query) {
    if (RESULT_PARAMETERS.has(name)) {
      if (name === '_count') count = Math.min(nonNegative(name, value), options.maxCount);
      if (name === '_offset') offset = nonNegative(name, value);
      if (name === '_total') total = value === 'accurate' ? 'accurate' : 'none';
      if (name !== '_format' && name !== '_pretty' && name !== '_offset') applied.push([name, value]);
      continue;
    }
    const reject = (why: string) => {
      if (options.strict) throw new FhirError(400, [issue('not-supported', why, name)]);
      ignored.push(issue('not-supported', `${why}; it was ignored`, name, 'warning'));
    };
    const found = criterion(resourceType, name, value, registry, reject);
    if (found) {
      criteria.push(found);
      applied.push([name, value]);
    }
  }
  return { request: { resourceType, criteria, count, offset, total }, ignored, applied };
}
