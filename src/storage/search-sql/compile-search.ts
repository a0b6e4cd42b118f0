// SearchRequest → one parameterized SELECT over the current versions of a resource type.
import type { SearchCriterion, SearchRequest } from '../../search/search-request';
import { CONDITIONS } from './conditions';
import { SqlParams } from './sql-params';

export interface CompiledSearch {
  readonly sql: string;
  readonly params: unknown[];
  /** Counts all matches; shares the leading parameters of `params`. */
  readonly count?: { readonly sql: string; readonly params: unknown[] };
}

function condition(criterion: SearchCriterion, resourceType: string, p: SqlParams, alias: string): string {
  if (criterion.kind !== 'value') throw new Error(`${criterion.kind} criteria are not compiled yet`);
  const build = CONDITIONS[criterion.param.type];
  if (!build) throw new Error(`No SQL for ${criterion.param.type} parameters`);
  return build(criterion, { p, resourceType, alias });
}

export function compileSearch(request: SearchRequest): CompiledSearch {
  const p = new SqlParams();
  const where = [`r.resource_type = ${p.add(request.resourceType)}`, 'NOT r.deleted', ...request.criteria.map((c) => condition(c, request.resourceType, p, 'r'))];
  const from = `FROM resource r WHERE ${where.join(' AND ')}`;
  const count = request.total === 'accurate' ? { sql: `SELECT count(*)::int AS total ${from}`, params: [...p.values] } : undefined;
  const sql = `SELECT r.resource_type, r.id, r.version_id, r.last_updated, r.deleted, r.content ${from} ORDER BY r.rid LIMIT ${p.add(request.count)} OFFSET ${p.add(request.offset)}`;
  return { sql, params: p.values, count };
}
