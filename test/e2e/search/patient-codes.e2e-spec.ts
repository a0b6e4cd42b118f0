// One patient's codes from one index range: search_token.patient (migration 1764600000000, patientOf in
// src/storage/indexing/index-tables.ts) narrows the token rows of a search that also has patient=. The results must be
// exactly those of search.html's rules, for resources naming one patient, several, or none, after updates, and
// for rows the migration filled in.
import type { Resource } from 'fhir/r4';
import { DataSource } from 'typeorm';
import { PatientKeyedTokenIndex1764600000000 } from '../../../migrations/1764600000000-patient-keyed-token-index';
import { ids, putAll } from '../../support/search';
import { BASE, startApp, type TestApp } from '../../support/start-app';

let t: TestApp;
let dataSource: DataSource;

const LOINC = 'http://loinc.org';
const observation = (id: string, patient: string, code: string): Resource =>
  ({ resourceType: 'Observation', id, status: 'final', code: { coding: [{ system: LOINC, code }] }, subject: { reference: `Patient/${patient}` } }) as Resource;
const appointment = (id: string, status: string, patients: string[]): Resource =>
  ({ resourceType: 'Appointment', id, status, start: '2026-12-01T09:00:00Z', end: '2026-12-01T09:30:00Z', participant: patients.map((p) => ({ actor: { reference: `Patient/${p}` }, status: 'accepted' })) }) as Resource;

const RESOURCES: Resource[] = [
  { resourceType: 'Patient', id: 'pk-1', gender: 'female' } as Resource,
  { resourceType: 'Patient', id: 'pk-2', gender: 'male' } as Resource,
  { resourceType: 'Group', id: 'pk-g', type: 'person', actual: true } as Resource,
  observation('pk-o1', 'pk-1', '8302-2'),
  observation('pk-o2', 'pk-1', '29463-7'),
  observation('pk-o3', 'pk-2', '8302-2'),
  { resourceType: 'Observation', id: 'pk-o4', status: 'final', code: { coding: [{ system: LOINC, code: '8302-2' }] }, subject: { reference: 'Group/pk-g' } } as Resource,
  appointment('pk-a1', 'booked', ['pk-1', 'pk-2']),
  appointment('pk-a2', 'booked', ['pk-2']),
];

beforeAll(async () => {
  t = await startApp();
  dataSource = t.app.get(DataSource);
  await putAll(t, RESOURCES);
});
afterAll(() => t.close());

const stored = async (type: string, id: string) =>
  (
    await dataSource.query(
      `SELECT DISTINCT t.patient FROM search_token t JOIN resource r USING (rid) WHERE r.resource_type = $1 AND r.id = $2`,
      [type, id],
    )
  ).map((row: { patient: string | null }) => row.patient);

async function expectResults(): Promise<void> {
  expect(await ids(t, `Observation?patient=pk-1&code=${LOINC}|8302-2`)).toEqual(['pk-o1']);
  expect(await ids(t, 'Observation?patient=Patient/pk-2&code=8302-2')).toEqual(['pk-o3']);
  expect(await ids(t, `Observation?patient=${BASE}/Patient/pk-1&code=8302-2,29463-7`)).toEqual(['pk-o1', 'pk-o2']);
  expect(await ids(t, 'Observation?patient:Patient=pk-1,pk-2&code=8302-2')).toEqual(['pk-o1', 'pk-o3']);
  expect(await ids(t, 'Observation?code=8302-2&patient=pk-2&status=final')).toEqual(['pk-o3']);
  expect(await ids(t, 'Observation?subject=Group/pk-g&code=8302-2')).toEqual(['pk-o4']);
  expect(await ids(t, 'Observation?patient=pk-1&code:not=8302-2')).toEqual(['pk-o2']);
  // An Appointment names two patients: it is found from either.
  expect(await ids(t, 'Appointment?patient=pk-1&status=booked')).toEqual(['pk-a1']);
  expect(await ids(t, 'Appointment?patient=pk-2&status=booked')).toEqual(['pk-a1', 'pk-a2']);
}

describe('search_token.patient: one patient’s codes in one index range', () => {
  it('holds the one patient, "" for several, NULL for none', async () => {
    expect(await stored('Observation', 'pk-o1')).toEqual(['pk-1']);
    expect(await stored('Appointment', 'pk-a1')).toEqual(['']);
    expect(await stored('Observation', 'pk-o4')).toEqual([null]);
    expect(await stored('Patient', 'pk-1')).toEqual([null]);
  });

  it('finds what search.html says, however many patients a resource names', expectResults);

  it('follows an update to another patient', async () => {
    await putAll(t, [observation('pk-o2', 'pk-2', '29463-7')]);
    expect(await ids(t, 'Observation?patient=pk-1&code=29463-7')).toEqual([]);
    expect(await ids(t, 'Observation?patient=pk-2&code=29463-7')).toEqual(['pk-o2']);
    await putAll(t, [observation('pk-o2', 'pk-1', '29463-7')]);
  });

  it('is filled in by the migration for rows written before it', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      const migration = new PatientKeyedTokenIndex1764600000000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await stored('Observation', 'pk-o1')).toEqual(['pk-1']);
    expect(await stored('Appointment', 'pk-a1')).toEqual(['']);
    await expectResults();
  });
});
