// Number and quantity matching: https://hl7.org/fhir/R4/search.html#number and #quantity.
// The search number stands for the range of its precision for eq/ne (`100` is [99.5, 100.5)); the other prefixes
// compare with the number exactly ("lt100: values that are less than exactly 100"); `ap` is within 10% of it.
// A quantity's unit: `number|system|code` needs that system and code; `number||code` the code or the unit text.
import { add, compare, decimal, halfUnit, negate, tenth, type Decimal } from './decimal';
import type { Prefix } from './oracle-query';
import type { SearchNode } from './search-values';

function matchesNumber(x: Decimal, prefix: Prefix, text: string): boolean {
  const v = decimal(text);
  const half = halfUnit(v);
  const withinPrecision = compare(x, add(v, negate(half))) >= 0 && compare(x, add(v, half)) < 0;
  const c = compare(x, v);
  switch (prefix) {
    case 'eq':
      return withinPrecision;
    case 'ne':
      return !withinPrecision;
    case 'gt':
    case 'sa':
      return c > 0;
    case 'lt':
    case 'eb':
      return c < 0;
    case 'ge':
      return c >= 0;
    case 'le':
      return c <= 0;
    case 'ap': {
      if (v.digits === 0n) return withinPrecision;
      const margin = tenth(v);
      return compare(x, add(v, negate(margin))) >= 0 && compare(x, add(v, margin)) <= 0;
    }
  }
}

/** Quantity (and its profiles Age, Duration, Count, Distance), with a value. */
interface QuantityJson {
  readonly value?: number;
  readonly unit?: string;
  readonly system?: string;
  readonly code?: string;
}

export const QUANTITY_TYPES: ReadonlySet<string> = new Set(['Quantity', 'Age', 'Duration', 'Count', 'Distance', 'SimpleQuantity', 'MoneyQuantity']);

export function quantityOf(node: SearchNode): QuantityJson | undefined {
  const q = node.value as QuantityJson | undefined;
  return QUANTITY_TYPES.has(node.type) && typeof q?.value === 'number' ? q : undefined;
}

export function matchesQuantity(node: SearchNode, value: { prefix: Prefix; number: string; system?: string; code?: string }): boolean {
  const q = quantityOf(node);
  if (!q) return false;
  if (value.system !== undefined && (q.system !== value.system || q.code !== value.code)) return false;
  if (value.system === undefined && value.code !== undefined && q.code !== value.code && q.unit !== value.code) return false;
  return matchesNumber(decimal(String(q.value)), value.prefix, value.number);
}
