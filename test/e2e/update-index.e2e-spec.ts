// An update replaces a resource's index rows (statements.ts, updateSql): after any sequence of updates, its rows must be
// exactly those a fresh create of the same content writes.
import type { Observation, Patient, Resource } from 'fhir/r4';
import { DataSource } from 'typeorm';
import { INDEX_TABLES } from '../../src/storage/indexing/index-tables';
import { ids } from '../support/search';
import { FHIR_JSON, startApp, type TestApp } from '../support/start-app';

let t: TestApp;
let dataSource: DataSource;
beforeAll(async () => {
  t = await startApp();
  dataSource = t.app.get(DataSource);
});
afterAll(() => t.close());

const put = async (resource: Resource) => {
  const res = await t.http.put(`/fhir/${resource.resourceType}/${resource.id}`).set('content-type', FHIR_JSON).send(JSON.stringify(resource));
  expect(res.status).toBeLessThan(300);
};

/** Every index row of a resource, per table, as sorted text (rid left out: it differs between resources). */
async function rowsOf(type: string, id: string): Promise<Record<string, string[]>> {
  const rows: Record<string, string[]> = {};
  for (const table of INDEX_TABLES) {
    const columns = table.columns.map(([name]) => `t.${name}::text`).join(', ');
    const found: { row: string }[] = await dataSource.query(
      `SELECT row(${columns})::text AS row FROM ${table.name} t JOIN resource r USING (rid) WHERE r.resource_type = $1 AND r.id = $2`,
      [type, id],
    );
    rows[table.name] = found.map((f) => f.row).sort();
  }
  return rows;
}

const patient = (id: string, extra: Partial<Patient> = {}): Patient => ({
  resourceType: 'Patient',
  id,
  identifier: [{ system: 'urn:upd', value: 'mrn-1' }],
  name: [{ family: 'Okafor', given: ['Sofia'] }],
  gender: 'female',
  birthDate: '1980-02-03',
  telecom: [{ system: 'phone', value: '+44 1' }],
  active: true,
  ...extra,
});

describe('an update leaves the index rows of its content', () => {
  it('leaves a resource with the rows a fresh create of its content has, through changes, additions and removals', async () => {
    const versions: Partial<Patient>[] = [
      {},
      { gender: 'male', active: false },
      { name: [{ family: 'Okafor', given: ['Sofia', 'Ada'] }, { text: 'Sofi' }], telecom: undefined },
      { identifier: [{ system: 'urn:upd', value: 'mrn-2' }], birthDate: undefined, address: [{ city: 'Lyon', country: 'FR' }] },
      {},
    ];
    for (const [i, extra] of versions.entries()) {
      await put(patient('upd-p', extra));
      await put(patient(`upd-fresh-${i}`, extra));
      const [updated, fresh] = [await rowsOf('Patient', 'upd-p'), await rowsOf('Patient', `upd-fresh-${i}`)];
      expect(updated).toEqual(fresh);
      expect(Object.values(updated).flat().length).toBeGreaterThan(6);
    }
    expect(await ids(t, 'Patient?identifier=urn:upd|mrn-1&_id=upd-p')).toEqual(['upd-p']);
    expect(await ids(t, 'Patient?given=ada&_id=upd-p')).toEqual([]);
  });

  it('rewrites the patient of token rows when the subject changes, and removes every row on delete', async () => {
    const observation = (subject: string): Observation => ({
      resourceType: 'Observation',
      id: 'upd-o',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '8302-2' }] },
      subject: { reference: `Patient/${subject}` },
      valueQuantity: { value: 170, system: 'http://unitsofmeasure.org', code: 'cm' },
    });
    await put(observation('upd-a'));
    await put(observation('upd-b'));
    await put({ ...observation('upd-b'), id: 'upd-o-fresh' });
    expect(await rowsOf('Observation', 'upd-o')).toEqual(await rowsOf('Observation', 'upd-o-fresh'));
    expect(await ids(t, 'Observation?patient=upd-b&code=8302-2')).toEqual(['upd-o', 'upd-o-fresh']);
    expect(await ids(t, 'Observation?patient=upd-a&code=8302-2')).toEqual([]);
    expect((await t.http.delete('/fhir/Observation/upd-o')).status).toBeLessThan(300);
    expect(Object.values(await rowsOf('Observation', 'upd-o')).flat()).toEqual([]);
  });
});
