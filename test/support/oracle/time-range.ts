// FHIR date, dateTime and instant values as the range of time their precision implies (https://hl7.org/fhir/R4/search.html#date):
// `2024` is all of 2024, `2024-03-05T10:00:00Z` one second. Values without a time zone are read as UTC (the server's zone).

/** Milliseconds since the epoch; `high` is exclusive; open ends are ±Infinity. */
export interface TimeRange {
  readonly low: number;
  readonly high: number;
}

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

export function precisionRange(text: string): TimeRange {
  const m = PATTERN.exec(text);
  if (!m) throw new Error(`Not a FHIR date/dateTime/instant: ${text}`);
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const offsetMinutes = !zone || zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const fields = [Number(y), Number(mo ?? 1) - 1, Number(d ?? 1), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), Number((fraction ?? '').padEnd(3, '0').slice(0, 3))];
  // The last field written is the precision: the range ends one unit of it later (Date.UTC carries overflows).
  const unit = fraction !== undefined ? 6 : [y, mo, d, h, mi, s].filter((f) => f !== undefined).length - 1;
  const step = fraction !== undefined ? Math.max(1, 10 ** (3 - fraction.length)) : 1;
  const at = (f: number[]) => Date.UTC(f[0], f[1], f[2], f[3], f[4], f[5], f[6]) - offsetMinutes * 60_000;
  const next = fields.map((f, i) => (i === unit ? f + step : f));
  return { low: at(fields), high: at(next) };
}
