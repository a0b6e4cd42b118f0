// read: GET /fhir/Patient/<id> cycling over a pool of existing Patients (compared with the read ceiling).
import { FHIR_JSON, type Workload } from './workload';

/** Enough distinct rows that the run is not one hot row, few enough to seed in a couple of seconds. */
export const READ_POOL = 1000;

export const read: Workload = {
  name: 'read',
  ceiling: 'read',
  seedCount: () => READ_POOL,
  load: (pool) => ({
    requests: pool.map((p) => ({ method: 'GET', path: `/fhir/Patient/${p.id}`, headers: { accept: FHIR_JSON } })),
  }),
};
