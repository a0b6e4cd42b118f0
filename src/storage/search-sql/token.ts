// Token search SQL: https://hl7.org/fhir/R4/search.html#token
import type { TokenCriterion, TokenValue } from '../../search/search-request';
import type { SqlParams } from './sql-params';

function valueCondition(value: TokenValue, p: SqlParams): string {
  const parts: string[] = [];
  if (value.code !== undefined) parts.push(`t.code = ${p.add(value.code)}`);
  if (value.system === null) parts.push('t.system IS NULL');
  else if (value.system !== undefined) parts.push(`t.system = ${p.add(value.system)}`);
  return parts.length > 0 ? `(${parts.join(' AND ')})` : 'true';
}

/** A condition on `r` (the resource row) for one token criterion; `:not` negates the whole OR. */
export function tokenCondition(criterion: TokenCriterion, resourceType: string, p: SqlParams): string {
  const matches = `SELECT t.rid FROM search_token t WHERE t.resource_type = ${p.add(resourceType)} AND t.param = ${p.add(criterion.code)} AND (${criterion.values.map((v) => valueCondition(v, p)).join(' OR ')})`;
  return criterion.modifier === 'not' ? `r.rid NOT IN (${matches})` : `r.rid IN (${matches})`;
}
