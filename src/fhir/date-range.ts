// FHIR date/dateTime/instant values as the time range their precision implies: https://hl7.org/fhir/R4/search.html#date
import { invalid } from './outcome';

const DATE_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))?)?)?)?$/;

export interface DateRange {
  readonly start: Date;
  /** Exclusive. */
  readonly end: Date;
}

const MS_IN_400_YEARS = 146_097 * 86_400_000;
const isLeap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** The days of `month` (1–12) in the proleptic Gregorian calendar FHIR dates use, leap years counted (year 0 is one). */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeap(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

/**
 * `2024` → [2024-01-01, 2025-01-01); values without a zone are read as UTC. Fields are range-checked: hours 00–23,
 * seconds 00–60 as FHIR's regular expressions say (a leap second :60 is read as the first second of the next minute,
 * since these instants count no leap seconds), zone offsets to ±23:59 (FHIR's stop at ±14:00; searches are read
 * leniently); fractions are cut to milliseconds.
 * The instant is computed from the numbers (Date.UTC), not by building and re-parsing an ISO string: every date a
 * resource is indexed by, and every date searched for, passes here.
 */
export function parseDateRange(value: string, expression: string): DateRange {
  const m = DATE_TIME.exec(value);
  const bad = () => invalid(`'${value.slice(0, 40)}' is not a valid FHIR date, dateTime or instant`, expression);
  if (!m) throw bad();
  const [, y, mo, d, h, mi, s, frac, sign, zh, zm] = m;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) throw bad();
  if (sign !== undefined && (Number(zh) > 23 || Number(zm) > 59)) throw bad();
  // Date.UTC reads years 0–99 as 1900–1999: those are computed 400 years on (the Gregorian calendar repeats), then moved back.
  const early = year < 100;
  const ms = frac === undefined ? 0 : Number(frac.slice(1, 4).padEnd(3, '0'));
  const start = new Date(Date.UTC(early ? year + 400 : year, month - 1, day, hour, minute - offset, second, ms) - (early ? MS_IN_400_YEARS : 0));
  const end = new Date(start);
  if (frac) end.setUTCMilliseconds(end.getUTCMilliseconds() + 1);
  else if (s) end.setUTCSeconds(end.getUTCSeconds() + 1);
  else if (mi) end.setUTCMinutes(end.getUTCMinutes() + 1);
  else if (d) end.setUTCDate(end.getUTCDate() + 1);
  else if (mo) end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCFullYear(end.getUTCFullYear() + 1);
  return { start, end };
}
