// Quantity search values: https://hl7.org/fhir/R4/search.html#quantity
import type { SearchParamDef } from '../search-parameters';
import { splitEscaped, unescape } from './escaping';
import { parseNumberValue, type NumberValue } from './number';
import { badValue, escapedAlternatives, parseMissing, type ValueParser } from './value-parser';

/**
 * `[prefix]number|system|code`: with a system, `code` is the coded unit in that system; `number||code` matches
 * the code or the human unit (Quantity.code or Quantity.unit); `number` alone matches any unit. Values are
 * compared as written, in the same unit only: Ignis does no UCUM conversion (mg never matches g).
 */
export interface QuantityValue {
  readonly number: NumberValue;
  readonly system?: string;
  readonly code?: string;
}

export function parseQuantityValue(escaped: string, param: SearchParamDef): QuantityValue {
  const parts = splitEscaped(escaped, '|');
  if (parts.length !== 1 && parts.length !== 3) throw badValue(param, unescape(escaped), 'quantity (number|system|code)');
  const number = parseNumberValue(parts[0], param);
  const system = parts.length === 3 && parts[1] !== '' ? unescape(parts[1]) : undefined;
  const code = parts.length === 3 && parts[2] !== '' ? unescape(parts[2]) : undefined;
  return { number, ...(system !== undefined && { system }), ...(code !== undefined && { code }) };
}

export const quantityParser: ValueParser = {
  modifiers: ['missing'],
  parse(raw: string, modifier: string | undefined, param: SearchParamDef) {
    if (modifier === 'missing') return parseMissing(raw, param);
    return escapedAlternatives(raw, param).map((v) => parseQuantityValue(v, param));
  },
};
