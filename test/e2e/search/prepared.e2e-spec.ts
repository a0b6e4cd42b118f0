// Searches that run as prepared statements with generic plans (src/storage/generic-plans.ts, statements.ts
// preparedName) find exactly what the same searches planned for their values find, and they are prepared only once
// `resource` has been analyzed at the size the gate names.
import type { Bundle, Resource } from 'fhir/r4';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { SearchInteraction } from '../../../src/interactions/search';
import { GenericPlans } from '../../../src/storage/generic-plans';
import { Indexer } from '../../../src/storage/indexing/indexer';
import { PgResourceStore } from '../../../src/storage/pg-resource-store';
import { ValueSetIndex } from '../../../src/validation/value-sets';
import { ids, putAll } from '../../support/search';
import { BASE, startApp, type TestApp } from '../../support/start-app';

let t: TestApp;
let pool: Pool;

const SYSTEM = 'http://hospital.example/mrn';
const patients: Resource[] = Array.from({ length: 12 }, (_, i) => ({
  resourceType: 'Patient',
  id: `gp-p${i}`,
  gender: i % 2 ? 'female' : 'male',
  birthDate: `19${50 + i}-0${(i % 9) + 1}-15`,
  identifier: [{ system: SYSTEM, value: `mrn-${i}` }],
  name: [{ family: i % 3 ? `Éclair${i}` : `Smith${i}`, given: ['Ann'] }],
})) as Resource[];
const observations: Resource[] = Array.from({ length: 60 }, (_, i) => ({
  resourceType: 'Observation',
  id: `gp-o${i}`,
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: i % 4 ? 'vital-signs' : 'laboratory' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: i % 3 ? '29463-7' : '8302-2' }] },
  subject: { reference: `Patient/gp-p${i % 12}` },
  effectiveDateTime: `20${10 + (i % 12)}-06-01T10:00:00Z`,
  valueQuantity: { value: 50 + i, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
})) as Resource[];

const QUERIES = [
  'Patient?identifier=http://hospital.example/mrn|mrn-3',
  'Patient?name=eclair',
  'Patient?name=smi&gender=male',
  'Patient?family:exact=Smith3',
  'Patient?birthdate=ge1955&gender=female',
  'Observation?patient=Patient/gp-p4&code=http://loinc.org|29463-7&date=ge2012',
  'Observation?category=vital-signs&code=8302-2',
  'Observation?subject:Patient.name=eclair&_count=5',
  'Observation?value-quantity=gt80|http://unitsofmeasure.org|kg',
  'Observation?code=http://loinc.org|29463-7,http://loinc.org|8302-2&_count=7',
];

beforeAll(async () => {
  t = await startApp();
  await putAll(t, [...patients, ...observations]);
  const dataSource = t.app.get(DataSource);
  // One connection, with the server's setting, so that pg_prepared_statements shows what it prepared.
  pool = new Pool({ connectionString: (dataSource.options as { url: string }).url, max: 1, options: '-c plan_cache_mode=force_generic_plan' });
});
afterAll(async () => {
  await pool.end();
  await t.close();
});

/** The ids of every page of `path`, searched through a store that prepares what suits it. */
async function preparedIds(path: string): Promise<string[]> {
  const store = new PgResourceStore(pool, t.app.get(Indexer), pool, { baseUrl: BASE, valueSets: t.app.get(ValueSetIndex), genericPlans: { enabled: true } });
  const search = t.app.get(SearchInteraction);
  const found: string[] = [];
  let query: [string, string][] = [...new URL(path, 'http://x/').searchParams];
  const type = path.split('?')[0];
  for (let page = 0; page < 50; page++) {
    const result = await search.execute({ store, baseUrl: BASE, prefer: {} }, type, query);
    const bundle = (result.body ?? JSON.parse(result.json as string)) as Bundle;
    found.push(...(bundle.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource?.id as string));
    const next = bundle.link?.find((l) => l.relation === 'next')?.url;
    if (!next) break;
    query = [...new URL(next).searchParams];
  }
  return found.sort();
}

describe('searches as prepared statements with generic plans', () => {
  it.each(QUERIES)('%s finds what the unprepared search finds', async (path) => {
    const expected = await ids(t, path.replace(/&_count=\d+/, ''));
    expect(expected.length).toBeGreaterThan(0);
    expect(await preparedIds(path)).toEqual(expected);
  });

  it('ran them prepared, with generic plans', async () => {
    const { rows } = await pool.query<{ n: number; generic: number }>(
      `SELECT count(*)::int AS n, sum(generic_plans)::int AS generic FROM pg_prepared_statements WHERE name LIKE 'ignis_search_%'`,
    );
    expect(rows[0].n).toBeGreaterThan(5);
    expect(rows[0].generic).toBeGreaterThan(5);
  });

  it('prepares only once resource has been analyzed at the size the gate names', async () => {
    await pool.query('ANALYZE resource');
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM resource`);
    expect(await new GenericPlans(pool, rows[0].n + 1).check()).toBe(false);
    expect(await new GenericPlans(pool, rows[0].n).check()).toBe(true);
  });
});
