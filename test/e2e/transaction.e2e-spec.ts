// batch and transaction Bundles: https://hl7.org/fhir/R4/http.html#transaction
import type { Bundle, BundleEntry, Resource } from 'fhir/r4';
import { r4Examples, sharedDataAvailable, syntheaBundles } from '../support/fhir-data';
import { BASE, FHIR_JSON, startApp, type TestApp } from '../support/start-app';

let t: TestApp;
beforeAll(async () => {
  t = await startApp({ MAX_BUNDLE_ENTRIES: '5000' });
});
afterAll(() => t.close());

const post = (bundle: unknown, headers: Record<string, string> = {}) => t.http.post('/fhir').set('content-type', FHIR_JSON).set(headers).send(JSON.stringify(bundle));
const statuses = (bundle: Bundle) => (bundle.entry ?? []).map((e) => e.response?.status);
const patient = (family: string, extra: Record<string, unknown> = {}) => ({ resourceType: 'Patient', name: [{ family }], ...extra });

async function count(type: string, query: string): Promise<number> {
  return JSON.parse((await t.http.get(`/fhir/${type}?${query}&_total=accurate&_count=0`)).text).total;
}

describe('http.html#transaction — references and order', () => {
  it('resolves urn:uuid placeholders everywhere, processes in spec order and answers in request order', async () => {
    const mrn = `tx-${Date.now()}`;
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111',
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { text: 'x' },
            subject: { reference: 'urn:uuid:22222222-2222-4222-8222-222222222222' },
            focus: [{ reference: '#p' }],
            extension: [{ url: 'http://example.org/ext', valueReference: { reference: 'urn:uuid:22222222-2222-4222-8222-222222222222' } }],
            contained: [{ resourceType: 'Provenance', id: 'p', target: [{ reference: 'urn:uuid:22222222-2222-4222-8222-222222222222' }], recorded: '2020-01-01T00:00:00Z', agent: [{ who: { display: 'x' } }] }],
          },
          request: { method: 'POST', url: 'Observation' },
        },
        { fullUrl: 'urn:uuid:22222222-2222-4222-8222-222222222222', resource: patient('Tx', { identifier: [{ system: 'http://example.org/mrn', value: mrn }] }), request: { method: 'POST', url: 'Patient' } },
        { request: { method: 'GET', url: `Patient?identifier=http://example.org/mrn|${mrn}` } },
      ],
    };
    const res = await post(bundle);
    expect(res.text).toContain('transaction-response');
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as Bundle;
    expect(statuses(body)).toEqual(['201 Created', '201 Created', '200 OK']);
    const patientLocation = body.entry?.[1].response?.location as string;
    expect(patientLocation).toMatch(/^Patient\/[0-9a-f-]{36}\/_history\/1$/);
    const patientRef = patientLocation.split('/_history')[0];
    const observation = JSON.parse((await t.http.get(`/fhir/${(body.entry?.[0].response?.location as string).split('/_history')[0]}`)).text);
    expect(observation.subject.reference).toBe(patientRef);
    expect(observation.extension[0].valueReference.reference).toBe(patientRef);
    expect(observation.contained[0].target[0].reference).toBe(patientRef);
    // the GET ran after the POSTs, inside the transaction
    expect((body.entry?.[2].resource as Bundle).entry).toHaveLength(1);
  });

  it('resolves conditional references and ifNoneExist, and fails with 412 on several matches', async () => {
    const npi = `npi-${Date.now()}`;
    await t.http.post('/fhir/Practitioner').set('content-type', FHIR_JSON).send(JSON.stringify({ resourceType: 'Practitioner', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: npi }] }));
    const ok = await post({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: { resourceType: 'Practitioner', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: npi }] }, request: { method: 'POST', url: 'Practitioner', ifNoneExist: `identifier=http://hl7.org/fhir/sid/us-npi|${npi}` } },
        { resource: patient('Ref', { generalPractitioner: [{ reference: `Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|${npi}` }] }), request: { method: 'POST', url: 'Patient' } },
      ],
    });
    expect(ok.status).toBe(200);
    const body = JSON.parse(ok.text) as Bundle;
    expect(statuses(body)).toEqual(['200 OK', '201 Created']);
    const created = JSON.parse((await t.http.get(`/fhir/${(body.entry?.[1].response?.location as string).split('/_history')[0]}`)).text);
    expect(created.generalPractitioner[0].reference).toMatch(/^Practitioner\/[0-9a-f-]{36}$/);
    await t.http.post('/fhir/Practitioner').set('content-type', FHIR_JSON).send(JSON.stringify({ resourceType: 'Practitioner', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: npi }] }));
    const ambiguous = await post({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: patient('Ref', { generalPractitioner: [{ reference: `Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|${npi}` }] }), request: { method: 'POST', url: 'Patient' } }] });
    expect(ambiguous.status).toBe(412);
  });

  it('stores nothing when one entry in the middle is invalid, and names that entry', async () => {
    const family = `Atomic${Date.now()}`;
    const entries = [patient(family), { ...patient(family), birthDate: 'not-a-date' }, patient(family)].map((resource, i) => ({ fullUrl: `urn:uuid:00000000-0000-4000-8000-00000000000${i}`, resource, request: { method: 'POST', url: 'Patient' } }));
    const before = JSON.parse((await t.http.get('/fhir/_history?_count=1')).text).entry?.[0]?.fullUrl;
    const res = await post({ resourceType: 'Bundle', type: 'transaction', entry: entries });
    expect(res.status).toBe(400);
    const outcome = JSON.parse(res.text);
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0].diagnostics).toContain('Entry 1 (urn:uuid:00000000-0000-4000-8000-000000000001)');
    expect(outcome.issue[0].expression).toEqual(['Bundle.entry[1].resource.birthDate']);
    expect(JSON.parse((await t.http.get('/fhir/_history?_count=1')).text).entry?.[0]?.fullUrl).toBe(before);
  });

  it('refuses a transaction that touches one resource twice, and a dangling placeholder', async () => {
    const twice = await post({ resourceType: 'Bundle', type: 'transaction', entry: [0, 1].map(() => ({ resource: patient('T', { id: 'same' }), request: { method: 'PUT', url: 'Patient/same' } })) });
    expect(twice.status).toBe(400);
    const dangling = await post({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'urn:uuid:99999999-9999-4999-8999-999999999999' } }, request: { method: 'POST', url: 'Observation' } }] });
    expect(dangling.status).toBe(400);
  });

  it('honours Prefer: return=representation per entry', async () => {
    const res = await post({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: patient('Repr'), request: { method: 'POST', url: 'Patient' } }] }, { prefer: 'return=representation' });
    const entry = (JSON.parse(res.text) as Bundle).entry?.[0] as BundleEntry;
    expect(entry.resource).toMatchObject({ resourceType: 'Patient', meta: { versionId: '1' } });
    expect(entry.fullUrl).toBe(`${BASE}/${(entry.response?.location as string).split('/_history')[0]}`);
  });

  it('limits the number of entries (413 naming the limit)', async () => {
    const res = await post({ resourceType: 'Bundle', type: 'batch', entry: Array.from({ length: 5001 }, () => ({ request: { method: 'GET', url: 'Patient/x' } })) });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text).issue[0].diagnostics).toContain('5000');
  });

  it('refuses a Bundle whose entries are not shaped as entries (400 at the entry, nothing stored), batch or transaction', async () => {
    const family = `Shape${Date.now()}`;
    const good = { resource: patient(family), request: { method: 'POST', url: 'Patient' } };
    const malformed: [unknown, string][] = [
      [null, 'Bundle.entry[1]'],
      [[good], 'Bundle.entry[1]'],
      [{ ...good, resource: 'Patient' }, 'Bundle.entry[1].resource'],
      [{ ...good, request: ['POST'] }, 'Bundle.entry[1].request'],
      [{ ...good, request: { method: 'POST', url: 'Patient', ifNoneExist: 5 } }, 'Bundle.entry[1].request.ifNoneExist'],
      [{ ...good, fullUrl: 7 }, 'Bundle.entry[1].fullUrl'],
    ];
    for (const type of ['transaction', 'batch']) {
      for (const [entry, expression] of malformed) {
        const res = await post({ resourceType: 'Bundle', type, entry: [good, entry] });
        expect(res.status).toBe(400);
        expect(JSON.parse(res.text).issue[0].expression).toEqual([expression]);
      }
    }
    expect(await count('Patient', `family=${family}`)).toBe(0);
  });
});

