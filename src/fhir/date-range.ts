// FHIR date/dateTime/instant values as the time range their precision implies: https://hl7.org/fhir/R4/search.html#date
import { invalid } from './outcome';

const DATE_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

export interface DateRange {
  readonly start: Date;
  /** Exclusive. */
  readonly end: Date;
}

/** `2024` → [2024-01-01, 2025-01-01); values without a zone are read as UTC. */
export function parseDateRange(value: string, expression: string): DateRange {
  const m = DATE_TIME.exec(value);
  const bad = () => invalid(`'${value.slice(0, 40)}' is not a valid FHIR date, dateTime or instant`, expression);
  if (!m) throw bad();
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const start = new Date(`${y}-${mo ?? '01'}-${d ?? '01'}T${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}${(frac ?? '').slice(0, 4)}${zone ?? 'Z'}`);
  // Date accepts 2023-02-30 by rolling over; the round trip catches it (and any other out-of-range field).
  const check = new Date(Date.UTC(Number(y), Number(mo ?? 1) - 1, Number(d ?? 1)));
  if (Number.isNaN(start.getTime()) || check.getUTCMonth() !== Number(mo ?? 1) - 1 || check.getUTCDate() !== Number(d ?? 1)) throw bad();
  const end = new Date(start);
  if (frac) end.setUTCMilliseconds(end.getUTCMilliseconds() + 1);
  else if (s) end.setUTCSeconds(end.getUTCSeconds() + 1);
  else if (mi) end.setUTCMinutes(end.getUTCMinutes() + 1);
  else if (d) end.setUTCDate(end.getUTCDate() + 1);
  else if (mo) end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCFullYear(end.getUTCFullYear() + 1);
  return { start, end };
}
