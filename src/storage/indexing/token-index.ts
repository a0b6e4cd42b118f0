// Token index values: https://hl7.org/fhir/R4/search.html#token
// Identifier → (system, value); Coding → (system, code); CodeableConcept → each coding;
// ContactPoint → value (with its system as the row's `part`, for `phone` and `email`); code/string/uri/id → code;
// boolean → 'true'/'false'. `text` holds the normalised display, CodeableConcept.text or Identifier.type.text, for :text.
import { normalizeString } from '../../search/values/string';
import type { Extractor } from './extractor';
import { columnOf, indexable } from './index-tables';

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? indexable(v) : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? normalizeString(indexable(v)) : null);
const CONTACT_SYSTEMS = new Set(['phone', 'fax', 'email', 'pager', 'url', 'sms', 'other']);

/**
 * `:of-type` (search.html#token) rows live under `<param>:of-type` (no parameter code has a colon), with the
 * type's system as system and `code|value` as code, so that the ordinary token index finds them. The code's own
 * `|` and `\` are escaped, so the pair reads back unambiguously.
 */
export const ofTypeParam = (param: string) => `${param}:of-type`;
export const ofTypeCode = (code: string, value: string) => `${code.replace(/[\\|]/g, '\\$&')}|${value}`;

const PART = columnOf('search_token', 'part');

/** `part`: a ContactPoint's system (a kind like 'phone', not a URI, so not the token's system), which `phone` and `email` search. */
function add(rows: unknown[][], param: string, system: string | null, code: string | null, display: string | null, part: string | null = null): void {
  if (system === null && code === null && display === null) return;
  const row: unknown[] = [param, system, code, display];
  if (part !== null) {
    while (row.length < PART) row.push(null);
    row.push(part);
  }
  rows.push(row);
}

function identifier(param: string, value: Json, rows: unknown[][]): void {
  const type = (value.type ?? {}) as Json;
  add(rows, param, str(value.system), str(value.value), text(type.text));
  if (typeof value.value !== 'string') return;
  for (const coding of Array.isArray(type.coding) ? (type.coding as Json[]) : []) {
    if (typeof coding.system === 'string' && typeof coding.code === 'string') {
      add(rows, ofTypeParam(param), indexable(coding.system), ofTypeCode(indexable(coding.code), indexable(value.value)), null);
    }
  }
}

function extract(param: string, node: unknown, rows: unknown[][]): void {
  if (typeof node === 'string') return add(rows, param, null, indexable(node), null);
  if (typeof node === 'boolean') return add(rows, param, null, String(node), null);
  if (typeof node !== 'object' || node === null) return;
  const value = node as Json;
  if (Array.isArray(value.coding) || (typeof value.text === 'string' && !('value' in value) && !('code' in value))) {
    // CodeableConcept: its codings, and its text on a row of its own (no system, no code).
    for (const coding of (value.coding ?? []) as Json[]) extract(param, coding, rows);
    add(rows, param, null, null, text(value.text));
  } else if ('code' in value || ('system' in value && !('value' in value))) {
    add(rows, param, str(value.system), str(value.code), text(value.display));
  } else if ('value' in value) {
    // Identifier (system, value) or ContactPoint
    if (CONTACT_SYSTEMS.has(String(value.system))) add(rows, param, null, str(value.value), null, String(value.system));
    else identifier(param, value, rows);
  }
}

export const tokenExtractor: Extractor = { table: 'search_token', extract };
