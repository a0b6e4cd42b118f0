// REST interactions end to end: https://hl7.org/fhir/R4/http.html
import { DataSource } from 'typeorm';
import { CurrentVersionStoredOnce1764900000000 } from '../../migrations/1764900000000-current-version-stored-once';
import { BASE, FHIR_JSON, startApp, type TestApp } from '../support/start-app';

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
});
afterAll(() => t.close());

const patient = (extra: Record<string, unknown> = {}) => ({ resourceType: 'Patient', name: [{ family: 'Chalmers', given: ['Peter'] }], gender: 'male', ...extra });
const create = (body: unknown, headers: Record<string, string> = {}) => t.http.post('/fhir/Patient').set('content-type', FHIR_JSON).set(headers).send(JSON.stringify(body));

describe('http.html#create', () => {
  it('assigns id, versionId 1 and lastUpdated, and answers 201 with Location, ETag and Last-Modified', async () => {
    const res = await create(patient({ id: 'client-chosen', meta: { versionId: '99', profile: ['http://example.org/p'] } }));
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    const body = JSON.parse(res.text);
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.meta.versionId).toBe('1');
    expect(body.meta.profile).toEqual(['http://example.org/p']);
    expect(new Date(body.meta.lastUpdated).toISOString()).toBe(body.meta.lastUpdated);
    expect(res.headers.location).toBe(`${BASE}/Patient/${body.id}/_history/1`);
    expect(res.headers.etag).toBe('W/"1"');
    expect(new Date(res.headers['last-modified']).getTime()).toBe(Math.floor(Date.parse(body.meta.lastUpdated) / 1000) * 1000);
    expect(Object.keys(body).slice(0, 3)).toEqual(['resourceType', 'id', 'meta']);
  });

  it('accepts application/json too', async () => {
    const res = await t.http.post('/fhir/Patient').set('content-type', 'application/json').send(JSON.stringify(patient()));
    expect(res.status).toBe(201);
  });

  it('honours Prefer: return=minimal and return=OperationOutcome', async () => {
    const minimal = await create(patient(), { prefer: 'return=minimal' });
    expect(minimal.status).toBe(201);
    expect(minimal.text).toBe('');
    expect(minimal.headers.location).toMatch(/_history\/1$/);
    const oo = await create(patient(), { prefer: 'return=OperationOutcome' });
    expect(oo.status).toBe(201);
    expect(JSON.parse(oo.text).resourceType).toBe('OperationOutcome');
  });
});

describe('http.html#read, #vread, #update', () => {
  it('reads, versions with If-Match, refuses a stale If-Match with 412, and vreads every version', async () => {
    const created = JSON.parse((await create(patient())).text);
    const url = `/fhir/Patient/${created.id}`;
    const read = await t.http.get(url);
    expect(read.status).toBe(200);
    expect(JSON.parse(read.text)).toEqual(created);
    expect((await t.http.get(url).set('if-none-match', 'W/"1"')).status).toBe(304);
    expect((await t.http.get(url).set('if-modified-since', new Date(Date.now() + 60_000).toUTCString())).status).toBe(304);

    const v2 = await t.http.put(url).set('content-type', FHIR_JSON).set('if-match', 'W/"1"').send(JSON.stringify({ ...created, gender: 'female' }));
    expect(v2.status).toBe(200);
    expect(v2.headers.etag).toBe('W/"2"');
    const body2 = JSON.parse(v2.text);
    expect(body2.meta.versionId).toBe('2');
    expect(Date.parse(body2.meta.lastUpdated)).toBeGreaterThan(Date.parse(created.meta.lastUpdated));

    const stale = await t.http.put(url).set('content-type', FHIR_JSON).set('if-match', 'W/"1"').send(JSON.stringify({ ...created, gender: 'other' }));
    expect(stale.status).toBe(412);
    expect(JSON.parse(stale.text).issue[0].code).toBe('conflict');

    expect(JSON.parse((await t.http.get(`${url}/_history/1`)).text).gender).toBe('male');
    expect(JSON.parse((await t.http.get(`${url}/_history/2`)).text).gender).toBe('female');
    expect((await t.http.get(`${url}/_history/3`)).status).toBe(404);
  });

  it('creates on update with a client id (201), then updates (200)', async () => {
    const id = `client-${Date.now()}`;
    const first = await t.http.put(`/fhir/Patient/${id}`).set('content-type', FHIR_JSON).send(JSON.stringify(patient({ id })));
    expect(first.status).toBe(201);
    expect(first.headers.location).toBe(`${BASE}/Patient/${id}/_history/1`);
    const second = await t.http.put(`/fhir/Patient/${id}`).set('content-type', FHIR_JSON).send(JSON.stringify(patient({ id, active: true })));
    expect(second.status).toBe(200);
    expect(second.headers.etag).toBe('W/"2"');
  });

  it('refuses an update whose id is missing or differs from the URL', async () => {
    const missing = await t.http.put('/fhir/Patient/abc').set('content-type', FHIR_JSON).send(JSON.stringify(patient()));
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.text).issue[0].expression).toEqual(['id']);
    const differs = await t.http.put('/fhir/Patient/abc').set('content-type', FHIR_JSON).send(JSON.stringify(patient({ id: 'xyz' })));
    expect(differs.status).toBe(400);
  });
});

