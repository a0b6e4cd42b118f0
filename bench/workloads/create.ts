// create: POST the same Patient JSON over and over; each request makes a new resource (compared with the insert ceiling).
import { makePatient } from './patient';
import { FHIR_JSON, type Workload } from './workload';

/** The one body both `create` and the insert ceiling send, so the two do the same work per request. */
export const CREATE_BODY = Buffer.from(JSON.stringify(makePatient(0)));

export const create: Workload = {
  name: 'create',
  ceiling: 'insert',
  seedCount: () => 0,
  load: () => ({
    requests: [{ method: 'POST', path: '/fhir/Patient', headers: { 'content-type': FHIR_JSON, accept: FHIR_JSON }, body: CREATE_BODY }],
  }),
};
