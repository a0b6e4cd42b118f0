// Structured logs: one JSON line per request with its id, method, path, status and duration (src/rest/http-app.ts).
import pino from 'pino';
import { Writable } from 'node:stream';
import { FHIR_JSON, startApp, type TestApp } from '../support/start-app';

const lines: Record<string, unknown>[] = [];
let t: TestApp;
beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>));
      done();
    },
  });
  t = await startApp({}, pino({ level: 'info' }, sink));
});
afterAll(() => t.close());

const requestLines = () => lines.filter((l) => l.msg === 'request' || l.msg === 'request failed');

it('writes one line per request, each with its own request id', async () => {
  const created = await t.http.post('/fhir/Patient').set('content-type', FHIR_JSON).send(JSON.stringify({ resourceType: 'Patient', gender: 'other' }));
  await t.http.get(`/fhir/Patient/${JSON.parse(created.text).id}`);
  await t.http.get('/fhir/Patient/does-not-exist');
  await new Promise((r) => setImmediate(r));
  const logged = requestLines().map(({ method, path, status }) => ({ method, path, status }));
  expect(logged).toEqual([
    { method: 'POST', path: '/fhir/Patient', status: 201 },
    { method: 'GET', path: `/fhir/Patient/${JSON.parse(created.text).id}`, status: 200 },
    { method: 'GET', path: '/fhir/Patient/does-not-exist', status: 404 },
  ]);
  const ids = requestLines().map((l) => l.reqId);
  expect(new Set(ids).size).toBe(3);
  for (const line of requestLines()) expect(typeof line.ms).toBe('number');
});
