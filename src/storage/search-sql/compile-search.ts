// SearchRequest → one parameterized SELECT over the current versions of a resource type.
import type { ReferenceValue, SearchCriterion, SearchRequest, ValueCriterion } from '../../search/search-request';
import { referenceTarget } from '../indexing/reference-index';
import { CONDITIONS, ridBoundSql, typeIs, type ConditionContext, type PatientScope } from './conditions';
import { SELF } from '../../fhir/definitions/compartments';
import { rowsOf } from './index-rows';
import { keysetCondition, orderBy, orderKeys } from './sort';
import { SqlParams } from './sql-params';
import { answersPatient } from './token';

export interface CompiledSearch {
  readonly sql: string;
  readonly params: unknown[];
  /** For `_total` (its own parameters): `accurate` runs it for the count; `estimate` asks for its planned row count. */
  readonly count?: { readonly sql: string; readonly params: unknown[]; readonly prepare: boolean };
  /**
   * The statement reads only index rows until the page is known, a shape with one good plan whatever the values: it may be
   * prepared once per connection and run with a generic plan, which saves the planning that costs more than running it.
   */
  readonly prepare: boolean;
  /** Rows carry sort values s0…s(n-1), then come newest-first when `reverse` (a previous page). */
  readonly sortKeys: number;
  readonly reverse: boolean;
}

/** Gives every nested resource row its own alias. */
class Aliases {
  private n = 0;
  next(prefix: string): string {
    return `${prefix}${++this.n}`;
  }
}

/** What conditions need from the server beyond the request: its base URL and the value sets it holds. */
export type SearchSqlOptions = Pick<ConditionContext, 'baseUrl' | 'valueSets' | 'ridBound'>;
type ConditionOptions = SearchSqlOptions & Pick<ConditionContext, 'patients'>;

/**
 * Options with a rid bound and patients of their own, written out field by field: an object spread over option
 * objects of varying shapes took V8's slow path, and cost half of compiling a three-criteria search (measured).
 */
const optionsWith = (options: SearchSqlOptions, ridBound: ConditionOptions['ridBound'], patients?: PatientScope): ConditionOptions => ({
  baseUrl: options.baseUrl,
  valueSets: options.valueSets,
  ridBound,
  patients,
});

/** One resource type: chains and _has are not searched across types (parse-search.ts refuses them). */
function one(resourceType: string | readonly string[]): string {
  if (typeof resourceType !== 'string') throw new Error('Chains and _has need a single resource type');
  return resourceType;
}

/** A boolean condition on the resource row `alias` (of `resourceType`, or one of several types) for one criterion. */
export function condition(
  criterion: SearchCriterion,
  resourceType: string | readonly string[],
  p: SqlParams,
  alias: string,
  aliases = new Aliases(),
  options: ConditionOptions = {},
): string {
  // The rid bound and the patients are about `alias`'s rows only: conditions on other rows (chain targets, _has sources) go without them.
  const { ridBound } = options;
  const nested = optionsWith(options, undefined);
  const bound = (rid: string) => (ridBound ? ` AND ${ridBoundSql(rid, ridBound, p)}` : '');
  switch (criterion.kind) {
    case 'compartment': {
      const links = [...criterion.links].flatMap(([type, params]) => params.filter((param) => param !== SELF).map((param) => [type, param]));
      const ref = aliases.next('ref');
      const referring = `${alias}.rid IN (SELECT ${ref}.rid FROM search_reference ${ref} WHERE ${ref}.target_type = ${p.add(criterion.compartment)} AND ${ref}.target_id = ${p.add(criterion.id)}
        AND (${ref}.resource_type, ${ref}.param) IN (SELECT * FROM unnest(${p.add(links.map(([t]) => t))}::text[], ${p.add(links.map(([, param]) => param))}::text[]))${bound(`${ref}.rid`)})`;
      // The compartment's own resource, where its definition says so (Encounter/1 in the Encounter/1 compartment).
      if (!criterion.links.get(criterion.compartment)?.includes(SELF)) return referring;
      return `(${referring} OR (${alias}.resource_type = ${p.add(criterion.compartment)} AND ${alias}.id = ${p.add(criterion.id)}))`;
    }
    case 'value': {
      const build = CONDITIONS[criterion.param.type];
      if (!build) throw new Error(`No SQL for ${criterion.param.type} parameters`);
      const { baseUrl, valueSets, patients } = options;
      return build(criterion, { p, resourceType, alias, baseUrl, valueSets, ridBound, patients });
    }
    case 'chain': {
      // search.html#chaining: the reference's target row must match the rest of the chain.
      const ref = aliases.next('ref');
      const target = aliases.next('t');
      const perType = criterion.targets.map((t) => `(${ref}.target_type = ${p.add(t.type)} AND ${condition(t.next, t.type, p, target, aliases, nested)})`);
      return `${alias}.rid IN (SELECT ${ref}.rid FROM search_reference ${ref} JOIN resource ${target} ON ${target}.resource_type = ${ref}.target_type AND ${target}.id = ${ref}.target_id
        WHERE ${ref}.resource_type = ${p.add(one(resourceType))} AND ${ref}.param = ${p.add(criterion.param.code)} AND NOT ${target}.deleted AND (${perType.join(' OR ')})${bound(`${ref}.rid`)})`;
    }
    case 'has': {
      // search.html#has: some resource of sourceType refers to this one and matches the rest.
      const ref = aliases.next('ref');
      const source = aliases.next('s');
      return `EXISTS (SELECT 1 FROM search_reference ${ref} JOIN resource ${source} ON ${source}.rid = ${ref}.rid
        WHERE ${ref}.target_type = ${p.add(one(resourceType))} AND ${ref}.target_id = ${alias}.id AND ${ref}.resource_type = ${p.add(criterion.sourceType)}
        AND ${ref}.param = ${p.add(criterion.reference.code)} AND NOT ${source}.deleted AND ${condition(criterion.next, criterion.sourceType, p, source, aliases, nested)})`;
    }
  }
}

