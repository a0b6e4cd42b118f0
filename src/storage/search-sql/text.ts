// _text and _content SQL: https://hl7.org/fhir/R4/search.html#_text — PostgreSQL full-text search.
// The query is read by websearch_to_tsquery: words must all occur (in any order), "quoted phrases", `or`, and
// `-word` work, and no input is a syntax error. 'simple' neither stems nor drops stop words, in any language.
import type { ValueCriterion } from '../../search/search-request';
import type { StringValue } from '../../search/values/string';
import type { ConditionContext } from './conditions';
import { matchingRows, missingCondition } from './index-rows';

export const TEXT_TABLE = 'search_text';

export function fullTextCondition(criterion: ValueCriterion, ctx: ConditionContext): string {
  if (criterion.modifier === 'missing') return missingCondition(TEXT_TABLE, criterion.param.code, criterion, ctx);
  const queries = (criterion.values as StringValue[]).map((v) => `to_tsvector('simple', t.content) @@ websearch_to_tsquery('simple', ${ctx.p.add(v.normalized)})`);
  return matchingRows(TEXT_TABLE, criterion.param.code, queries, ctx);
}
