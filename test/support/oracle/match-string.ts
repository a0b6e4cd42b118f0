// String matching: https://hl7.org/fhir/R4/search.html#string
// Default: the field equals or starts with the value, ignoring case and accents; :exact: the whole field, as
// written; :contains: anywhere in the field, ignoring case and accents. HumanName and Address match on their parts.
import type { SearchNode } from './search-values';

/** Case- and accent-insensitive form: decompose, drop combining marks, lower-case. */
export const foldCase = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** search.html#string: "family, given, prefix, suffix and/or text"; "line, city, district, state, country, postalCode and/or text". */
const PARTS: Readonly<Record<string, readonly string[]>> = {
  HumanName: ['family', 'given', 'prefix', 'suffix', 'text'],
  Address: ['line', 'city', 'district', 'state', 'country', 'postalCode', 'text'],
};

/** The strings of a node that a string search compares with. */
export function stringsOf(node: SearchNode): string[] {
  if (typeof node.value === 'string') return [node.value];
  const parts = PARTS[node.type];
  if (!parts) return [];
  const value = node.value as Record<string, unknown>;
  return parts.flatMap((p) => [value[p]].flat()).filter((s): s is string => typeof s === 'string');
}

export function matchesString(node: SearchNode, text: string, modifier: string | undefined): boolean {
  return stringsOf(node).some((s) => {
    if (modifier === 'exact') return s === text;
    if (modifier === 'contains') return foldCase(s).includes(foldCase(text));
    return foldCase(s).startsWith(foldCase(text));
  });
}
