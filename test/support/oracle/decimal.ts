// Exact decimals for number and quantity search (https://hl7.org/fhir/R4/search.html#number): a value is
// digits × 10^exponent as written, so `100` and `100.00` keep their precision and compare without floating point.

export interface Decimal {
  readonly digits: bigint;
  readonly exponent: number;
}

const PATTERN = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

export function decimal(text: string): Decimal {
  const m = PATTERN.exec(text);
  if (!m) throw new Error(`Not a decimal: ${text}`);
  const [, sign, whole, fraction = '', exponent = '0'] = m;
  return { digits: BigInt(`${sign}${whole}${fraction}`), exponent: Number(exponent) - fraction.length };
}

const scaled = (d: Decimal, exponent: number) => d.digits * 10n ** BigInt(d.exponent - exponent);

export function compare(a: Decimal, b: Decimal): number {
  const e = Math.min(a.exponent, b.exponent);
  const diff = scaled(a, e) - scaled(b, e);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

export function add(a: Decimal, b: Decimal): Decimal {
  const e = Math.min(a.exponent, b.exponent);
  return { digits: scaled(a, e) + scaled(b, e), exponent: e };
}

export const negate = (d: Decimal): Decimal => ({ digits: -d.digits, exponent: d.exponent });

/** Half a unit of the last digit written: 0.5 for `100`, 0.005 for `100.00`. */
export const halfUnit = (d: Decimal): Decimal => ({ digits: 5n, exponent: d.exponent - 1 });

/** A tenth of the value's magnitude. */
export const tenth = (d: Decimal): Decimal => ({ digits: d.digits < 0n ? -d.digits : d.digits, exponent: d.exponent - 1 });