describe('http.html#transaction — batch', () => {
  it('runs entries independently, each with its own status and outcome', async () => {
    const created = JSON.parse((await t.http.post('/fhir/Patient').set('content-type', FHIR_JSON).send(JSON.stringify(patient('B')))).text);
    const res = await post({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { resource: patient('Good'), request: { method: 'POST', url: 'Patient' } },
        { resource: { ...patient('Bad'), gender: 'robot' }, request: { method: 'POST', url: 'Patient' } },
        { request: { method: 'GET', url: `Patient/${created.id}` } },
        { request: { method: 'GET', url: 'Patient/nope' } },
        { resource: { ...created, active: true }, request: { method: 'PUT', url: `Patient/${created.id}`, ifMatch: 'W/"9"' } },
        { request: { method: 'DELETE', url: `Patient/${created.id}` } },
        { resource: patient('Unknown'), request: { method: 'POST', url: 'Unicorn' } },
      ],
    });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as Bundle;
    expect(body.type).toBe('batch-response');
    expect(statuses(body)).toEqual(['201 Created', '400 Bad Request', '200 OK', '404 Not Found', '412 Precondition Failed', '204 No Content', '404 Not Found']);
    expect(body.entry?.[1].response?.outcome).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'code-invalid' }] });
    expect((body.entry?.[2].resource as Resource).id).toBe(created.id);
  });
});

