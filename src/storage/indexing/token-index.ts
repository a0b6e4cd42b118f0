// Token index values: https://hl7.org/fhir/R4/search.html#token
// Identifier → (system, value); Coding → (system, code); CodeableConcept → each coding;
// ContactPoint → value; code/string/uri/id → code; boolean → 'true'/'false'.

export interface TokenRow {
  readonly param: string;
  readonly system: string | null;
  readonly code: string | null;
}

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function push(rows: TokenRow[], param: string, system: string | null, code: string | null): void {
  if (system !== null || code !== null) rows.push({ param, system, code });
}

/** Adds the token rows of one FHIRPath result node. */
export function tokenRows(param: string, node: unknown, rows: TokenRow[]): void {
  if (typeof node === 'string') return push(rows, param, null, node);
  if (typeof node === 'boolean') return push(rows, param, null, String(node));
  if (typeof node !== 'object' || node === null) return;
  const value = node as Json;
  if (Array.isArray(value.coding)) {
    for (const coding of value.coding as Json[]) tokenRows(param, coding, rows);
  } else if ('code' in value || ('system' in value && !('value' in value))) {
    push(rows, param, str(value.system), str(value.code));
  } else if ('value' in value) {
    // Identifier (system, value) or ContactPoint (its system is a kind like 'phone', not a URI)
    const isContactPoint = 'use' in value && ['phone', 'fax', 'email', 'pager', 'url', 'sms', 'other'].includes(String(value.system));
    push(rows, param, isContactPoint ? null : str(value.system), str(value.value));
  }
}
