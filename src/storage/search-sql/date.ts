// Date search SQL: https://hl7.org/fhir/R4/search.html#date, prefixes per search.html#prefix on ranges.
// The search value is the range S = [s1, s2) its precision implies; a stored value the range T = [low, high).
import type { ValueCriterion } from '../../search/search-request';
import { approximately, type DateValue } from '../../search/values/date';
import { sqlTimestamp } from '../indexing/date-index';
import type { ConditionContext } from './conditions';
import { matchingRows, missingCondition } from './index-rows';
import type { SqlParams } from './sql-params';

export const DATE_TABLE = 'search_date';

/** A range's bounds as bind parameters, each added when first used: a parameter the SQL never names has no type, and fails. */
function bounds(range: { start: Date; end: Date }, p: SqlParams): { s1: () => string; s2: () => string } {
  let s1: string | undefined;
  let s2: string | undefined;
  return {
    s1: () => (s1 ??= `${p.add(sqlTimestamp(range.start, '-infinity'))}::timestamptz`),
    s2: () => (s2 ??= `${p.add(sqlTimestamp(range.end, 'infinity'))}::timestamptz`),
  };
}

/** T against S on the row alias `t`. `low < s2` in eq is implied (low < high ≤ s2) but bounds the index range scan. */
export function dateValueCondition(value: DateValue, t: string, p: SqlParams, now: Date): string {
  const { s1, s2 } = bounds(value, p);
  const within = () => `(${t}.low >= ${s1()} AND ${t}.low < ${s2()} AND ${t}.high <= ${s2()})`;
  switch (value.prefix) {
    case 'eq': // S contains T
      return within();
    case 'ne': // S does not contain T
      return `(${t}.low < ${s1()} OR ${t}.high > ${s2()})`;
    case 'gt': // the range above S overlaps T
      return `${t}.high > ${s2()}`;
    case 'lt': // the range below S overlaps T
      return `${t}.low < ${s1()}`;
    // ge and le also state a bound both of their cases imply (T cannot end before S starts, nor start after S
    // ends), so that an index range serves them: an OR alone has none.
    case 'ge': // gt, or S contains T
      return `(${t}.high >= ${s1()} AND (${t}.high > ${s2()} OR ${within()}))`;
    case 'le': // lt, or S contains T
      return `(${t}.low < ${s2()} AND (${t}.low < ${s1()} OR ${within()}))`;
    case 'sa': // T starts after S ends
      return `${t}.low >= ${s2()}`;
    case 'eb': // T ends before S starts
      return `${t}.high <= ${s1()}`;
    case 'ap': {
      // T overlaps S widened by 10% of the gap to now (search/values/date.ts approximately)
      const wide = bounds(approximately(value, now), p);
      return `(${t}.low < ${wide.s2()} AND ${t}.high > ${wide.s1()})`;
    }
  }
}

/** `_lastUpdated` is the instant `resource.last_updated`: a point, so "contains" is "lies in". */
function lastUpdatedCondition(value: DateValue, column: string, p: SqlParams, now: Date): string {
  const { s1, s2 } = bounds(value, p);
  switch (value.prefix) {
    case 'eq':
      return `(${column} >= ${s1()} AND ${column} < ${s2()})`;
    case 'ne':
      return `(${column} < ${s1()} OR ${column} >= ${s2()})`;
    case 'gt':
    case 'sa':
      return `${column} >= ${s2()}`;
    case 'lt':
    case 'eb':
      return `${column} < ${s1()}`;
    case 'ge':
      return `${column} >= ${s1()}`;
    case 'le':
      return `${column} < ${s2()}`;
    case 'ap': {
      const wide = bounds(approximately(value, now), p);
      return `(${column} >= ${wide.s1()} AND ${column} < ${wide.s2()})`;
    }
  }
}

export function dateCondition(criterion: ValueCriterion, ctx: ConditionContext): string {
  const { param, modifier } = criterion;
  const now = ctx.now ?? new Date();
  const values = criterion.values as DateValue[];
  if (param.code === '_lastUpdated') {
    if (modifier === 'missing') return criterion.values[0] === true ? 'false' : 'true';
    const ors = values.map((v) => lastUpdatedCondition(v, `${ctx.alias}.last_updated`, ctx.p, now));
    return ors.length === 1 ? ors[0] : `(${ors.join(' OR ')})`;
  }
  if (modifier === 'missing') return missingCondition(DATE_TABLE, param.code, criterion, ctx);
  return matchingRows(DATE_TABLE, param.code, values.map((v) => dateValueCondition(v, 't', ctx.p, now)), ctx);
}