/**
 * The criteria, compiled once into `p`: their conditions on the resource row `r`, and, when every one is answered by
 * index rows (of the searched types), the rids that match: the first criterion's rows, kept where the others' have the
 * same rid. From those no `resource` row is read until the page is known.
 */
function matches(request: SearchRequest, p: SqlParams, options: SearchSqlOptions): { conditions: string[]; rids?: string } {
  const aliases = new Aliases();
  const build = (c: SearchCriterion, patients?: PatientScope) => condition(c, request.resourceType, p, 'r', aliases, optionsWith(options, options.ridBound, patients));
  // A patient= criterion first: the token criteria's rows can then answer it too.
  const scoped = patientCriterion(request, options.baseUrl);
  const patientCondition = scoped && build(request.criteria[scoped.index]);
  const patientRows = patientCondition && rowsOf(patientCondition, 'r');
  const patients = scoped && patientRows ? { ids: scoped.ids, rows: patientRows } : undefined;
  const conditions = request.criteria.map((c, i) => (i === scoped?.index && patientCondition ? patientCondition : build(c, patients)));
  let rows = conditions.map((c) => rowsOf(c, 'r'));
  if (rows.length === 0 || !rows.every((r): r is string => r !== undefined)) return { conditions };
  // One patient's rows of a code are few: they lead, and hold the patient= criterion, whose own rows (all of the
  // patient's resources) are then left out; the others are probed by rid.
  const lead = patients ? request.criteria.findIndex(isPlainToken) : -1;
  if (lead >= 0) rows = [rows[lead], ...rows.filter((_, i) => i !== lead && i !== scoped?.index)];
  const [first, ...others] = rows;
  return { conditions, rids: `SELECT d.rid FROM (${first}) d${others.length > 0 ? ` WHERE ${others.map((o) => `d.rid IN (${o})`).join(' AND ')}` : ''}` };
}

const isPlainToken = (c: SearchCriterion) => c.kind === 'value' && c.param.type === 'token' && answersPatient(c);

/**
 * The search's first `patient=` criterion when it names local Patients only: its position, and the values
 * search_token.patient may then hold (patientOf in index-tables.ts): the ids, and '' (resources naming several).
 */
