// Quantity index values: https://hl7.org/fhir/R4/search.html#quantity
// Quantity (and Age, Duration, Distance, Count, SimpleQuantity) → its value with system, code and unit; a
// comparator turns the value into a half-unbounded range (`<5` is [-∞, 5]); Money → its currency as an
// ISO 4217 code; Range → [low, high]. SampledData has no single value and is not indexed.
import type { Extractor } from './extractor';
import { indexable } from './index-tables';

type Json = Record<string, unknown>;

const ISO_4217 = 'urn:iso:std:iso:4217';
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? indexable(v) : null);

function quantity(param: string, q: Json, rows: unknown[][]): void {
  if (typeof q.value !== 'number') return;
  const v = String(q.value);
  const [low, high] = q.comparator === '<' || q.comparator === '<=' ? ['-Infinity', v] : q.comparator === '>' || q.comparator === '>=' ? [v, 'Infinity'] : [v, v];
  if ('currency' in q) rows.push([param, ISO_4217, str(q.currency), null, low, high]);
  else rows.push([param, str(q.system), str(q.code), str(q.unit), low, high]);
}

function range(param: string, r: Json, rows: unknown[][]): void {
  const low = r.low as Json | undefined;
  const high = r.high as Json | undefined;
  const unit = low ?? high ?? {};
  const bound = (q: Json | undefined, open: string) => (typeof q?.value === 'number' ? String(q.value) : open);
  if (typeof low?.value !== 'number' && typeof high?.value !== 'number') return;
  rows.push([param, str(unit.system), str(unit.code), str(unit.unit), bound(low, '-Infinity'), bound(high, 'Infinity')]);
}

export const quantityExtractor: Extractor = {
  table: 'search_quantity',
  extract(param, node, rows) {
    if (typeof node !== 'object' || node === null) return;
    const value = node as Json;
    if ('low' in value || 'high' in value) range(param, value, rows);
    else quantity(param, value, rows);
  },
};
