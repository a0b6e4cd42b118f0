// Date search end to end: https://hl7.org/fhir/R4/search.html#date and #prefix
import type { Observation, Patient } from 'fhir/r4';
import { parseDateValue } from '../../../src/search/values/date';
import { sharedDataAvailable } from '../../support/fhir-data';
import { ids, idsWithContext, putAll, r4Example, search } from '../../support/search';
import { startApp, type TestApp } from '../../support/start-app';

const born = (id: string, birthDate?: string): Patient => ({ resourceType: 'Patient', id, ...(birthDate && { birthDate }) });
const timing: Observation = {
  resourceType: 'Observation',
  id: 'd-timing',
  status: 'final',
  code: { text: 'timed' },
  effectiveTiming: { event: ['2021-05-01T10:00:00Z', '2021-06-01'] },
};
const describeWithData = sharedDataAvailable('r4-examples') ? describe : describe.skip;

let t: TestApp;
let loadedAt: Date;
beforeAll(async () => {
  t = await startApp();
  loadedAt = new Date();
  await putAll(t, [
    r4Example<Patient>('Patient-example.json'), // 1974-12-25
    born('d-1974', '1974'),
    born('d-1974-12', '1974-12'),
    born('d-1975', '1975-01-01'),
    born('d-none'),
    ...['f001', 'f002', 'f005', 'unsat', 'example'].map((id) => r4Example<Observation>(`Observation-${id}.json`)),
    timing,
  ]);
});
afterAll(() => t.close());

describeWithData('search.html#date — the implicit range of a value\'s precision', () => {
  it('eq: the search range contains the stored range', async () => {
    expect(await ids(t, 'Patient?birthdate=1974')).toEqual(['d-1974', 'd-1974-12', 'example']);
    expect(await ids(t, 'Patient?birthdate=1974-12')).toEqual(['d-1974-12', 'example']);
    expect(await ids(t, 'Patient?birthdate=eq1974-12-25')).toEqual(['example']);
    expect(await ids(t, 'Patient?birthdate=1974-12-25,1975')).toEqual(['d-1975', 'example']);
  });

  it('reads time zones into UTC (a Period of one second at 10:30:10+01:00 is 09:30:10Z)', async () => {
    expect(await ids(t, 'Observation?date=2013-04-05T09:30:10Z')).toEqual(['f005']);
    expect(await ids(t, `Observation?date=${encodeURIComponent('2013-04-05T10:30:10+01:00')}`)).toEqual(['f005']);
    expect(await ids(t, 'Observation?date=2013-04-05T10:30:10Z')).toEqual([]);
    expect(await ids(t, 'Observation?date=2013-04')).toEqual(['f002', 'f005', 'unsat']);
  });

  it('indexes every Timing.event and open-ended Periods', async () => {
    expect(await ids(t, 'Observation?date=2021-06-01')).toEqual(['d-timing']);
    expect(await ids(t, 'Observation?date=2021-05-01')).toEqual(['d-timing']);
    // f001's Period has no end: it goes on for ever
    expect(await ids(t, 'Observation?date=gt2100')).toEqual(['f001']);
  });
});

