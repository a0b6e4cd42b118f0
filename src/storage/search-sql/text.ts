// _text and _content SQL: https://hl7.org/fhir/R4/search.html#_text — PostgreSQL full-text search.
// The query is read as websearch_to_tsquery would (full-text.ts): words must all occur (in any order), "quoted
// phrases", `or`, and `-word` work, and no input is a syntax error. No stemming and no stop words, in any language.
import type { ValueCriterion } from '../../search/search-request';
import type { StringValue } from '../../search/values/string';
import { tsqueryLiteral } from '../full-text';
import type { ConditionContext } from './conditions';
import { matchingRows, missingCondition } from './index-rows';

export const TEXT_TABLE = 'search_text';

export function fullTextCondition(criterion: ValueCriterion, ctx: ConditionContext): string {
  if (criterion.modifier === 'missing') return missingCondition(TEXT_TABLE, criterion.param.code, criterion, ctx);
  const queries = (criterion.values as StringValue[]).map((v) => {
    const query = tsqueryLiteral(v.exact);
    // A query with no word in it finds nothing.
    return query === undefined ? 'false' : `t.lexemes @@ ${ctx.p.add(query)}::tsquery`;
  });
  return matchingRows(TEXT_TABLE, criterion.param.code, queries, ctx);
}
