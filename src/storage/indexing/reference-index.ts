// Reference index values: https://hl7.org/fhir/R4/search.html#reference
// One row per Reference or canonical: a local target (target_type, target_id) with url NULL, or else the url
// (an absolute reference to another server, a urn:, a canonical), plus the logical identifier if any.
// A contained reference (#id) is kept as its url: it is a value (for :missing), though it names no stored resource.
import { ID, RELATIVE_REFERENCE } from '../../search/values/reference';
import type { Extractor, IndexContext } from './extractor';
import { indexable } from './index-tables';

type Json = Record<string, unknown>;

/** What a reference string points at: a local resource, or a URL (without `/_history/…` or a canonical `|version`). */
export type ReferenceTarget = { readonly type: string; readonly id: string } | { readonly url: string };

/**
 * `Type/id` is local; so is `[base]/Type/id` on this server's own base (so that searching, chaining and
 * _revinclude treat both spellings alike); any other absolute URL is kept as a URL.
 */
export function referenceTarget(reference: string, baseUrl?: string): ReferenceTarget {
  const local = baseUrl && reference.startsWith(`${baseUrl}/`) ? reference.slice(baseUrl.length + 1) : reference;
  const m = RELATIVE_REFERENCE.exec(local);
  if (m) return { type: m[1], id: m[2] };
  return { url: reference.split('|')[0].replace(/\/_history\/[^/]+$/, '') };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? indexable(v) : null);

function extract(param: string, node: unknown, rows: unknown[][], context: IndexContext): void {
  if (typeof node === 'string') {
    // canonical or uri targets of a reference parameter
    if (node !== '') push(rows, param, referenceTarget(indexable(node), context.baseUrl), null, null);
    return;
  }
  if (typeof node !== 'object' || node === null || 'resourceType' in node) return;
  const value = node as Json;
  const identifier = (value.identifier ?? {}) as Json;
  const [system, idValue] = [str(identifier.system), str(identifier.value)];
  const reference = str(value.reference);
  let target: ReferenceTarget | undefined;
  if (reference) {
    target = referenceTarget(reference, context.baseUrl);
    // A bare id with Reference.type is that type's resource.
    if ('url' in target && typeof value.type === 'string' && /^[A-Z][A-Za-z]{0,63}$/.test(value.type) && ID.test(reference)) target = { type: value.type, id: reference };
  }
  if (target || idValue) push(rows, param, target, system, idValue);
}

function push(rows: unknown[][], param: string, target: ReferenceTarget | undefined, system: string | null, value: string | null): void {
  const local = target && 'id' in target ? target : undefined;
  const url = target && 'url' in target ? target.url : null;
  rows.push([param, local?.type ?? null, local?.id ?? null, url, system, value]);
}

export const referenceExtractor: Extractor = { table: 'search_reference', extract };