describe('http.html#patch (JSON Patch)', () => {
  it('applies a patch as a new version, and refuses a failed test operation with 422', async () => {
    const created = JSON.parse((await create(patient())).text);
    const url = `/fhir/Patient/${created.id}`;
    const ok = await t.http.patch(url).set('content-type', 'application/json-patch+json').send(JSON.stringify([{ op: 'replace', path: '/gender', value: 'female' }, { op: 'add', path: '/active', value: true }]));
    expect(ok.status).toBe(200);
    const body = JSON.parse(ok.text);
    expect(body).toMatchObject({ gender: 'female', active: true, meta: { versionId: '2' } });
    const failed = await t.http.patch(url).set('content-type', 'application/json-patch+json').send(JSON.stringify([{ op: 'test', path: '/gender', value: 'male' }]));
    expect(failed.status).toBe(422);
    const invalidResult = await t.http.patch(url).set('content-type', 'application/json-patch+json').send(JSON.stringify([{ op: 'replace', path: '/gender', value: 'robot' }]));
    expect(invalidResult.status).toBe(400);
    expect(JSON.parse((await t.http.get(url)).text).meta.versionId).toBe('2');
  });
});

describe('http.html#patch (FHIRPath Patch, fhirpatch.html)', () => {
  const operation = (type: string, path: string, ...parts: Record<string, unknown>[]) => ({
    name: 'operation',
    part: [{ name: 'type', valueCode: type }, { name: 'path', valueString: path }, ...parts],
  });
  const send = (url: string, ...parameter: unknown[]) => t.http.patch(url).set('content-type', FHIR_JSON).send(JSON.stringify({ resourceType: 'Parameters', parameter }));

  it('applies a Parameters patch as a new version; a wrong type is 422, an invalid result 400, and nothing is written', async () => {
    const created = JSON.parse((await create(patient({ identifier: [{ system: 'urn:x', value: '1' }] }))).text);
    const url = `/fhir/Patient/${created.id}`;
    const ok = await send(
      url,
      operation('replace', 'Patient.gender', { name: 'value', valueCode: 'female' }),
      operation('add', 'Patient', { name: 'name', valueString: 'birthDate' }, { name: 'value', valueDate: '1930-01-01' }),
      operation('insert', 'Patient.name[0].given', { name: 'value', valueString: 'Pete' }, { name: 'index', valueInteger: 0 }),
      operation('delete', "Patient.identifier.where(system = 'urn:x')"),
    );
    expect(ok.status).toBe(200);
    const body = JSON.parse(ok.text);
    expect(body).toMatchObject({ gender: 'female', birthDate: '1930-01-01', name: [{ given: ['Pete', 'Peter'] }], meta: { versionId: '2' } });
    expect(body.identifier).toBeUndefined();

    const wrongType = await send(url, operation('replace', 'Patient.gender', { name: 'value', valueBoolean: true }));
    expect(wrongType.status).toBe(422);
    expect(JSON.parse(wrongType.text).issue[0]).toMatchObject({ code: 'processing', expression: ['Parameters.parameter[0].part(value)'] });
    const invalidResult = await send(url, operation('replace', 'Patient.gender', { name: 'value', valueCode: 'robot' }));
    expect(invalidResult.status).toBe(400);
    const malformed = await send(url, { name: 'operation', part: [{ name: 'type', valueCode: 'upsert' }] });
    expect(malformed.status).toBe(400);
    expect(JSON.parse((await t.http.get(url)).text).meta.versionId).toBe('2');
  });

  it('patches in a transaction, with a Parameters resource as the entry', async () => {
    const created = JSON.parse((await create(patient())).text);
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: { resourceType: 'Parameters', parameter: [operation('add', 'Patient', { name: 'name', valueString: 'active' }, { name: 'value', valueBoolean: true })] }, request: { method: 'PATCH', url: `Patient/${created.id}` } }],
    };
    const res = await t.http.post('/fhir').set('content-type', FHIR_JSON).send(JSON.stringify(bundle));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).entry[0].response.status).toBe('200 OK');
    expect(JSON.parse((await t.http.get(`/fhir/Patient/${created.id}`)).text)).toMatchObject({ active: true, meta: { versionId: '2' } });
  });
});

