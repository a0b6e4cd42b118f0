// update: PUT /fhir/Patient/<id> so every request adds a version (compared with the insert ceiling: one new row each).
import type { Client, Request } from 'autocannon';
import { makePatient } from './patient';
import { FHIR_JSON, type Seeded, type Workload } from './workload';

/** Patients per connection: each connection owns its own, so no two requests race on one resource. */
const PER_CONNECTION = 10;

function put(p: Seeded, active: boolean): Request {
  // Alternating `active` makes each PUT a real change, so a server that skips no-op updates still writes.
  const body = Buffer.from(JSON.stringify({ ...makePatient(p.index, p.id), active }));
  return { method: 'PUT', path: `/fhir/Patient/${p.id}`, headers: { 'content-type': FHIR_JSON, accept: FHIR_JSON }, body };
}

export const update: Workload = {
  name: 'update',
  ceiling: 'insert',
  seedCount: (connections) => connections * PER_CONNECTION,
  load: (pool, connections) => {
    let nextSlot = 0;
    return {
      // Only used until setupClient replaces it; autocannon needs a valid list up front.
      requests: [put(pool[0]!, false)],
      setupClient: (client: Client) => {
        // `load` may serve a warm-up and a measured run: the modulo hands each run's clients slots 0..n-1 again.
        const slot = nextSlot++ % connections;
        const own = pool.slice(slot * PER_CONNECTION, (slot + 1) * PER_CONNECTION);
        client.setRequests([...own.map((p) => put(p, false)), ...own.map((p) => put(p, true))]);
      },
    };
  },
};
