// Quantity search SQL: https://hl7.org/fhir/R4/search.html#quantity
// The number compares as a number (number.ts); the unit must match as written: Ignis does no UCUM conversion.
import type { ValueCriterion } from '../../search/search-request';
import type { QuantityValue } from '../../search/values/quantity';
import type { ConditionContext } from './conditions';
import { matchingRows, missingCondition } from './index-rows';
import { textEquals } from './indexed-text';
import { numberValueCondition } from './number';
import type { SqlParams } from './sql-params';

export const QUANTITY_TABLE = 'search_quantity';

export function quantityValueCondition(value: QuantityValue, t: string, p: SqlParams): string {
  const number = () => numberValueCondition(value.number, t, p);
  const system = value.system !== undefined ? ` AND ${textEquals(`${t}.system`, value.system, p)}` : '';
  if (value.code === undefined) return `(${number()}${system})`;
  const code = `(${textEquals(`${t}.code`, value.code, p)} AND ${number()}${system})`;
  // `number||unit`: the coded unit or the human one; spelled as two index-shaped branches for a BitmapOr.
  return value.system !== undefined ? code : `(${code} OR (${textEquals(`${t}.unit`, value.code, p)} AND ${number()}))`;
}

export function quantityCondition(criterion: ValueCriterion, ctx: ConditionContext): string {
  const { param, modifier } = criterion;
  if (modifier === 'missing') return missingCondition(QUANTITY_TABLE, param.code, criterion, ctx);
  return matchingRows(QUANTITY_TABLE, param.code, (criterion.values as QuantityValue[]).map((v) => quantityValueCondition(v, 't', ctx.p)), ctx);
}
