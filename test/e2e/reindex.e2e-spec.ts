// Custom SearchParameters and $reindex (src/interactions/reindex.ts, search-parameter-sync.ts): a new parameter is
// indexed on every write at once and searchable once a $reindex of its types has completed.
import type { Bundle, CapabilityStatement, Parameters, Patient, SearchParameter } from 'fhir/r4';
import { DataSource } from 'typeorm';
import { ContentIsText1765000000000 } from '../../migrations/1765000000000-content-is-text';
import { ids, putAll, search } from '../support/search';
import { BASE, FHIR_JSON, startApp, type TestApp } from '../support/start-app';

const NICKNAME: SearchParameter = {
  resourceType: 'SearchParameter',
  id: 'patient-nickname',
  url: 'http://example.org/fhir/SearchParameter/patient-nickname',
  name: 'nickname',
  status: 'active',
  description: 'Given names of nickname names',
  code: 'nickname',
  base: ['Patient'],
  type: 'string',
  expression: "Patient.name.where(use = 'nickname').given",
};

const patient = (id: string, nickname: string, family = 'Reidx'): Patient => ({
  resourceType: 'Patient',
  id,
  name: [{ family }, { use: 'nickname', given: [nickname] }],
  extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName', valueString: `Maiden ${id}` }],
});

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
});
afterAll(() => t.close());

const post = (path: string, body?: unknown) => t.http.post(path ? `/fhir/${path}` : '/fhir').set('content-type', FHIR_JSON).send(body === undefined ? undefined : JSON.stringify(body));

/** Kicks off a $reindex and polls its Content-Location until it has ended; returns the job's Parameters. */
async function reindex(path: string): Promise<Parameters> {
  const kickoff = await post(path);
  expect(kickoff.status).toBe(202);
  const location = kickoff.headers['content-location'] as string;
  expect(location).toMatch(/^http:\/\/ignis\.test\/fhir\/_async\/\d+$/);
  return ended(location);
}

