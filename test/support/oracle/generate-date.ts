// Date criteria drawn from the data (search.html#date): each prefix, at the precision of a year, month, day,
// minute, second or millisecond, in UTC or another time zone, at either end of a stored value or near one.
import type { Usable } from './catalogue';
import { rangesOf } from './match-date';
import { made, type Maker } from './maker';
import type { Prefix, SearchValue } from './oracle-query';
import type { SearchNode } from './search-values';
import type { SeededRandom } from './seeded-random';
import type { TimeRange } from './time-range';

const PRECISIONS = ['year', 'month', 'day', 'minute', 'second', 'millisecond'] as const;
type Precision = (typeof PRECISIONS)[number];
const DAY = 86_400_000;

const bounded = (r: TimeRange) => Number.isFinite(r.low) || Number.isFinite(r.high);
export const hasInstant: Usable = (n) => rangesOf(n).some(bounded);

const zone = (minutes: number) => (minutes === 0 ? 'Z' : `${minutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`);

/** The instant written at a precision; times carry a zone (dates are read in UTC, as the server's zone). */
export function formatInstant(instant: number, precision: Precision, offsetMinutes: number): string {
  const timed = precision === 'minute' || precision === 'second' || precision === 'millisecond';
  const iso = new Date(instant + (timed ? offsetMinutes * 60_000 : 0)).toISOString();
  switch (precision) {
    case 'year':
      return iso.slice(0, 4);
    case 'month':
      return iso.slice(0, 7);
    case 'day':
      return iso.slice(0, 10);
    case 'minute':
      return `${iso.slice(0, 16)}${zone(offsetMinutes)}`;
    case 'second':
      return `${iso.slice(0, 19)}${zone(offsetMinutes)}`;
    case 'millisecond':
      return `${iso.slice(0, 23)}${zone(offsetMinutes)}`;
  }
}

/** The first or last instant of a stored value, sometimes moved by up to a year. */
function instantNear(rnd: SeededRandom, low: number, high: number): number {
  const ends = [low, high - 1].filter(Number.isFinite);
  const at = rnd.pick(ends);
  return rnd.chance(0.3) ? at + rnd.int(-365, 365) * DAY + rnd.int(0, DAY) : at;
}

/** A date value at or near the node's, at a random precision; `exact` keeps the stored instant. */
export function dateValue(rnd: SeededRandom, node: SearchNode, prefix: Prefix, exact = false): [Precision, SearchValue] {
  const range = rnd.pick(rangesOf(node).filter(bounded));
  const precision = exact ? rnd.pick(['minute', 'second', 'millisecond'] as const) : rnd.pick(PRECISIONS);
  const offset = rnd.pick([0, 0, 60, -300, 330]);
  const at = exact ? range.low : instantNear(rnd, range.low, range.high);
  return [precision, { kind: 'date', prefix, value: formatInstant(at, precision, offset) }];
}

export const dateMaker =
  (prefix: Prefix, code?: string): Maker =>
  (rnd, cat, pin) => {
    const drawn = cat.draw(rnd, 'date', hasInstant, { ...pin, ...(code && { code }) });
    if (!drawn) return undefined;
    // Every resource was written in the last minute: _lastUpdated is searched at a stored instant, never moved.
    const [precision, value] = dateValue(rnd, drawn.node, prefix, code === '_lastUpdated');
    return made(drawn, `${code ?? 'date'} ${prefix} ${precision}`, undefined, [value]);
  };
