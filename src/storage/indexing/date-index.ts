// Date index values: https://hl7.org/fhir/R4/search.html#date
// Every value is the range its precision implies, [low, high) in UTC: date, dateTime, instant, Period (from its
// start's low to its end's high, open ends unbounded) and each Timing.event.
import { parseDateRange } from '../../fhir/date-range';
import type { Extractor } from './extractor';

type Json = Record<string, unknown>;

/** A bound for PostgreSQL: beyond the years it reads (1–9999 as ISO text) is ±infinity, not an error. */
export function sqlTimestamp(date: Date, open: '-infinity' | 'infinity'): string {
  const year = date.getUTCFullYear();
  return year < 1 || year > 9999 ? open : date.toISOString();
}

/** The range of one date value, or undefined for a value that is not a valid date (it is then not indexed). */
function range(value: unknown): { start: Date; end: Date } | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return parseDateRange(value, 'date');
  } catch {
    return undefined;
  }
}

function add(rows: unknown[][], param: string, low: string, high: string): void {
  rows.push([param, low, high]);
}

function extract(param: string, node: unknown, rows: unknown[][]): void {
  if (typeof node === 'string') {
    const r = range(node);
    if (r) add(rows, param, sqlTimestamp(r.start, '-infinity'), sqlTimestamp(r.end, 'infinity'));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const value = node as Json;
  if ('start' in value || 'end' in value) {
    const start = range(value.start);
    const end = range(value.end);
    if (!start && !end) return;
    add(rows, param, start ? sqlTimestamp(start.start, '-infinity') : '-infinity', end ? sqlTimestamp(end.end, 'infinity') : 'infinity');
  } else if (Array.isArray(value.event)) {
    for (const event of value.event) extract(param, event, rows);
  }
}

export const dateExtractor: Extractor = { table: 'search_date', extract };