describe('http.html#delete', () => {
  it('deletes (204), then reads are 410, history keeps the deletion, and deleting again is 204', async () => {
    const created = JSON.parse((await create(patient())).text);
    const url = `/fhir/Patient/${created.id}`;
    const del = await t.http.delete(url);
    expect(del.status).toBe(204);
    expect(del.headers.etag).toBe('W/"2"');
    const gone = await t.http.get(url);
    expect(gone.status).toBe(410);
    expect(JSON.parse(gone.text).issue[0].code).toBe('deleted');
    const history = JSON.parse((await t.http.get(`${url}/_history`)).text);
    expect(history.type).toBe('history');
    expect(history.entry.map((e: { request: { method: string } }) => e.request.method)).toEqual(['DELETE', 'POST']);
    expect(history.entry[0].resource).toBeUndefined();
    expect(history.entry[0].response.status).toBe('204 No Content');
    expect((await t.http.delete(url)).status).toBe(204);
    expect((await t.http.delete('/fhir/Patient/never-existed')).status).toBe(204);
    const revived = await t.http.put(url).set('content-type', FHIR_JSON).send(JSON.stringify({ ...created, meta: undefined }));
    expect(revived.status).toBe(201);
    expect(revived.headers.etag).toBe('W/"3"');
  });
});

describe('http.html#history', () => {
  it('pages instance history newest first with next links, and filters type and system history by _since', async () => {
    const created = JSON.parse((await create(patient())).text);
    const url = `/fhir/Patient/${created.id}`;
    for (const gender of ['female', 'other', 'unknown']) {
      await t.http.put(url).set('content-type', FHIR_JSON).send(JSON.stringify({ ...created, gender }));
    }
    const page1 = JSON.parse((await t.http.get(`${url}/_history?_count=3`)).text);
    expect(page1.entry.map((e: { resource: { meta: { versionId: string } } }) => e.resource.meta.versionId)).toEqual(['4', '3', '2']);
    const next = page1.link.find((l: { relation: string }) => l.relation === 'next').url as string;
    expect(next.startsWith(`${BASE}/Patient/${created.id}/_history?`)).toBe(true);
    const page2 = JSON.parse((await t.http.get(next.replace(BASE, '/fhir'))).text);
    expect(page2.entry.map((e: { resource: { meta: { versionId: string } } }) => e.resource.meta.versionId)).toEqual(['1']);
    expect(page2.link.find((l: { relation: string }) => l.relation === 'next')).toBeUndefined();

    const since = encodeURIComponent(created.meta.lastUpdated);
    const typeHistory = JSON.parse((await t.http.get(`/fhir/Patient/_history?_since=${since}&_count=1000`)).text);
    expect(typeHistory.entry.filter((e: { fullUrl: string }) => e.fullUrl === `${BASE}/Patient/${created.id}`)).toHaveLength(4);
    const systemHistory = JSON.parse((await t.http.get(`/fhir/_history?_since=${since}&_count=1000`)).text);
    expect(systemHistory.entry.length).toBeGreaterThanOrEqual(4);
    expect((await t.http.get('/fhir/_history?_since=notadate')).status).toBe(400);
    expect((await t.http.get('/fhir/Patient/nope/_history')).status).toBe(404);
  });

  it('_at returns the version current at that time', async () => {
    const created = JSON.parse((await create(patient())).text);
    await new Promise((r) => setTimeout(r, 20));
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await t.http.put(`/fhir/Patient/${created.id}`).set('content-type', FHIR_JSON).send(JSON.stringify({ ...created, gender: 'female' }));
    const at = JSON.parse((await t.http.get(`/fhir/Patient/${created.id}/_history?_at=${encodeURIComponent(between)}`)).text);
    expect(at.entry.map((e: { resource: { meta: { versionId: string } } }) => e.resource.meta.versionId)).toEqual(['1']);
  });
});

