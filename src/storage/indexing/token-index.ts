// Token index values: https://hl7.org/fhir/R4/search.html#token
// Identifier → (system, value); Coding → (system, code); CodeableConcept → each coding;
// ContactPoint → value; code/string/uri/id → code; boolean → 'true'/'false'.
import type { Extractor } from './extractor';

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const CONTACT_SYSTEMS = new Set(['phone', 'fax', 'email', 'pager', 'url', 'sms', 'other']);

function add(rows: unknown[][], param: string, system: string | null, code: string | null): void {
  if (system !== null || code !== null) rows.push([param, system, code]);
}

function extract(param: string, node: unknown, rows: unknown[][]): void {
  if (typeof node === 'string') return add(rows, param, null, node);
  if (typeof node === 'boolean') return add(rows, param, null, String(node));
  if (typeof node !== 'object' || node === null) return;
  const value = node as Json;
  if (Array.isArray(value.coding)) {
    for (const coding of value.coding as Json[]) extract(param, coding, rows);
  } else if ('code' in value || ('system' in value && !('value' in value))) {
    add(rows, param, str(value.system), str(value.code));
  } else if ('value' in value) {
    // Identifier (system, value) or ContactPoint (whose system is a kind like 'phone', not a URI)
    const isContactPoint = CONTACT_SYSTEMS.has(String(value.system));
    add(rows, param, isContactPoint ? null : str(value.system), str(value.value));
  }
}

export const tokenExtractor: Extractor = { table: 'search_token', extract };
