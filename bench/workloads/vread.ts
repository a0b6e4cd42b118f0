// vread: GET /fhir/Patient/<id>/_history/<vid> over a pool of existing Patients (compared with the read ceiling).
import { READ_POOL } from './read';
import { FHIR_JSON, type Workload } from './workload';

export const vread: Workload = {
  name: 'vread',
  ceiling: 'read',
  seedCount: () => READ_POOL,
  load: (pool) => ({
    requests: pool.map((p) => ({
      method: 'GET',
      path: `/fhir/Patient/${p.id}/_history/${p.versionId}`,
      headers: { accept: FHIR_JSON },
    })),
  }),
};