describe('http.html#ccreate, #cond-update, #cdelete', () => {
  const system = 'http://example.org/mrn';
  const withId = (value: string, extra: Record<string, unknown> = {}) => patient({ identifier: [{ system, value }], ...extra });

  it('If-None-Exist creates once, then returns the match with 200; several matches are 412', async () => {
    const value = `c-${Date.now()}`;
    const first = await create(withId(value), { 'if-none-exist': `identifier=${system}|${value}` });
    expect(first.status).toBe(201);
    const second = await create(withId(value), { 'if-none-exist': `identifier=${system}|${value}` });
    expect(second.status).toBe(200);
    expect(JSON.parse(second.text).id).toBe(JSON.parse(first.text).id);
    await create(withId(value));
    expect((await create(withId(value), { 'if-none-exist': `identifier=${system}|${value}` })).status).toBe(412);
    expect((await create(withId(value), { 'if-none-exist': `nonsense=1` })).status).toBe(400);
  });

  it('conditional update creates on no match, updates on one, refuses several', async () => {
    const value = `u-${Date.now()}`;
    const q = `/fhir/Patient?identifier=${encodeURIComponent(`${system}|${value}`)}`;
    const created = await t.http.put(q).set('content-type', FHIR_JSON).send(JSON.stringify(withId(value)));
    expect(created.status).toBe(201);
    const id = JSON.parse(created.text).id;
    const updated = await t.http.put(q).set('content-type', FHIR_JSON).send(JSON.stringify(withId(value, { active: true })));
    expect(updated.status).toBe(200);
    expect(JSON.parse(updated.text)).toMatchObject({ id, active: true, meta: { versionId: '2' } });
    await create(withId(value));
    expect((await t.http.put(q).set('content-type', FHIR_JSON).send(JSON.stringify(withId(value)))).status).toBe(412);
  });

  it('conditional delete deletes the one match, and 412 on several', async () => {
    const value = `d-${Date.now()}`;
    const id = JSON.parse((await create(withId(value))).text).id;
    const q = `/fhir/Patient?identifier=${encodeURIComponent(`${system}|${value}`)}`;
    expect((await t.http.delete(q)).status).toBe(204);
    expect((await t.http.get(`/fhir/Patient/${id}`)).status).toBe(410);
    await create(withId(value));
    await create(withId(value));
    expect((await t.http.delete(q)).status).toBe(412);
    expect((await t.http.delete(`/fhir/Patient?_id=${id}`)).status).toBe(204);
  });
});