function patientCriterion(request: SearchRequest, baseUrl: string | undefined): { index: number; ids: string[] } | undefined {
  const index = request.criteria.findIndex((c) => c.kind === 'value' && c.param.code === 'patient' && c.param.type === 'reference');
  const criterion = request.criteria[index] as ValueCriterion | undefined;
  if (!criterion || (criterion.modifier !== undefined && criterion.modifier !== 'Patient')) return undefined;
  const ids: string[] = [];
  for (const value of criterion.values as ReferenceValue[]) {
    const target = value.url !== undefined ? referenceTarget(value.url, baseUrl) : value.identifier ? undefined : { type: value.type, id: value.id };
    if (!target || 'url' in target || target.type !== 'Patient' || target.id === undefined) return undefined;
    ids.push(target.id);
  }
  return { index, ids: [...ids, ''] };
}

/** FROM … WHERE over `resource` with `conditions` (compiled into `p`). */
function fromResource(request: SearchRequest, conditions: readonly string[], p: SqlParams): string {
  return `FROM resource r WHERE ${[typeIs('r.resource_type', request.resourceType, p), 'NOT r.deleted', ...conditions].join(' AND ')}`;
}

/**
 * `_total=accurate`: the count of all matches, from the distinct rids of index rows where they answer (index-only
 * scans). `_total=estimate`: a SELECT of the matches, whose planned row count is the estimate.
 */
function countOf(request: SearchRequest, options: SearchSqlOptions): CompiledSearch['count'] {
  const p = new SqlParams();
  const { conditions, rids } = matches(request, p, options);
  if (request.total === 'estimate') return { sql: `SELECT 1 ${fromResource(request, conditions, p)}`, params: p.values, prepare: false };
  // A count has no LIMIT to stop early: with several criteria the best plan depends on the values, so it is planned each time.
  if (rids) return { sql: `SELECT count(DISTINCT m.rid)::int AS total FROM (${rids}) m`, params: p.values, prepare: request.criteria.length === 1 };
  return { sql: `SELECT count(*)::int AS total ${fromResource(request, conditions, p)}`, params: p.values, prepare: false };
}

export function compileSearch(request: SearchRequest, options: SearchSqlOptions = {}): CompiledSearch {
  const count = request.total !== 'none' ? countOf(request, options) : undefined;
  const p = new SqlParams();
  const keys = orderKeys(request.sort, 'r', p);
  const reverse = request.cursor?.direction === 'previous';
  const columns = ['r.rid', 'r.resource_type', 'r.id', 'r.version_id', 'r.last_updated', 'r.deleted', 'r.content', ...keys.map((k, i) => `${k.expression} AS s${i}`)];
  // One more row than the page tells whether another page follows.
  const limit = () => p.add(request.count + 1);
  if (keys.length > 0) {
    const page = request.cursor ? `WHERE ${keysetCondition(keys, 'q.rid', request.cursor, p)}` : '';
    const sql = `SELECT q.* FROM (SELECT ${columns.join(', ')} ${fromResource(request, matches(request, p, options).conditions, p)}) q ${page} ORDER BY ${orderBy(keys, 'q.rid', reverse)} LIMIT ${limit()}`;
    return { sql, params: p.values, count, prepare: false, sortKeys: keys.length, reverse };
  }
  // Ordered by rid alone, a page's rows lie past the cursor's rid: each index lookup starts there.
  const ridBound = request.cursor && { op: reverse ? ('<' as const) : ('>' as const), rid: request.cursor.rid };
  const order = orderBy([], 'r.rid', reverse);
  const { conditions, rids } = matches(request, p, optionsWith(options, ridBound));
  if (rids) {
    // The index rows, in rid order, are the page: PostgreSQL reads the page's resources and no others. The
    // plan (walk the most selective criterion's rows in rid order, probe the others' indexes by rid) suits any values.
    const page = `SELECT DISTINCT m.rid FROM (${rids}) m ORDER BY ${orderBy([], 'm.rid', reverse)} LIMIT ${limit()}`;
    return { sql: `SELECT ${columns.join(', ')} FROM resource r WHERE r.rid IN (${page}) ORDER BY ${order}`, params: p.values, count, prepare: true, sortKeys: 0, reverse };
  }
  const bound = ridBound ? ` AND ${ridBoundSql('r.rid', ridBound, p)}` : '';
  const sql = `SELECT ${columns.join(', ')} ${fromResource(request, conditions, p)}${bound} ORDER BY ${order} LIMIT ${limit()}`;
  return { sql, params: p.values, count, prepare: false, sortKeys: 0, reverse };
}
