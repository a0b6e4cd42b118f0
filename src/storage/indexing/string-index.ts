// String index values: https://hl7.org/fhir/R4/search.html#string
// A string or markdown is one value; a HumanName or an Address is one value per part, as the spec lists them
// (so `name=Pet` finds "Peter" as a given name, whichever part it is), each row naming its part: parameters on one
// part (`family`, `address-city`) search those rows (SharedRows in search-parameters.ts) and have none of their own.
import { normalizeString } from '../../search/values/string';
import type { Extractor } from './extractor';
import { indexable } from './index-tables';

type Json = Record<string, unknown>;

const HUMAN_NAME_PARTS = ['family', 'given', 'prefix', 'suffix', 'text'];
const ADDRESS_PARTS = ['line', 'city', 'district', 'state', 'postalCode', 'country', 'text'];

/** A row: param, normalized, exact, element (composites only), part. */
function add(rows: unknown[][], param: string, value: unknown, part: string | null = null): void {
  if (typeof value !== 'string' || value === '') return;
  const exact = indexable(value);
  rows.push([param, normalizeString(exact), exact, null, part]);
}

function parts(rows: unknown[][], param: string, value: Json, names: readonly string[]): void {
  for (const name of names) {
    const part = value[name];
    for (const item of Array.isArray(part) ? part : [part]) add(rows, param, item, name);
  }
}

function extract(param: string, node: unknown, rows: unknown[][]): void {
  if (typeof node === 'string') return add(rows, param, node);
  if (typeof node !== 'object' || node === null) return;
  const value = node as Json;
  // An Address has none of a HumanName's parts but `text`; a HumanName has none of an Address's.
  if (ADDRESS_PARTS.some((p) => p !== 'text' && p in value)) parts(rows, param, value, ADDRESS_PARTS);
  else parts(rows, param, value, HUMAN_NAME_PARTS);
}

export const stringExtractor: Extractor = { table: 'search_string', extract };