describe('http.html#mime-type and search.html#summary', () => {
  it('serves _pretty, _summary and _elements, marks subsets SUBSETTED, and answers 406 for XML', async () => {
    const created = JSON.parse((await create(patient({ text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Peter</div>' }, contact: [{ name: { family: 'X' } }] }))).text);
    const url = `/fhir/Patient/${created.id}`;
    expect((await t.http.get(`${url}?_pretty=true`)).text).toContain('\n  "resourceType": "Patient"');
    const summary = JSON.parse((await t.http.get(`${url}?_summary=true`)).text);
    expect(summary.name).toBeDefined();
    expect(summary.contact).toBeUndefined();
    expect(summary.text).toBeUndefined();
    expect(summary.meta.tag).toContainEqual({ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' });
    const text = JSON.parse((await t.http.get(`${url}?_summary=text`)).text);
    expect(Object.keys(text).sort()).toEqual(['id', 'meta', 'resourceType', 'text']);
    const data = JSON.parse((await t.http.get(`${url}?_summary=data`)).text);
    expect(data.text).toBeUndefined();
    expect(data.contact).toBeDefined();
    const elements = JSON.parse((await t.http.get(`${url}?_elements=gender`)).text);
    expect(Object.keys(elements).sort()).toEqual(['gender', 'id', 'meta', 'resourceType']);
    expect((await t.http.get(url).set('accept', 'application/fhir+xml')).status).toBe(406);
    expect((await t.http.get(`${url}?_format=xml`)).status).toBe(406);
    expect((await t.http.get(`${url}?_format=json`)).status).toBe(200);
    expect((await t.http.get(url).set('accept', 'application/fhir+json;q=0.9, */*;q=0.1')).status).toBe(200);
  });

  it('GET /fhir/metadata is a CapabilityStatement of what is implemented', async () => {
    const res = await t.http.get('/fhir/metadata');
    expect(res.status).toBe(200);
    const cs = JSON.parse(res.text);
    expect(cs).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', kind: 'instance', implementation: { url: BASE } });
    expect(cs.rest[0].resource).toHaveLength(145);
    const p = cs.rest[0].resource.find((r: { type: string }) => r.type === 'Patient');
    expect(p.interaction.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['read', 'vread', 'update', 'patch', 'delete', 'history-instance', 'history-type', 'create', 'search-type']));
    expect(p).toMatchObject({ updateCreate: true, conditionalCreate: true, conditionalUpdate: true, conditionalDelete: 'single', versioning: 'versioned-update' });
    expect(p.searchParam.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['_id', 'identifier', 'gender']));
  });

  it('has health probes', async () => {
    expect((await t.http.get('/healthz')).status).toBe(200);
    expect((await t.http.get('/readyz')).status).toBe(200);
  });

  it('answers a base or a path written with a trailing slash as without one', async () => {
    const id = JSON.parse((await create(patient())).text).id;
    expect(JSON.parse((await t.http.get(`/fhir/?_id=${id}`)).text).entry[0].resource.id).toBe(id);
    expect(JSON.parse((await t.http.get(`/fhir/Patient/?_id=${id}`)).text).entry[0].resource.id).toBe(id);
    expect(JSON.parse((await t.http.get(`/fhir/Patient/${id}/`)).text).id).toBe(id);
    expect(JSON.parse((await t.http.get('/fhir/metadata/')).text).resourceType).toBe('CapabilityStatement');
  });
});

describe('concurrent creates (one group INSERT, src/storage/write-batcher.ts)', () => {
  it('give every resource its own rid, history and index rows, also beside a racing create-on-update', async () => {
    const system = 'http://example.org/concurrent';
    const run = `c${Date.now()}`;
    const posts = Array.from({ length: 40 }, (_, i) => create(patient({ identifier: [{ system, value: `${run}-${i}` }], name: [{ family: `Conc${i}x${run}` }] })));
    // Four PUTs of one new id race each other inside the same groups: one creates, the others then update (each
    // loses at most three times, one per other writer, within update's five attempts).
    const puts = Array.from({ length: 4 }, () => t.http.put(`/fhir/Patient/${run}-put`).set('content-type', FHIR_JSON).send(JSON.stringify(patient({ id: `${run}-put` }))));
    const results = await Promise.all([...posts, ...puts]);
    expect(results.slice(0, 40).map((r) => r.status)).toEqual(Array(40).fill(201));
    expect(results.slice(40).map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    for (let i = 0; i < 40; i++) {
      const id = JSON.parse(results[i].text).id;
      // The index rows went to this resource, not to a neighbour in the group.
      const byIdentifier = JSON.parse((await t.http.get(`/fhir/Patient?identifier=${system}|${run}-${i}`)).text);
      const byName = JSON.parse((await t.http.get(`/fhir/Patient?family:exact=Conc${i}x${run}`)).text);
      expect([byIdentifier.entry?.map((e: { resource: { id: string } }) => e.resource.id), byName.entry?.map((e: { resource: { id: string } }) => e.resource.id)]).toEqual([[id], [id]]);
      expect((await t.http.get(`/fhir/Patient/${id}/_history/1`)).status).toBe(200);
    }
    const history = JSON.parse((await t.http.get(`/fhir/Patient/${run}-put/_history`)).text);
    expect(history.total ?? history.entry.length).toBe(4);
  });
});

describe('concurrent updates (one group UPDATE, src/storage/write-batcher.ts)', () => {
  it('write every version once, and each resource its own index rows', async () => {
    const system = 'http://example.org/concurrent-update';
    const run = `u${Date.now()}`;
    const ids = await Promise.all(Array.from({ length: 20 }, async (_, i) => JSON.parse((await create(patient({ identifier: [{ system, value: `${run}-${i}-old` }] }))).text).id as string));
    const shared = JSON.parse((await create(patient())).text).id as string;
    const put = (id: string, body: Record<string, unknown>) => t.http.put(`/fhir/Patient/${id}`).set('content-type', FHIR_JSON).send(JSON.stringify({ ...patient(body), id }));
    // Twenty resources updated at once, and five writers racing on one more (each loses at most four times).
    const results = await Promise.all([
      ...ids.map((id, i) => put(id, { identifier: [{ system, value: `${run}-${i}-new` }] })),
      ...Array.from({ length: 5 }, (_, i) => put(shared, { name: [{ family: `Racer${i}x${run}` }] })),
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(25).fill(200));
    for (const [i, id] of ids.entries()) {
      const found = async (value: string) => JSON.parse((await t.http.get(`/fhir/Patient?identifier=${system}|${value}`)).text).entry?.map((e: { resource: { id: string } }) => e.resource.id);
      expect([await found(`${run}-${i}-new`), await found(`${run}-${i}-old`)]).toEqual([[id], undefined]);
    }
    const history = JSON.parse((await t.http.get(`/fhir/Patient/${shared}/_history`)).text);
    expect(history.entry.map((e: { resource: { meta: { versionId: string } } }) => Number(e.resource.meta.versionId)).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const current = JSON.parse((await t.http.get(`/fhir/Patient/${shared}`)).text);
    const byName = JSON.parse((await t.http.get(`/fhir/Patient?family:exact=${current.name[0].family}`)).text);
    expect(byName.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([shared]);
  });
});


describe('each version stored once (migration 1764900000000)', () => {
  const rows = async (id: string) => {
    const dataSource = t.app.get(DataSource);
    const head = await dataSource.query(`SELECT version_id, method, content IS NULL AS gone FROM resource WHERE resource_type = 'Patient' AND id = $1`, [id]);
    const history = await dataSource.query(
      `SELECT h.version_id, h.method, h.content IS NULL AS gone FROM resource_history h JOIN resource r USING (rid) WHERE r.resource_type = 'Patient' AND r.id = $1 ORDER BY h.version_id`,
      [id],
    );
    return { head, history };
  };
  const methods = async (id: string) =>
    JSON.parse((await t.http.get(`/fhir/Patient/${id}/_history`)).text).entry.map((e: { request: { method: string }; response: { etag: string } }) => `${e.request.method} ${e.response.etag}`);

  it('keeps the current version in resource and the replaced ones in resource_history', async () => {
    const created = JSON.parse((await create(patient())).text);
    expect(await rows(created.id)).toEqual({ head: [{ version_id: 1, method: 'POST', gone: false }], history: [] });
    const url = `/fhir/Patient/${created.id}`;
    await t.http.patch(url).set('content-type', 'application/json-patch+json').send(JSON.stringify([{ op: 'replace', path: '/gender', value: 'female' }]));
    await t.http.delete(url);
    expect(await rows(created.id)).toEqual({
      head: [{ version_id: 3, method: 'DELETE', gone: true }],
      history: [
        { version_id: 1, method: 'POST', gone: false },
        { version_id: 2, method: 'PATCH', gone: false },
      ],
    });
    expect(await methods(created.id)).toEqual(['DELETE W/"3"', 'PATCH W/"2"', 'POST W/"1"']);
    expect(JSON.parse((await t.http.get(`${url}/_history/2`)).text).gender).toBe('female');
    expect((await t.http.get(`${url}/_history/3`)).status).toBe(410);
  });

  it('moves rows written before it, and its down migration restores them', async () => {
    const created = JSON.parse((await create(patient())).text);
    const url = `/fhir/Patient/${created.id}`;
    await t.http.put(url).set('content-type', FHIR_JSON).send(JSON.stringify({ ...created, gender: 'other' }));
    const before = await rows(created.id);
    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      const migration = new CurrentVersionStoredOnce1764900000000();
      await migration.down(runner);
      const down = await runner.query(`SELECT h.version_id, h.method FROM resource_history h JOIN resource r USING (rid) WHERE r.id = $1 ORDER BY 1`, [created.id]);
      expect(down).toEqual([
        { version_id: 1, method: 'POST' },
        { version_id: 2, method: 'PUT' },
      ]);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await rows(created.id)).toEqual(before);
    expect(await methods(created.id)).toEqual(['PUT W/"2"', 'POST W/"1"']);
  });
});
