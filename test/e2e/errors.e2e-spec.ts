// Hostile and malformed input: every error is an OperationOutcome with the right status, nothing half-written.
import { connect, type AddressInfo } from 'node:net';
import { FHIR_JSON, startApp, type TestApp } from '../support/start-app';

let t: TestApp;
beforeAll(async () => {
  t = await startApp({ MAX_BODY_BYTES: '65536', MAX_JSON_DEPTH: '32', MAX_JSON_ARRAY: '1000' });
});
afterAll(() => t.close());

interface Outcome {
  resourceType: string;
  issue: { severity: string; code: string; diagnostics?: string; expression?: string[] }[];
}

function outcomeOf(res: { status: number; text: string; headers: Record<string, string> }, status: number, code?: string): Outcome {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toContain('application/fhir+json');
  const body = JSON.parse(res.text) as Outcome;
  expect(body.resourceType).toBe('OperationOutcome');
  if (code) expect(body.issue[0].code).toBe(code);
  expect(res.text).not.toMatch(/at [\w.]+ \(|node_modules|SELECT|INSERT/);
  return body;
}

const post = (path: string, body: string, type = FHIR_JSON) => t.http.post(path).set('content-type', type).send(body);

describe('http.html — errors', () => {
  it('malformed JSON is 400', async () => {
    outcomeOf(await post('/fhir/Patient', '{"resourceType": "Patient",'), 400, 'structure');
  });

  it('a body that is not an object or has no resourceType is 400', async () => {
    outcomeOf(await post('/fhir/Patient', '[1,2]'), 400);
    const body = outcomeOf(await post('/fhir/Patient', '{"name":[]}'), 400, 'required');
    expect(body.issue[0].expression).toEqual(['resourceType']);
  });

  it('a wrong content type is 415', async () => {
    outcomeOf(await post('/fhir/Patient', '<Patient/>', 'application/fhir+xml'), 415);
    outcomeOf(await post('/fhir/Patient', 'resourceType=Patient', 'text/plain'), 415);
  });

  it('an unknown resource type is 404, and so is an unknown id', async () => {
    outcomeOf(await t.http.get('/fhir/Unicorn/1'), 404, 'not-found');
    outcomeOf(await post('/fhir/Unicorn', '{"resourceType":"Unicorn"}'), 404, 'not-found');
    outcomeOf(await t.http.get('/fhir/Patient/does-not-exist'), 404, 'not-found');
    outcomeOf(await t.http.get('/fhir/Parameters/x'), 404, 'not-found');
  });

  it('an invalid id is 400', async () => {
    outcomeOf(await t.http.get(`/fhir/Patient/${'a'.repeat(65)}`), 400, 'invalid');
    outcomeOf(await t.http.get('/fhir/Patient/bad_id!'), 400, 'invalid');
    outcomeOf(await t.http.get(`/fhir/Patient/${encodeURIComponent("x' OR '1'='1")}`), 400, 'invalid');
  });

  it('a deleted resource is 410', async () => {
    const created = JSON.parse((await post('/fhir/Patient', '{"resourceType":"Patient"}')).text);
    await t.http.delete(`/fhir/Patient/${created.id}`);
    outcomeOf(await t.http.get(`/fhir/Patient/${created.id}`), 410, 'deleted');
  });

  it('a body over MAX_BODY_BYTES is 413', async () => {
    const big = JSON.stringify({ resourceType: 'Patient', text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${'x'.repeat(70_000)}</div>` } });
    const body = outcomeOf(await post('/fhir/Patient', big), 413, 'too-costly');
    expect(body.issue[0].diagnostics).toContain('65536');
  });

  it('JSON nested too deeply or with a huge array is 400, without a crash', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    outcomeOf(await post('/fhir/Patient', deep), 400, 'invalid');
    const wide = JSON.stringify({ resourceType: 'Patient', name: Array.from({ length: 2000 }, () => ({ family: 'x' })) });
    outcomeOf(await post('/fhir/Patient', wide), 400, 'invalid');
    outcomeOf(await post('/fhir/Patient', '{"resourceType":"Patient","__proto__":{"admin":true}}'), 400);
    expect((await t.http.get('/healthz')).status).toBe(200);
  });

  it('an unsupported interaction is 405', async () => {
    const res = await post('/fhir/Patient/123', '{"resourceType":"Patient"}');
    outcomeOf(res, 405, 'not-supported');
    expect(res.headers.allow).toContain('PUT');
    outcomeOf(await t.http.put('/fhir/Patient/1/_history/1').set('content-type', FHIR_JSON).send('{}'), 405);
  });

  it('a resource type that differs from the URL is 400 with expression resourceType', async () => {
    const body = outcomeOf(await post('/fhir/Patient', '{"resourceType":"Observation"}'), 400);
    expect(body.issue[0].expression).toEqual(['resourceType']);
  });

  it('an invalid resource is 400 listing every issue, and nothing is written', async () => {
    const before = JSON.parse((await t.http.get('/fhir/Patient/_history?_count=1')).text).entry[0]?.fullUrl;
    const res = await post('/fhir/Patient', JSON.stringify({ resourceType: 'Patient', birthDate: '1974-13-45', gender: 'robot', foo: 1, name: 'x' }));
    const body = outcomeOf(res, 400);
    const where = body.issue.map((i) => i.expression?.[0]);
    expect(where).toEqual(expect.arrayContaining(['Patient.birthDate', 'Patient.gender', 'Patient.foo', 'Patient.name']));
    const after = JSON.parse((await t.http.get('/fhir/Patient/_history?_count=1')).text).entry[0]?.fullUrl;
    expect(after).toBe(before);
  });

  it('a hostile If-Match or search value is a clean 4xx', async () => {
    const created = JSON.parse((await post('/fhir/Patient', '{"resourceType":"Patient"}')).text);
    const res = await t.http.put(`/fhir/Patient/${created.id}`).set('content-type', FHIR_JSON).set('if-match', "'; DROP TABLE resource; --").send(JSON.stringify({ resourceType: 'Patient', id: created.id }));
    outcomeOf(res, 400);
    const search = await t.http.get(`/fhir/Patient?identifier=${encodeURIComponent("x'); DROP TABLE resource; --|%_\\")}`);
    expect(search.status).toBe(200);
    expect(JSON.parse(search.text).entry).toBeUndefined();
    outcomeOf(await t.http.get('/fhir/Patient?_count=-1'), 400);
    outcomeOf(await t.http.get('/fhir/Patient?unknown=1').set('prefer', 'handling=strict'), 400, 'not-supported');
  });

  it('a malformed JSON Patch is 400 and a forbidden path is refused', async () => {
    const created = JSON.parse((await post('/fhir/Patient', '{"resourceType":"Patient"}')).text);
    const url = `/fhir/Patient/${created.id}`;
    outcomeOf(await t.http.patch(url).set('content-type', 'application/json-patch+json').send('{"op":"add"}'), 400);
    outcomeOf(await t.http.patch(url).set('content-type', 'application/json-patch+json').send('[{"op":"add","path":"/__proto__/x","value":1}]'), 400);
    outcomeOf(await t.http.patch(url).set('content-type', 'application/json-patch+json').send('[{"op":"replace","path":"/id","value":"other"}]'), 422);
    // Each patch format has its media type (http.html#patch).
    const jsonPatch = '[{"op":"add","path":"/active","value":true}]';
    outcomeOf(await t.http.patch(url).set('content-type', 'application/fhir+json').send(jsonPatch), 415, 'not-supported');
    outcomeOf(await t.http.patch(url).set('content-type', 'application/json-patch+json').send('{"resourceType":"Parameters"}'), 400, 'invalid');
    expect((await t.http.get(url)).body.meta.versionId).toBe('1');
  });

  it('an unknown route outside FHIR is 404', async () => {
    outcomeOf(await t.http.get('/nowhere'), 404, 'not-found');
  });

  it('requests the HTTP parser refuses get an OperationOutcome too: headers over its limit 431, not HTTP 400', async () => {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as AddressInfo;
    const raw = (text: string) =>
      new Promise<string>((done, fail) => {
        let answer = '';
        const socket = connect(port, '127.0.0.1', () => socket.write(text));
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
        socket.on('close', () => done(answer));
        socket.on('error', fail);
      });
    for (const [request, status, code] of [
      [`GET /fhir/Patient?name=${'x'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431, 'too-costly'],
      ['NOT HTTP AT ALL\r\n\r\n', 400, 'invalid'],
    ] as const) {
      const [head, body] = (await raw(request)).split('\r\n\r\n');
      expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(head.toLowerCase()).toContain('content-type: application/fhir+json');
      const parsed = JSON.parse(body) as Outcome;
      expect(parsed.resourceType).toBe('OperationOutcome');
      expect(parsed.issue[0].code).toBe(code);
    }
  });
});
