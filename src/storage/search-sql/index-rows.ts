// The shape every value condition shares: the resource's rid among the rows of an index table for a parameter
// that match (search.html#modifiers: `:missing` asks whether there is any row at all).
import type { SearchParamDef } from '../../search/search-parameters';
import type { ValueCriterion } from '../../search/search-request';
import { ridBoundSql, typeIs, type ConditionContext } from './conditions';
import type { SqlParams } from './sql-params';

/**
 * The rows a parameter's values are in (SharedRows): its own, or those of its part of another's: a HumanName or
 * Address part (`family` in `name`'s string rows), a ContactPoint system (`phone` in `telecom`'s token rows).
 */
export function paramRows(param: SearchParamDef, t: string, p: SqlParams): { code: string; part?: string } {
  const code = param.rows?.key ?? param.code;
  return param.rows?.part === undefined ? { code } : { code, part: `${t}.part = ${p.add(param.rows.part)}` };
}

/** `alias.rid IN (rows of param matching any of `alternatives`)`; `negate` keeps resources with no such row (:not). */
export function matchingRows(table: string, param: string, alternatives: readonly string[], ctx: ConditionContext, negate = false, narrowing?: string): string {
  const { p, resourceType, alias, ridBound } = ctx;
  const where = [typeIs('t.resource_type', resourceType, p), `t.param = ${p.add(param)}`];
  if (narrowing) where.push(narrowing);
  if (alternatives.length > 0) where.push(alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`);
  if (ridBound && !negate) where.push(ridBoundSql('t.rid', ridBound, p));
  return `${alias}.rid ${negate ? 'NOT ' : ''}IN (SELECT t.rid FROM ${table} t WHERE ${where.join(' AND ')})`;
}

/**
 * The subquery of a condition `alias.rid IN (SELECT …)`, else undefined. Every such condition (matchingRows,
 * composites, chains, compartments) selects the rids of index rows of `alias`'s type, and index rows exist only for
 * the current version of live resources (a write replaces them, a delete removes them): those rids are the
 * matches, and finding or counting them needs no visit to `resource`.
 */
export function rowsOf(condition: string, alias: string): string | undefined {
  const start = `${alias}.rid IN (`;
  return condition.startsWith(`${start}SELECT `) ? condition.slice(start.length, -1) : undefined;
}

/** `param:missing=true` (search.html#missing): no row for the parameter (of those `narrowing` keeps); `false`: at least one. */
export function missingCondition(table: string, param: string, criterion: ValueCriterion, ctx: ConditionContext, narrowing?: string): string {
  return matchingRows(table, param, [], ctx, criterion.values[0] === true, narrowing);
}
