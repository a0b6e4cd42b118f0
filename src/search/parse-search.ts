// Parses a search query string into a SearchRequest: https://hl7.org/fhir/R4/search.html
import type { OperationOutcomeIssue } from 'fhir/r4';
import { FhirError, issue } from '../fhir/outcome';
import type { SearchParamDef, SearchParameterRegistry } from './search-parameters';
import { decodeCursor } from './cursor';
import { nonNegative, parseInclude, parseSort, RESULT_PARAMETERS } from './parse-result-params';
import type { IncludeSpec, SearchCriterion, SearchParamType, SearchRequest, SortKey } from './search-request';
import { VALUE_PARSERS } from './values';
import { isTypeModifier } from './values/reference';


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

/** Sorting needs a single comparable value per resource: composite and special parameters have none. */
const sortable = (code: string, type: string) => code === '_id' || code === '_lastUpdated' || (VALUE_PARSERS[type as SearchParamType] !== undefined && type !== 'composite' && type !== 'special');

/** Deeper chains are refused: each level is a join. */
const MAX_CHAIN = 4;

/** `_has:Type:reference:rest` (search.html#has): `rest` is searched on `Type`, and may itself be a `_has`. */
function has(resourceType: string, name: string, value: string, registry: SearchParameterRegistry, reject: (why: string) => void, depth: number): SearchCriterion | undefined {
  const [, sourceType, referenceCode, ...rest] = name.split(':');
  if (!sourceType || !referenceCode || rest.length === 0) return void reject(`'${name}' is not of the form _has:Type:reference:parameter`);
  const reference = registry.get(sourceType, referenceCode);
  if (reference?.type !== 'reference') return void reject(`'${referenceCode}' is not a reference parameter of ${sourceType}`);
  if (reference.target && !reference.target.includes(resourceType)) return void reject(`${sourceType}.${referenceCode} cannot refer to ${resourceType}`);
  const next = criterion(sourceType, rest.join(':'), value, registry, reject, depth + 1);
  return next && { kind: 'has', sourceType, reference, next };
}

/** `reference[:Type].rest` (search.html#chaining): `rest` is searched on each possible target type. */
function chain(resourceType: string, name: string, value: string, registry: SearchParameterRegistry, reject: (why: string) => void, depth: number): SearchCriterion | undefined {
  const dot = name.indexOf('.');
  const [code, typeModifier] = name.slice(0, dot).split(':', 2);
  const rest = name.slice(dot + 1);
  const param = registry.get(resourceType, code);
  if (param?.type !== 'reference') return void reject(`'${code}' is not a reference parameter of ${resourceType}, so it cannot be chained`);
  const nextCode = rest.split(/[.:]/)[0];
  const candidates = typeModifier ? [typeModifier] : (param.target ?? []);
  const types = candidates.filter((type) => registry.get(type, nextCode) !== undefined || nextCode === '_has');
  if (types.length === 0) return void reject(`No target of ${resourceType}.${code} has a parameter '${nextCode}'`);
  const targets: { type: string; next: SearchCriterion }[] = [];
  for (const type of types) {
    const next = criterion(type, rest, value, registry, reject, depth + 1);
    if (!next) return undefined;
    targets.push({ type, next });
  }
  return { kind: 'chain', param, targets };
}

/** One `name=value` pair that selects resources; `reject` reports what cannot be searched. */
function criterion(resourceType: string, name: string, value: string, registry: SearchParameterRegistry, reject: (why: string) => void, depth = 0): SearchCriterion | undefined {
  if (depth > MAX_CHAIN) return void reject(`Chains and _has deeper than ${MAX_CHAIN} levels are not supported`);
  if (name.startsWith('_has:')) return has(resourceType, name, value, registry, reject, depth);
  if (name.indexOf('.') > 0) return chain(resourceType, name, value, registry, reject, depth);
  const [code, modifier] = name.split(':', 2);
  const param = registry.get(resourceType, code);
  if (!param) return void reject(`Unknown search parameter '${code}' for ${resourceType}`);
  const parser = VALUE_PARSERS[param.type];
  if (!parser || !isSupported(param)) return void reject(`Search parameter '${code}' (${param.type}) is not supported yet`);
  const typeModifier = param.type === 'reference' && modifier !== undefined && isTypeModifier(modifier, param);
  if (modifier !== undefined && !typeModifier && !parser.modifiers.includes(modifier)) return void reject(`Modifier '${modifier}' is not supported on '${code}'`);
  return { kind: 'value', param, modifier, values: parser.parse(value, modifier, param) };
}