/** Polls a job's location until it has ended; returns the job's Parameters. */
async function ended(location: string): Promise<Parameters> {
  for (let i = 0; i < 300; i++) {
    const res = await t.http.get(location.replace('http://ignis.test', ''));
    if (res.status === 200) return JSON.parse(res.text) as Parameters;
    expect(res.status).toBe(202);
    expect(res.headers['x-progress']).toMatch(/^(queued|running): \d+ of \d+ resources$/);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${location} did not end`);
}

const value = (p: Parameters, name: string) => p.parameter?.find((x) => x.name === name);

describe('custom SearchParameters', () => {
  it('refuses definitions the server cannot index, naming the element', async () => {
    const cases: [Partial<SearchParameter>, string][] = [
      [{ expression: 'Patient.name.((' }, 'SearchParameter.expression'],
      [{ code: 'gender', url: 'http://example.org/sp/g' }, 'SearchParameter.code'],
      [{ code: '_secret' }, 'SearchParameter.code'],
      [{ type: 'special' }, 'SearchParameter.type'],
    ];
    for (const [change, expression] of cases) {
      const res = await post('SearchParameter', { ...NICKNAME, id: undefined, ...change });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text).issue.map((i: { expression?: string[] }) => i.expression?.[0])).toContain(expression);
    }
  });

  it('is not searchable before a $reindex, and is after one', async () => {
    await putAll(t, [patient('before-1', 'Bibi'), patient('before-2', 'Bobo')]);
    expect((await t.http.put('/fhir/SearchParameter/patient-nickname').set('content-type', FHIR_JSON).send(JSON.stringify(NICKNAME))).status).toBe(201);
    await putAll(t, [patient('after-1', 'Bibou')]);

    const strict = await search(t, 'Patient?nickname=bib');
    expect(strict.status).toBe(400);
    expect(strict.text).toContain('nickname');
    const lenient = JSON.parse((await t.http.get('/fhir/Patient?nickname=bib&family=Reidx')).text) as Bundle;
    expect(lenient.entry?.filter((e) => e.search?.mode === 'match')).toHaveLength(3);
    expect(lenient.entry?.some((e) => e.search?.mode === 'outcome')).toBe(true);

    const job = await reindex('Patient/$reindex');
    expect(value(job, 'status')?.valueCode).toBe('completed');
    expect(value(job, 'processed')?.valueInteger).toBe(value(job, 'total')?.valueInteger);
    expect(job.parameter?.filter((p) => p.name === 'parameter').map((p) => p.valueString)).toContain('Patient.nickname');

    expect(await ids(t, 'Patient?nickname=bib')).toEqual(['after-1', 'before-1']);
    expect(await ids(t, 'Patient?nickname:exact=Bobo')).toEqual(['before-2']);
    const capabilities = JSON.parse((await t.http.get('/fhir/metadata')).text) as CapabilityStatement;
    const patientRest = capabilities.rest?.[0].resource?.find((r) => r.type === 'Patient');
    expect(patientRest?.searchParam?.map((p) => p.name)).toContain('nickname');
    expect(patientRest?.operation?.map((o) => o.name)).toContain('reindex');
  });

  it('a changed definition waits for the next $reindex', async () => {
    const changed = { ...NICKNAME, expression: "Patient.name.where(use = 'nickname').given | Patient.name.where(use = 'official').family" };
    expect((await t.http.put('/fhir/SearchParameter/patient-nickname').set('content-type', FHIR_JSON).send(JSON.stringify(changed))).status).toBe(200);
    expect((await search(t, 'Patient?nickname=bib')).status).toBe(400);
    await reindex('Patient/$reindex');
    expect(await ids(t, 'Patient?nickname=bib')).toEqual(['after-1', 'before-1']);
  });

  it('a definition in a transaction that fails is not registered', async () => {
    const phantom: SearchParameter = { ...NICKNAME, id: undefined, url: 'http://example.org/sp/phantom', code: 'phantom' };
    const transaction: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: phantom, request: { method: 'POST', url: 'SearchParameter' } },
        { request: { method: 'GET', url: 'Patient/does-not-exist' } },
      ],
    };
    expect((await post('', transaction)).status).toBe(404);
    // Had the rolled-back definition been registered, this other one for the same code would clash with it.
    expect((await post('SearchParameter', { ...phantom, url: 'http://example.org/sp/phantom-2' })).status).toBe(201);
  });

  it('a deleted definition is no longer searchable', async () => {
    const gone: SearchParameter = { ...NICKNAME, id: 'gone', url: 'http://example.org/sp/gone', code: 'gone-nick' };
    await putAll(t, [gone]);
    await reindex('Patient/$reindex');
    expect((await search(t, 'Patient?gone-nick=bib')).status).toBe(200);
    expect((await t.http.delete('/fhir/SearchParameter/gone')).status).toBe(204);
    expect((await search(t, 'Patient?gone-nick=bib')).status).toBe(400);
  });
});

describe('$reindex', () => {
  it('system level makes the parameters of fhir-profiles/SearchParameter searchable, while searches stay correct', async () => {
    await putAll(t, Array.from({ length: 150 }, (_, i) => patient(`many-${i}`, `N${i}`, 'Steady')));
    const kickoff = await post('$reindex');
    expect(kickoff.status).toBe(202);
    const location = (kickoff.headers['content-location'] as string).replace('http://ignis.test', '');
    for (let i = 0; i < 300; i++) {
      expect(await ids(t, 'Patient?family=Steady&_count=1000')).toHaveLength(150);
      if ((await t.http.get(location)).status === 200) break;
    }
    const done = JSON.parse((await t.http.get(location)).text) as Parameters;
    expect(value(done, 'status')?.valueCode).toBe('completed');
    expect(await ids(t, 'Patient?mothers-maiden-name:exact=Maiden%20many-7')).toEqual(['many-7']);
  });

  it('instance level rewrites one resource at once', async () => {
    const res = await post('Patient/before-1/$reindex');
    expect(res.status).toBe(200);
    expect((await post('Patient/nope/$reindex')).status).toBe(404);
    expect((await post('Nope/x/$reindex')).status).toBe(404);
  });

  it('answers unknown jobs with 404 and cancelling an ended one with 409', async () => {
    expect((await t.http.get('/fhir/_async/999999')).status).toBe(404);
    expect((await t.http.get('/fhir/_async/not-a-job')).status).toBe(404);
    expect((await post('Nope/$reindex')).status).toBe(404);
    const kickoff = await post('Observation/$reindex');
    const location = (kickoff.headers['content-location'] as string).replace('http://ignis.test', '');
    for (let i = 0; i < 300 && (await t.http.get(location)).status !== 200; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const cancel = await t.http.delete(location);
    expect(cancel.status).toBe(409);
    expect(JSON.parse(cancel.text).resourceType).toBe('OperationOutcome');
  });

  it('the upgrade to _content as text queues a job over every resource, which rebuilds the vectors stored before', async () => {
    await putAll(t, [patient('old-content', 'Textonly')]);
    const db = t.app.get(DataSource);
    await db.query(
      `UPDATE search_text SET lexemes = 'oldword'::tsvector WHERE param = '_content' AND rid = (SELECT rid FROM resource WHERE resource_type = 'Patient' AND id = 'old-content')`,
    );
    expect(await ids(t, 'Patient?_content=oldword')).toEqual(['old-content']);
    const runner = db.createQueryRunner();
    await new ContentIsText1765000000000().up(runner);
    await runner.release();
    const [job] = await db.query(`SELECT id, total::int AS total, (SELECT count(*)::int FROM resource WHERE NOT deleted) AS live FROM reindex_job WHERE status = 'queued'`);
    expect(job.total).toBe(job.live);
    // The server picks queued jobs up at start-up and every 15 s; any $reindex wakes it now, and the older job runs first.
    await reindex('Observation/$reindex');
    expect(value(await ended(`${BASE}/_async/${job.id}`), 'status')?.valueCode).toBe('completed');
    expect(await ids(t, 'Patient?_content=oldword')).toEqual([]);
    expect(await ids(t, 'Patient?_content=maiden%20old-content')).toEqual(['old-content']);
  });
});
