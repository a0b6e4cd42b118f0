// Number search SQL: https://hl7.org/fhir/R4/search.html#number, prefixes per search.html#prefix.
// A stored value is [low, high] (a point: low = high). `eq`/`ne` use the implicit range [lo, hi) of the search
// value's precision; lt, le, gt, ge, sa, eb compare with the value "exactly", as the spec's examples do.
import type { ValueCriterion } from '../../search/search-request';
import type { NumberValue } from '../../search/values/number';
import type { ConditionContext } from './conditions';
import { matchingRows, missingCondition } from './index-rows';
import type { SqlParams } from './sql-params';

export const NUMBER_TABLE = 'search_number';

const numeric = (p: SqlParams, v: string) => `${p.add(v)}::numeric`;

/** The prefix comparison on the row alias `t` (shared with quantity). */
export function numberValueCondition(value: NumberValue, t: string, p: SqlParams): string {
  switch (value.prefix) {
    case 'eq': {
      const hi = numeric(p, value.high);
      return `(${t}.low >= ${numeric(p, value.low)} AND ${t}.low < ${hi} AND ${t}.high < ${hi})`;
    }
    case 'ne':
      return `(${t}.low < ${numeric(p, value.low)} OR ${t}.high >= ${numeric(p, value.high)})`;
    case 'gt':
      return `${t}.high > ${numeric(p, value.value)}`;
    case 'lt':
      return `${t}.low < ${numeric(p, value.value)}`;
    case 'ge':
      return `${t}.high >= ${numeric(p, value.value)}`;
    case 'le':
      return `${t}.low <= ${numeric(p, value.value)}`;
    case 'sa': // starts after: all of it above the value
      return `${t}.low > ${numeric(p, value.value)}`;
    case 'eb': // ends before: all of it below the value
      return `${t}.high < ${numeric(p, value.value)}`;
    case 'ap': // overlaps value ± 10%
      return `(${t}.low <= ${numeric(p, value.approxHigh)} AND ${t}.high >= ${numeric(p, value.approxLow)})`;
  }
}

export function numberCondition(criterion: ValueCriterion, ctx: ConditionContext): string {
  const { param, modifier } = criterion;
  if (modifier === 'missing') return missingCondition(NUMBER_TABLE, param.code, criterion, ctx);
  return matchingRows(NUMBER_TABLE, param.code, (criterion.values as NumberValue[]).map((v) => numberValueCondition(v, 't', ctx.p)), ctx);
}
