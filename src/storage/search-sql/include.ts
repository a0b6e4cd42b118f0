// _include and _revinclude SQL (search.html#include): resources the page refers to, or that refer to the page.
import type { StoredVersion } from '../../interactions/resource-store';
import type { IncludeSpec } from '../../search/search-request';
import { SqlParams } from './sql-params';

/** No page includes more than this many resources: include is for context, not for bulk export. */
export const MAX_INCLUDED = 1000;

const COLUMNS = (a: string) => `${a}.resource_type, ${a}.id, ${a}.version_id, ${a}.last_updated, ${a}.deleted, ${a}.content`;

/** `sourceType` '*' takes references from matches of every type ($everything). */
function forward(spec: IncludeSpec, matches: readonly StoredVersion[], p: SqlParams): string | undefined {
  const sources = matches.filter((m) => spec.sourceType === '*' || m.resourceType === spec.sourceType);
  if (sources.length === 0) return undefined;
  const where = [`(src.resource_type, src.id) IN (SELECT * FROM unnest(${p.add(sources.map((m) => m.resourceType))}::text[], ${p.add(sources.map((m) => m.id))}::text[]))`, 'NOT t.deleted'];
  if (spec.param) where.push(`ref.param = ${p.add(spec.param.code)}`);
  if (spec.targetType) where.push(`ref.target_type = ${p.add(spec.targetType)}`);
  return `SELECT ${COLUMNS('t')} FROM resource src JOIN search_reference ref ON ref.rid = src.rid
    JOIN resource t ON t.resource_type = ref.target_type AND t.id = ref.target_id WHERE ${where.join(' AND ')}`;
}

function reverse(spec: IncludeSpec, matches: readonly StoredVersion[], p: SqlParams): string | undefined {
  const targets = matches.filter((m) => !spec.param?.target || spec.param.target.includes(m.resourceType));
  if (targets.length === 0) return undefined;
  const where = [`ref.resource_type = ${p.add(spec.sourceType)}`, 'NOT s.deleted'];
  if (spec.param) where.push(`ref.param = ${p.add(spec.param.code)}`);
  where.push(`(ref.target_type, ref.target_id) IN (SELECT * FROM unnest(${p.add(targets.map((m) => m.resourceType))}::text[], ${p.add(targets.map((m) => m.id))}::text[]))`);
  return `SELECT ${COLUMNS('s')} FROM search_reference ref JOIN resource s ON s.rid = ref.rid WHERE ${where.join(' AND ')}`;
}

export function includeQuery(matches: readonly StoredVersion[], specs: readonly IncludeSpec[]): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const parts = specs.map((spec) => (spec.reverse ? reverse(spec, matches, p) : forward(spec, matches, p))).filter((s): s is string => s !== undefined);
  if (parts.length === 0) return { sql: 'SELECT NULL LIMIT 0', params: [] };
  return { sql: `SELECT DISTINCT ON (resource_type, id) * FROM (${parts.join(' UNION ALL ')}) i LIMIT ${p.add(MAX_INCLUDED)}`, params: p.values };
}