/** Criteria that mean the same on every type (they are columns of the resource row), for searches across types. */
const ACROSS_TYPES = new Set(['_id', '_lastUpdated']);

/**
 * A search over several types (system search, `Patient/x/*`, $everything): `_id`, `_lastUpdated`, and any parameter
 * that every one of the types defines with the same type (`_tag`, `_profile`, `name` on Patient and Practitioner…;
 * search.html#searchall) select; sorting is by `_id` and `_lastUpdated`; chains, `_has` and other parameters are
 * refused (strict) or ignored and reported.
 */
export function parseSearchAcross(types: readonly string[], query: [string, string][], registry: SearchParameterRegistry, options: SearchOptions): ParsedSearch {
  const shared = (name: string) => {
    if (name.startsWith('_has:') || name.includes('.')) return false;
    const defs = types.map((type) => registry.get(type, name.split(':')[0]));
    // One condition serves every type: the same type of value, in rows of the same code and part (SharedRows).
    const rows = (def?: SearchParamDef) => `${def?.rows?.key ?? def?.code}|${def?.rows?.part ?? ''}`;
    return defs.every((def) => def !== undefined && def.type === defs[0]?.type && rows(def) === rows(defs[0]));
  };
  const common = query.filter(([name]) => RESULT_PARAMETERS.has(name) || ACROSS_TYPES.has(name.split(':')[0]) || shared(name));
  const parsed = parseSearch(types[0] ?? 'Patient', common, registry, options);
  const ignored = [...parsed.ignored];
  for (const [name] of query.filter((pair) => !common.includes(pair))) ignored.push(unapplied(name, `'${name}' cannot be searched across resource types`, options.strict));
  if (parsed.request.sort.some((k) => !ACROSS_TYPES.has(k.param.code))) throw new FhirError(400, [issue('not-supported', 'Across resource types, only _id and _lastUpdated can sort', '_sort')]);
  if (parsed.request.include.length) throw new FhirError(400, [issue('not-supported', '_include and _revinclude need a single resource type', '_include')]);
  return { ...parsed, ignored, request: { ...parsed.request, resourceType: types } };
}

/**
 * A parameter that cannot be applied (search.html#errors): 400 with `Prefer: handling=strict`, else a warning that the
 * searchset reports while the parameter is left out of the `self` link.
 */
export function unapplied(name: string, why: string, strict: boolean): OperationOutcomeIssue {
  if (strict) throw new FhirError(400, [issue('not-supported', why, name)]);
  return issue('not-supported', `${why}; it was ignored`, name, 'warning');
}

export function parseSearch(resourceType: string, query: [string, string][], registry: SearchParameterRegistry, options: SearchOptions): ParsedSearch {
  const criteria: SearchCriterion[] = [];
  const ignored: OperationOutcomeIssue[] = [];
  const applied: [string, string][] = [];
  const include: IncludeSpec[] = [];
  let count = options.defaultCount;
  let total: SearchRequest['total'] = 'none';
  let sort: SortKey[] = [];
  let cursorToken: string | undefined;

  for (const [name, value] of query) {
    if (RESULT_PARAMETERS.has(name)) {
      if (name === '_count') count = Math.min(nonNegative(name, value), options.maxCount);
      else if (name === '_total') total = value === 'accurate' || value === 'estimate' ? value : 'none';
      else if (name === '_sort') sort = parseSort(resourceType, value, registry, sortable);
      else if (name.startsWith('_include') || name.startsWith('_revinclude')) include.push(parseInclude(name, value, resourceType, registry));
      else if (name === '_cursor') cursorToken = value;
      if (name !== '_format' && name !== '_pretty' && name !== '_cursor') applied.push([name, value]);
      continue;
    }
    const reject = (why: string) => void ignored.push(unapplied(name, why, options.strict));
    const found = criterion(resourceType, name, value, registry, reject);
    if (found) {
      criteria.push(found);
      applied.push([name, value]);
    }
  }
  const cursor = cursorToken === undefined ? undefined : decodeCursor(cursorToken, sort.length);
  return { request: { resourceType, criteria, count, sort, cursor, total, include }, ignored, applied };
}
