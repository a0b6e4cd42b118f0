// URI search SQL: https://hl7.org/fhir/R4/search.html#uri
// Exact (case-sensitive); :below: the value or anything under it at a '/'; :above: the value or one of its ancestors.
import type { ValueCriterion } from '../../search/search-request';
import { uriAncestors, type UriValue } from '../../search/values/uri';
import type { ConditionContext } from './conditions';
import { matchingRows, missingCondition } from './index-rows';
import { textEquals, textIn, textStartsWith } from './indexed-text';
import type { SqlParams } from './sql-params';

export const URI_TABLE = 'search_uri';

export function uriValueCondition(value: UriValue, t: string, p: SqlParams, modifier?: string): string {
  const column = `${t}.uri`;
  if (modifier === 'above') return textIn(column, uriAncestors(value.uri), p);
  if (modifier === 'below') {
    const under = value.uri.endsWith('/') ? value.uri : `${value.uri}/`;
    return `(${textEquals(column, value.uri, p)} OR ${textStartsWith(column, under, p)})`;
  }
  return textEquals(column, value.uri, p);
}

export function uriCondition(criterion: ValueCriterion, ctx: ConditionContext): string {
  const { param, modifier } = criterion;
  if (modifier === 'missing') return missingCondition(URI_TABLE, param.code, criterion, ctx);
  return matchingRows(URI_TABLE, param.code, (criterion.values as UriValue[]).map((v) => uriValueCondition(v, 't', ctx.p, modifier)), ctx);
}