describe('http.html#transaction — concurrency', () => {
  it('two transactions that conditionally create the same identifier create it once', async () => {
    const value = `race-${Date.now()}`;
    const bundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: patient('Race', { identifier: [{ system: 'http://example.org/mrn', value }] }), request: { method: 'POST', url: 'Patient', ifNoneExist: `identifier=http://example.org/mrn|${value}` } }] };
    const results = await Promise.all(Array.from({ length: 6 }, () => post(bundle)));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(results.map((r) => statuses(JSON.parse(r.text))[0]).sort()).toEqual(['200 OK', '200 OK', '200 OK', '200 OK', '200 OK', '201 Created']);
    expect(await count('Patient', `identifier=http://example.org/mrn|${value}`)).toBe(1);
  });

  it('concurrent If-Match updates of one version: exactly one wins, the others get 412', async () => {
    const created = JSON.parse((await t.http.post('/fhir/Patient').set('content-type', FHIR_JSON).send(JSON.stringify(patient('Match')))).text);
    const update = (i: number) => t.http.put(`/fhir/Patient/${created.id}`).set('content-type', FHIR_JSON).set('if-match', 'W/"1"').send(JSON.stringify({ ...created, name: [{ family: `M${i}` }] }));
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => update(i)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412, 412, 412, 412]);
    expect(JSON.parse((await t.http.get(`/fhir/Patient/${created.id}`)).text).meta.versionId).toBe('2');
  });
});

const examples = sharedDataAvailable('r4-examples') ? r4Examples() : [];
(examples.length ? describe : describe.skip)('the official bundle-transaction example', () => {
  it('fails as a whole on its ValueSet/$lookup entry, then succeeds without it', async () => {
    const example = examples.find(([f]) => f === 'Bundle-bundle-transaction.json')?.[1] as Bundle;
    for (const [id, versions] of [['123a', 2], ['12334', 1], ['234', 1]] as const) {
      for (let v = 0; v < versions; v++) await t.http.put(`/fhir/Patient/${id}`).set('content-type', FHIR_JSON).send(JSON.stringify(patient('Pre', { id })));
    }
    const before = JSON.parse((await t.http.get('/fhir/_history?_count=1')).text).entry[0].fullUrl;
    const whole = await post(example);
    expect(whole.status).toBe(405);
    expect(JSON.parse(whole.text).issue[0].diagnostics).toContain('Entry 7');
    expect(JSON.parse((await t.http.get('/fhir/_history?_count=1')).text).entry[0].fullUrl).toBe(before);

    const res = await post({ ...example, entry: example.entry?.filter((e) => !e.request?.url.includes('$lookup')) });
    expect(res.status).toBe(200);
    expect(statuses(JSON.parse(res.text))).toEqual(['201 Created', '201 Created', '201 Created', '201 Created', '200 OK', '204 No Content', '204 No Content', '200 OK', '200 OK']);
  });
});

const bundles = sharedDataAvailable('synthea') ? syntheaBundles() : [];
(bundles.length ? describe : describe.skip)('Synthea patients as transactions', () => {
  it('loads every bundle, and every reference of every stored resource points at a stored resource', async () => {
    let created = 0;
    for (const [file, bundle] of bundles) {
      const res = await post(bundle);
      if (res.status !== 200) throw new Error(`${file}: ${res.status} ${res.text.slice(0, 500)}`);
      created += (JSON.parse(res.text) as Bundle).entry?.filter((e) => e.response?.status === '201 Created').length ?? 0;
    }
    expect(created).toBeGreaterThan(30_000);
    const stored = new Set<string>();
    const references: string[] = [];
    let next: string | undefined = '/fhir/_history?_count=1000';
    while (next) {
      const page = JSON.parse((await t.http.get(next)).text) as Bundle;
      for (const e of page.entry ?? []) {
        if (!e.resource) continue;
        stored.add(`${e.resource.resourceType}/${e.resource.id}`);
        JSON.stringify(e.resource, (key, value) => (key === 'reference' && typeof value === 'string' && references.push(value), value));
      }
      next = page.link?.find((l) => l.relation === 'next')?.url.replace(BASE, '/fhir');
    }
    expect(references.length).toBeGreaterThan(50_000);
    const dangling = references.filter((r) => !r.startsWith('#') && !stored.has(r));
    expect(dangling.slice(0, 10)).toEqual([]);
  }, 600_000);
});
