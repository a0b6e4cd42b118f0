// Number search values: https://hl7.org/fhir/R4/search.html#number
import type { SearchParamDef } from '../search-parameters';
import { unescape } from './escaping';
import { splitPrefix, type Prefix } from './prefix';
import { badValue, escapedAlternatives, parseMissing, type ValueParser } from './value-parser';

/**
 * A prefixed decimal. Bounds are exact decimal strings (computed with BigInt, never floats) for PostgreSQL `numeric`:
 * `low`/`high` is the range the value's precision implies (`100` → [99.5, 100.5), `100.00` → [99.995, 100.005)),
 * used by `eq` and `ne`; the other prefixes compare with `value` itself, "exactly" as the spec's examples say;
 * `approxLow`/`approxHigh` is ±10% of the value for `ap` (the precision range when the value is 0).
 */
export interface NumberValue {
  readonly prefix: Prefix;
  readonly value: string;
  readonly low: string;
  readonly high: string;
  readonly approxLow: string;
  readonly approxHigh: string;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
/** Far beyond any clinical value, and keeps every bound a numeric PostgreSQL accepts. */
const MAX_DIGITS = 1000;

/** n × 10^exp as a plain decimal string. */
function decimal(n: bigint, exp: number): string {
  const sign = n < 0n ? '-' : '';
  const digits = (n < 0n ? -n : n).toString();
  if (exp >= 0) return sign + digits + '0'.repeat(exp);
  const padded = digits.padStart(-exp + 1, '0');
  return `${sign}${padded.slice(0, exp)}.${padded.slice(exp)}`;
}

export function parseNumber(text: string, param: SearchParamDef): Omit<NumberValue, 'prefix'> {
  const m = DECIMAL.exec(text);
  if (!m || text.length > MAX_DIGITS || Math.abs(Number(m[4] ?? 0)) > MAX_DIGITS) throw badValue(param, text, 'number');
  const [, sign, whole, fraction = '', exponent = '0'] = m;
  // value = mantissa × 10^exp, where the last written digit has the unit 10^exp (trailing zeros count: 100.00).
  const mantissa = BigInt(`${sign}${whole}${fraction}`);
  const exp = Number(exponent) - fraction.length;
  const tenfold = mantissa * 10n;
  const low = decimal(tenfold - 5n, exp - 1);
  const high = decimal(tenfold + 5n, exp - 1);
  const tenth = mantissa < 0n ? -mantissa : mantissa;
  return {
    value: decimal(mantissa, exp),
    low,
    high,
    approxLow: tenth === 0n ? low : decimal(tenfold - tenth, exp - 1),
    approxHigh: tenth === 0n ? high : decimal(tenfold + tenth, exp - 1),
  };
}

export function parseNumberValue(escaped: string, param: SearchParamDef): NumberValue {
  const [prefix, text] = splitPrefix(unescape(escaped));
  return { prefix, ...parseNumber(text, param) };
}

export const numberParser: ValueParser = {
  modifiers: ['missing'],
  parse(raw: string, modifier: string | undefined, param: SearchParamDef) {
    if (modifier === 'missing') return parseMissing(raw, param);
    return escapedAlternatives(raw, param).map((v) => parseNumberValue(v, param));
  },
};
