// Date search values: https://hl7.org/fhir/R4/search.html#date
import { parseDateRange } from '../../fhir/date-range';
import type { SearchParamDef } from '../search-parameters';
import { unescape } from './escaping';
import { splitPrefix, type Prefix } from './prefix';
import { escapedAlternatives, parseMissing, type ValueParser } from './value-parser';

/** A prefix and the range the value's precision implies: `2024-03` is [2024-03-01, 2024-04-01) in UTC. */
export interface DateValue {
  readonly prefix: Prefix;
  readonly start: Date;
  /** Exclusive. */
  readonly end: Date;
}

export function parseDateValue(escaped: string, param: SearchParamDef): DateValue {
  const [prefix, value] = splitPrefix(unescape(escaped));
  const { start, end } = parseDateRange(value, param.code);
  return { prefix, start, end };
}

export const dateParser: ValueParser = {
  modifiers: ['missing'],
  parse(raw: string, modifier: string | undefined, param: SearchParamDef) {
    if (modifier === 'missing') return parseMissing(raw, param);
    return escapedAlternatives(raw, param).map((v) => parseDateValue(v, param));
  },
};

/**
 * `ap` (search.html#prefix) widens the value's range on both sides by 10% of the gap between now and the value,
 * the spec's recommendation; the SQL then matches targets that overlap the widened range.
 */
export function approximately(value: DateValue, now: Date): { start: Date; end: Date } {
  const margin = Math.abs(now.getTime() - value.start.getTime()) / 10;
  return { start: new Date(value.start.getTime() - margin), end: new Date(value.end.getTime() + margin) };
}
