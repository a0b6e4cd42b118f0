// JSON Patch (RFC 6902) on a resource: https://hl7.org/fhir/R4/http.html#patch
import type { Resource } from 'fhir/r4';
import { applyPatch, type Operation } from 'rfc6902';
import { FhirError, invalid, issue } from '../outcome';

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
/** Keys that would reach Object.prototype through a patch path. */
const FORBIDDEN_SEGMENT = /(^|\/)(__proto__|constructor|prototype)(\/|$)/;

/** Checks the document is an RFC 6902 patch before anything is applied. */
export function parseJsonPatch(body: unknown[]): Operation[] {
  body.forEach((op: unknown, i) => {
    const o = op as Record<string, unknown>;
    const at = `[${i}]`;
    if (typeof o !== 'object' || o === null || typeof o.op !== 'string' || !OPS.has(o.op)) throw invalid(`Operation ${i} has no valid 'op'`, `${at}.op`);
    for (const key of ['path', ...(o.op === 'move' || o.op === 'copy' ? ['from'] : [])]) {
      if (typeof o[key] !== 'string' || (o[key] !== '' && !(o[key] as string).startsWith('/'))) throw invalid(`Operation ${i} needs a JSON Pointer '${key}'`, `${at}.${key}`);
      if (FORBIDDEN_SEGMENT.test(o[key] as string)) throw invalid(`Operation ${i} has a forbidden '${key}'`, `${at}.${key}`);
    }
    if (['add', 'replace', 'test'].includes(o.op) && !('value' in o)) throw invalid(`Operation ${i} (${o.op}) needs a 'value'`, `${at}.value`);
  });
  return body as Operation[];
}

/** Applies every operation to `resource` (in place); any failed operation is a 422 naming each failure. */
export function applyJsonPatch(resource: Resource, operations: Operation[]): void {
  const failures = applyPatch(resource, operations)
    .map((error, i) => error && issue('processing', `Operation ${i} (${operations[i].op} ${operations[i].path}) failed: ${error.message}`, `[${i}]`))
    .filter((x) => x !== null);
  if (failures.length > 0) throw new FhirError(422, failures);
}
