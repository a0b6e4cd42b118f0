// Date matching: https://hl7.org/fhir/R4/search.html#date, with the prefixes on ranges of search.html#prefix.
// The search value is the range S = [s1, s2) of its precision, a stored value the range T = [t1, t2): a date,
// dateTime or instant by its precision, a Period from its start's low to its end's high (open ends unbounded),
// a Timing by each event. "The range above S" is [s2, ∞) and "the range below S" (-∞, s1).
import type { Prefix } from './oracle-query';
import type { SearchNode } from './search-values';
import { precisionRange, type TimeRange } from './time-range';

export function rangesOf(node: SearchNode): TimeRange[] {
  if (typeof node.value === 'string' && ['date', 'dateTime', 'instant'].includes(node.type)) return [precisionRange(node.value)];
  const v = node.value as { start?: string; end?: string; event?: string[] } | undefined;
  if (node.type === 'Period') return [{ low: v?.start ? precisionRange(v.start).low : -Infinity, high: v?.end ? precisionRange(v.end).high : Infinity }];
  if (node.type === 'Timing') return (v?.event ?? []).map(precisionRange);
  return [];
}

/** `ap`: S widened on both sides by 10% of the gap between now and the value (the spec's recommendation). */
function approximately(s: TimeRange, now: number): TimeRange {
  const margin = Math.abs(now - s.low) / 10;
  return { low: s.low - margin, high: s.high + margin };
}

export function matchesRange(t: TimeRange, prefix: Prefix, s: TimeRange, now: number): boolean {
  const contains = s.low <= t.low && t.high <= s.high;
  switch (prefix) {
    case 'eq': // S fully contains T
      return contains;
    case 'ne':
      return !contains;
    case 'gt': // the range above S overlaps T
      return t.high > s.high;
    case 'lt': // the range below S overlaps T
      return t.low < s.low;
    case 'ge':
      return t.high > s.high || contains;
    case 'le':
      return t.low < s.low || contains;
    case 'sa': // T does not overlap S, and the range above S contains T
      return t.low >= s.high;
    case 'eb': // T does not overlap S, and the range below S contains T
      return t.high <= s.low;
    case 'ap': {
      const wide = approximately(s, now);
      return t.low < wide.high && t.high > wide.low;
    }
  }
}

export function matchesDate(node: SearchNode, value: { prefix: Prefix; value: string }, now: number): boolean {
  const s = precisionRange(value.value);
  return rangesOf(node).some((t) => matchesRange(t, value.prefix, s, now));
}