describeWithData('search.html#prefix — on ranges', () => {
  it('ne: the search range does not contain the stored range', async () => {
    expect(await ids(t, 'Patient?birthdate=ne1974-12-25')).toEqual(['d-1974', 'd-1974-12', 'd-1975']);
  });

  it('gt / lt: the range above / below the search value overlaps the stored range', async () => {
    expect(await ids(t, 'Patient?birthdate=gt1974-12-25')).toEqual(['d-1974', 'd-1974-12', 'd-1975']);
    expect(await ids(t, 'Patient?birthdate=lt1974-12-25')).toEqual(['d-1974', 'd-1974-12']);
    expect(await ids(t, 'Patient?birthdate=gt1975')).toEqual([]);
  });

  it('ge / le: gt or lt, or contained', async () => {
    expect(await ids(t, 'Patient?birthdate=ge1974-12-25')).toEqual(['d-1974', 'd-1974-12', 'd-1975', 'example']);
    expect(await ids(t, 'Patient?birthdate=le1974-12-25')).toEqual(['d-1974', 'd-1974-12', 'example']);
    expect(await ids(t, 'Patient?birthdate=ge1975-01-01')).toEqual(['d-1975']);
  });

  it('sa / eb: starts after the search range ends, ends before it starts', async () => {
    expect(await ids(t, 'Patient?birthdate=sa1974-12-25')).toEqual(['d-1975']);
    expect(await ids(t, 'Patient?birthdate=eb1975')).toEqual(['d-1974', 'd-1974-12', 'example']);
    expect(await ids(t, 'Patient?birthdate=eb1974-12-25')).toEqual([]);
  });

  it('ap: overlaps the search range widened by 10% of the gap to now', async () => {
    // decades ago: a margin of years takes in every 1974–1975 birth date
    expect(await ids(t, 'Patient?birthdate=ap1974-12-25')).toEqual(['d-1974', 'd-1974-12', 'd-1975', 'example']);
    const param = { code: 'birthdate', type: 'date' as const, expression: 'Patient.birthDate' };
    const criterion = (value: string) => ({ kind: 'value' as const, param, values: [parseDateValue(value, param)] });
    // asked on 1975-01-10, the gap to 1975-01-01 is 9 days, the margin less than a day
    const now = new Date('1975-01-10T00:00:00Z');
    expect(await idsWithContext(t, { resourceType: 'Patient', criteria: [criterion('ap1975-01-01')] }, { now })).toEqual(['d-1974', 'd-1974-12', 'd-1975']);
    expect(await idsWithContext(t, { resourceType: 'Patient', criteria: [criterion('ap1975-01-05')] }, { now })).toEqual([]);
  });

  it('ANDs repeated parameters into an interval', async () => {
    // every Period that overlaps 2013-04-02 and reaches past it (f001 has no end)
    expect(await ids(t, 'Observation?date=ge2013-04-02&date=lt2013-04-03')).toEqual(['f001', 'f002', 'unsat']);
    expect(await ids(t, 'Observation?date=ge2013-04-02&date=le2013-04-05')).toEqual(['f001', 'f002', 'f005', 'unsat']);
    expect(await ids(t, 'Observation?date=ge2016&date=le2016-12-31')).toEqual(['example', 'f001']);
  });
});

describeWithData('search.html#missing and _lastUpdated', () => {
  it(':missing', async () => {
    expect(await ids(t, 'Patient?birthdate:missing=true')).toEqual(['d-none']);
    expect(await ids(t, 'Patient?birthdate:missing=false')).toEqual(['d-1974', 'd-1974-12', 'd-1975', 'example']);
  });

  it('_lastUpdated compares the instant of the last write', async () => {
    const day = loadedAt.toISOString().slice(0, 10);
    expect(await ids(t, `Patient?_lastUpdated=${day}`)).toHaveLength(5);
    expect(await ids(t, `Patient?_lastUpdated=ge${day}&birthdate=1974-12`)).toEqual(['d-1974-12', 'example']);
    expect(await ids(t, `Patient?_lastUpdated=lt${day}`)).toEqual([]);
    expect(await ids(t, 'Patient?_lastUpdated=sa2000-01-01T00:00:00Z')).toHaveLength(5);
    expect(await ids(t, `Patient?_lastUpdated=ne${day}`)).toEqual([]);
  });
});

describeWithData('search.html#date — malformed and hostile values', () => {
  it.each([['2020-13-01'], ['2020-02-30'], ['abc'], ['xx2020'], ['2020-01-01T25:00:00Z'], ['a 10,000-character value'], ['(empty)'], ['ge']])('refuses %s with a 400 naming the parameter', async (name) => {
    const value = name === '(empty)' ? '' : name.startsWith('a 10,000') ? `2020${'1'.repeat(10_000)}` : name;
    const res = await search(t, `Patient?birthdate=${value}`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).issue[0].expression).toEqual(['birthdate']);
  });

  it('answers the extremes of the calendar without error', async () => {
    expect(await ids(t, 'Patient?birthdate=9999-12-31')).toEqual([]);
    expect(await ids(t, 'Patient?birthdate=gt9999')).toEqual([]);
    expect(await ids(t, 'Patient?birthdate=lt0001')).toEqual([]);
    expect(await ids(t, 'Patient?birthdate=ge0001')).toHaveLength(4);
  });
});
