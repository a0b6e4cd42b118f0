// Paging, sorting and totals: https://hl7.org/fhir/R4/search.html#paging, #sort, #total
import type { Bundle } from 'fhir/r4';
import { BASE, FHIR_JSON, startApp, type TestApp } from '../../support/start-app';

let t: TestApp;
const SYSTEM = 'http://example.org/paging';
const ids: string[] = [];

beforeAll(async () => {
  t = await startApp();
  for (let i = 0; i < 25; i++) {
    const res = await t.http.post('/fhir/Patient').set('content-type', FHIR_JSON).send(JSON.stringify({ resourceType: 'Patient', identifier: [{ system: SYSTEM, value: `p${i}` }] }));
    ids.push(JSON.parse(res.text).id);
  }
});
afterAll(() => t.close());

const get = async (path: string) => JSON.parse((await t.http.get(path.replace(BASE, '/fhir'))).text) as Bundle;
const link = (b: Bundle, relation: string) => b.link?.find((l) => l.relation === relation)?.url;
const idsOf = (b: Bundle) => (b.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource?.id as string);

describe('search.html#paging', () => {
  it('pages through every match with next links, and back with previous links', async () => {
    const first = await get(`/fhir/Patient?identifier=${SYSTEM}|&_count=10`);
    expect(idsOf(first)).toHaveLength(10);
    expect(link(first, 'previous')).toBeUndefined();
    const second = await get(link(first, 'next') as string);
    const third = await get(link(second, 'next') as string);
    expect(idsOf(third)).toHaveLength(5);
    expect(link(third, 'next')).toBeUndefined();
    expect(new Set([...idsOf(first), ...idsOf(second), ...idsOf(third)])).toEqual(new Set(ids));
    const back = await get(link(third, 'previous') as string);
    expect(idsOf(back)).toEqual(idsOf(second));
    const backAgain = await get(link(back, 'previous') as string);
    expect(idsOf(backAgain)).toEqual(idsOf(first));
    expect(link(backAgain, 'previous')).toBeUndefined();
  });

  it('stays correct while other clients write: a page already served is neither repeated nor skipped', async () => {
    const first = await get(`/fhir/Patient?identifier=${SYSTEM}|&_count=10`);
    await t.http.delete(`/fhir/Patient/${idsOf(first)[0]}`);
    const second = await get(link(first, 'next') as string);
    expect(idsOf(second).some((id) => idsOf(first).includes(id))).toBe(false);
    await t.http.put(`/fhir/Patient/${idsOf(first)[0]}`).set('content-type', FHIR_JSON).send(JSON.stringify({ resourceType: 'Patient', id: idsOf(first)[0], identifier: [{ system: SYSTEM, value: 'p0' }] }));
  });

  it('refuses a forged cursor with 400', async () => {
    const res = await t.http.get(`/fhir/Patient?identifier=${SYSTEM}|&_cursor=${Buffer.from('["n",["x"],"1 OR 1=1"]').toString('base64url')}`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).issue[0].expression).toEqual(['_cursor']);
  });
});

describe('search.html#sort', () => {
  it('sorts by _id ascending and descending, and by _lastUpdated', async () => {
    const asc = idsOf(await get(`/fhir/Patient?identifier=${SYSTEM}|&_sort=_id&_count=100`));
    expect(asc).toEqual([...ids].sort());
    const desc = idsOf(await get(`/fhir/Patient?identifier=${SYSTEM}|&_sort=-_id&_count=100`));
    expect(desc).toEqual([...ids].sort().reverse());
    const byTime = await get(`/fhir/Patient?identifier=${SYSTEM}|&_sort=-_lastUpdated&_count=100`);
    const times = (byTime.entry ?? []).map((e) => e.resource?.meta?.lastUpdated as string);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('pages a sorted search in order with next links', async () => {
    const seen: string[] = [];
    let next: string | undefined = `/fhir/Patient?identifier=${SYSTEM}|&_sort=-_id&_count=7`;
    while (next) {
      const page = await get(next);
      seen.push(...idsOf(page));
      next = link(page, 'next');
    }
    expect(seen).toEqual([...ids].sort().reverse());
  });

  it('refuses a sort on an unknown parameter', async () => {
    expect((await t.http.get('/fhir/Patient?_sort=nonsense')).status).toBe(400);
  });
});

describe('search.html#total and #summary', () => {
  it('counts accurately, estimates, and answers _summary=count without entries', async () => {
    expect((await get(`/fhir/Patient?identifier=${SYSTEM}|&_total=accurate&_count=1`)).total).toBe(25);
    expect(typeof (await get(`/fhir/Patient?identifier=${SYSTEM}|&_total=estimate`)).total).toBe('number');
    const count = await get(`/fhir/Patient?identifier=${SYSTEM}|&_summary=count`);
    expect(count.total).toBe(25);
    expect(count.entry).toBeUndefined();
    expect((await get(`/fhir/Patient?identifier=${SYSTEM}|`)).total).toBeUndefined();
  });

  it('reports ignored parameters in an OperationOutcome entry and leaves them out of the self link', async () => {
    const bundle = await get(`/fhir/Patient?identifier=${SYSTEM}|p1&unknown-param=1`);
    expect(idsOf(bundle)).toEqual([ids[1]]);
    const outcome = bundle.entry?.find((e) => e.search?.mode === 'outcome');
    expect(outcome?.resource?.resourceType).toBe('OperationOutcome');
    expect(link(bundle, 'self')).not.toContain('unknown-param');
  });
});
