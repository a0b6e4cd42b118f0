// String search SQL: https://hl7.org/fhir/R4/search.html#string
// Default: starts with, ignoring case and accents (both sides normalised in Node by normalizeString);
// :exact: the whole value as written; :contains: anywhere, ignoring case and accents (trigram index).
import type { ValueCriterion } from '../../search/search-request';
import { FULL_TEXT_PARAMETERS, type StringValue } from '../../search/values/string';
import type { ConditionContext } from './conditions';
import { matchingRows, missingCondition, paramRows } from './index-rows';
import { escapeLike, textEquals, textStartsWith } from './indexed-text';
import type { SqlParams } from './sql-params';
import { fullTextCondition } from './text';

export const STRING_TABLE = 'search_string';

export function stringValueCondition(value: StringValue, t: string, p: SqlParams, modifier?: string): string {
  if (modifier === 'exact') return `(${textEquals(`${t}.normalized`, value.normalized, p)} AND ${t}.exact = ${p.add(value.exact)})`;
  if (modifier === 'contains') return `${t}.normalized LIKE ${p.add(`%${escapeLike(value.normalized)}%`)}`;
  return textStartsWith(`${t}.normalized`, value.normalized, p);
}

export function stringCondition(criterion: ValueCriterion, ctx: ConditionContext): string {
  const { param, modifier } = criterion;
  if (FULL_TEXT_PARAMETERS.has(param.code)) return fullTextCondition(criterion, ctx);
  const { code, part } = paramRows(param, 't', ctx.p);
  if (modifier === 'missing') return missingCondition(STRING_TABLE, code, criterion, ctx, part);
  return matchingRows(STRING_TABLE, code, (criterion.values as StringValue[]).map((v) => stringValueCondition(v, 't', ctx.p, modifier)), ctx, false, part);
}
