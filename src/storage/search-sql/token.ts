// Token search SQL: https://hl7.org/fhir/R4/search.html#token (and _id, a column of `resource`)
import type { TokenValue, ValueCriterion } from '../../search/search-request';
import type { ConditionContext } from './conditions';
import type { SqlParams } from './sql-params';

function valueCondition(value: TokenValue, p: SqlParams): string {
  const parts: string[] = [];
  if (value.code !== undefined) parts.push(`t.code = ${p.add(value.code)}`);
  if (value.system === null) parts.push('t.system IS NULL');
  else if (value.system !== undefined) parts.push(`t.system = ${p.add(value.system)}`);
  return parts.length > 0 ? `(${parts.join(' AND ')})` : 'true';
}

/** `:not` keeps the resources that have no matching value (including those with no value at all). */
export function tokenCondition(criterion: ValueCriterion, { p, resourceType, alias }: ConditionContext): string {
  const values = criterion.values as TokenValue[];
  const negate = criterion.modifier === 'not' ? 'NOT ' : '';
  if (criterion.param.code === '_id') return `${negate}${alias}.id = ANY(${p.add(values.map((v) => v.code ?? ''))}::text[])`;
  const matches = `SELECT t.rid FROM search_token t WHERE t.resource_type = ${p.add(resourceType)} AND t.param = ${p.add(criterion.param.code)} AND (${values.map((v) => valueCondition(v, p)).join(' OR ')})`;
  return `${alias}.rid ${negate}IN (${matches})`;
}
