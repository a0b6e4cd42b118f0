// What a workload is, and how Patients are seeded into a running Ignis before one is measured.
import type { Client, Request } from 'autocannon';
import { makePatient } from './patient';

export const FHIR_JSON = 'application/fhir+json';

/** An existing Patient a workload may target; ceiling rows use versionId '1'. */
export interface Seeded {
  readonly id: string;
  readonly versionId: string;
  /** The makePatient() index its content was generated from. */
  readonly index: number;
}

/**
 * The autocannon part of a workload. Every request is built once, before the run (no per-request
 * setupRequest), so the load generator's cost per request is as small as autocannon allows and the
 * same against Ignis and against the ceiling servers, which answer the same paths.
 */
export interface Load {
  readonly requests: Request[];
  readonly setupClient?: (client: Client) => void;
}

export interface Workload {
  readonly name: string;
  /** The bare server this workload is compared with. */
  readonly ceiling: 'read' | 'insert';
  /** How many Patients must exist before the run (0 = none). */
  seedCount(connections: number): number;
  load(pool: readonly Seeded[], connections: number): Load;
}

/**
 * POSTs `count` Patients to Ignis with a few requests in flight and returns their ids and versions.
 * Bounded in count and time; any non-201 aborts the bench, since a workload on a broken pool means nothing.
 */
export async function seedPatients(baseUrl: string, count: number, firstIndex: number, timeoutMs = 120_000): Promise<Seeded[]> {
  const deadline = Date.now() + timeoutMs;
  const out: Seeded[] = new Array(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      if (Date.now() > deadline) throw new Error(`seeding ${count} Patients took over ${timeoutMs} ms`);
      const slot = next++;
      const index = firstIndex + slot;
      const res = await fetch(`${baseUrl}/fhir/Patient`, {
        method: 'POST',
        headers: { 'content-type': FHIR_JSON, accept: FHIR_JSON },
        body: JSON.stringify(makePatient(index)),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`seed POST /fhir/Patient → ${res.status}: ${text.slice(0, 300)}`);
      out[slot] = { ...parseLocation(res.headers.get('location'), text), index };
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, count) }, worker));
  return out;
}

/** Id and version from `Location: …/Patient/<id>/_history/<vid>`, else from the returned body. */
function parseLocation(location: string | null, body: string): { id: string; versionId: string } {
  const m = location?.match(/\/Patient\/([^/]+)\/_history\/([^/?]+)/);
  if (m) return { id: m[1]!, versionId: m[2]! };
  const resource = JSON.parse(body) as { id?: string; meta?: { versionId?: string } };
  if (!resource.id) throw new Error(`seed POST returned no Location and no id (Location: ${location})`);
  return { id: resource.id, versionId: resource.meta?.versionId ?? '1' };
}
