// String search end to end: https://hl7.org/fhir/R4/search.html#string
import type { Bundle, Patient } from 'fhir/r4';
import { sharedDataAvailable } from '../../support/fhir-data';
import { ids, putAll, r4Example, search } from '../../support/search';
import { startApp, type TestApp } from '../../support/start-app';

const LONG = Array.from({ length: 10_000 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'[(i * 7 + i * i) % 26]).join('');
const patient = (id: string, family: string | undefined, given: string[] = []): Patient => ({ resourceType: 'Patient', id, name: [{ ...(family !== undefined && { family }), ...(given.length > 0 && { given }) }] });

const q = encodeURIComponent;
const describeWithData = sharedDataAvailable('r4-examples') ? describe : describe.skip;

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
  await putAll(t, [
    r4Example<Patient>('Patient-example.json'),
    patient('s-accent', 'Müller', ['Zoë']),
    patient('s-percent', '100% Pure'),
    patient('s-hundred', '100 Plus'),
    patient('s-underscore', 'a_b'),
    patient('s-axb', 'axb'),
    patient('s-backslash', 'back\\slash'),
    patient('s-quote', "O'Brien"),
    patient('s-comma', 'Smith, Jr'),
    patient('s-cjk', '王', ['小明😀']),
    patient('s-long', LONG),
    patient('s-nofamily', undefined, ['Solo']),
    patient('s-crossed', 'Quillon', ['Quennell']),
    patient('s-crossed-2', 'Quennell', ['Quillon']),
  ]);
});
afterAll(() => t.close());

describeWithData('search.html#string — default: starts with, case- and accent-insensitive', () => {
  it('matches the start of any name part, whatever the case', async () => {
    expect(await ids(t, 'Patient?name=peter')).toEqual(['example']);
    expect(await ids(t, 'Patient?family=CHAL')).toEqual(['example']);
    expect(await ids(t, 'Patient?given=jim')).toEqual(['example']);
    expect(await ids(t, 'Patient?family=halmers')).toEqual([]);
  });

  it('ignores accents on both sides', async () => {
    expect(await ids(t, 'Patient?family=muller')).toEqual(['s-accent']);
    expect(await ids(t, `Patient?family=${q('MÜL')}`)).toEqual(['s-accent']);
    expect(await ids(t, 'Patient?given=zoe')).toEqual(['s-accent']);
    // NFD-decomposed input is the same text
    expect(await ids(t, `Patient?family=${q('Mu\u0308ller')}`)).toEqual(['s-accent']);
  });

  it('ORs comma-separated values and ANDs repeated parameters', async () => {
    expect(await ids(t, 'Patient?family=chal,mul')).toEqual(['example', 's-accent']);
    expect(await ids(t, 'Patient?family=chal&given=jim')).toEqual(['example']);
    expect(await ids(t, 'Patient?family=chal&given=zo')).toEqual([]);
  });

  it('searches every part of an Address', async () => {
    expect(await ids(t, 'Patient?address=pleasant')).toEqual(['example']);
    expect(await ids(t, 'Patient?address=534%20erewhon')).toEqual(['example']);
    expect(await ids(t, 'Patient?address-city=PLEASANTVILLE')).toEqual(['example']);
    expect(await ids(t, 'Patient?address-postalcode=3999')).toEqual(['example']);
  });
});

describeWithData('search.html#string — parameters on a part search that part only (shared rows)', () => {
  it('family, given and address parts tell the parts apart; name and phonetic search them all', async () => {
    expect(await ids(t, 'Patient?family=quil')).toEqual(['s-crossed']);
    expect(await ids(t, 'Patient?given=quil')).toEqual(['s-crossed-2']);
    expect(await ids(t, 'Patient?family:exact=Quennell')).toEqual(['s-crossed-2']);
    expect(await ids(t, 'Patient?given:contains=ENNEL')).toEqual(['s-crossed']);
    expect(await ids(t, 'Patient?name=quil')).toEqual(['s-crossed', 's-crossed-2']);
    expect(await ids(t, 'Patient?phonetic=quen')).toEqual(['s-crossed', 's-crossed-2']);
    expect(await ids(t, 'Patient?address-city=534')).toEqual([]);
    expect(await ids(t, 'Patient?address-state=vic')).toEqual(['example']);
  });

  it('sorts by the part', async () => {
    const sorted = async (sort: string) => {
      const res = await search(t, `Patient?name=que,quil&_sort=${sort}`);
      return ((JSON.parse(res.text) as Bundle).entry ?? []).map((e) => e.resource?.id);
    };
    expect(await sorted('family')).toEqual(['s-crossed-2', 's-crossed']);
    expect(await sorted('-family')).toEqual(['s-crossed', 's-crossed-2']);
    expect(await sorted('given')).toEqual(['s-crossed', 's-crossed-2']);
  });
});

describeWithData('search.html#modifiers — :exact and :contains', () => {
  it(':exact matches the whole value, case and accents included', async () => {
    expect(await ids(t, 'Patient?family:exact=Chalmers')).toEqual(['example']);
    expect(await ids(t, 'Patient?family:exact=chalmers')).toEqual([]);
    expect(await ids(t, 'Patient?family:exact=Chalm')).toEqual([]);
    expect(await ids(t, `Patient?family:exact=${q('Müller')}`)).toEqual(['s-accent']);
    expect(await ids(t, 'Patient?family:exact=Muller')).toEqual([]);
  });

  it(':contains matches anywhere, ignoring case and accents', async () => {
    expect(await ids(t, 'Patient?family:contains=ALME')).toEqual(['example']);
    expect(await ids(t, 'Patient?family:contains=ulle')).toEqual(['s-accent']);
    expect(await ids(t, `Patient?name:contains=${q('😀')}`)).toEqual(['s-cjk']);
    expect(await ids(t, `Patient?family=${q('王')}`)).toEqual(['s-cjk']);
  });
});

describeWithData('search.html#missing', () => {
  it('finds resources with and without a value', async () => {
    expect(await ids(t, 'Patient?family:missing=true')).toEqual(['s-nofamily']);
    expect(await ids(t, 'Patient?family:missing=false')).not.toContain('s-nofamily');
    expect((await ids(t, 'Patient?family:missing=false')).length).toBe(13);
    expect((await search(t, 'Patient?family:missing=maybe')).status).toBe(400);
  });
});

describeWithData('search.html#escaping — and values that are SQL or LIKE syntax', () => {
  it('takes LIKE wildcards literally', async () => {
    expect(await ids(t, `Patient?family=${q('100%')}`)).toEqual(['s-percent']);
    expect(await ids(t, 'Patient?family=100')).toEqual(['s-hundred', 's-percent']);
    expect(await ids(t, 'Patient?family=a_b')).toEqual(['s-underscore']);
    expect(await ids(t, 'Patient?family:contains=_')).toEqual(['s-underscore']);
    expect(await ids(t, `Patient?family:contains=${q('%')}`)).toEqual(['s-percent']);
  });

  it('reads \\\\ as a backslash and \\, as a comma inside a value', async () => {
    expect(await ids(t, `Patient?family=${q('back\\\\slash')}`)).toEqual(['s-backslash']);
    expect(await ids(t, `Patient?family:contains=${q('\\\\')}`)).toEqual(['s-backslash']);
    expect(await ids(t, `Patient?family=${q('Smith\\, Jr')}`)).toEqual(['s-comma']);
    expect(await ids(t, 'Patient?family=Smith,Chalmers')).toEqual(['example', 's-comma']);
  });

  it('takes quotes as text', async () => {
    expect(await ids(t, `Patient?family=${q("O'Brien")}`)).toEqual(['s-quote']);
    expect(await ids(t, `Patient?family=${q("'; DROP TABLE resource; --")}`)).toEqual([]);
  });

  it('indexes and finds a 10,000-character value; a long query value that matches nothing is no error', async () => {
    expect(await ids(t, `Patient?family=${LONG.slice(0, 300)}`)).toEqual(['s-long']);
    expect(await ids(t, `Patient?family:exact=${LONG}`)).toEqual(['s-long']);
    expect(await ids(t, `Patient?family=${LONG}x`)).toEqual([]);
    expect(await ids(t, `Patient?family:exact=${LONG.slice(0, 9_999)}`)).toEqual([]);
    expect(await ids(t, `Patient?family:contains=${LONG.slice(5_000, 5_200)}`)).toEqual(['s-long']);
  });

  it('refuses a NUL character and an unknown modifier with a 400', async () => {
    const nul = await search(t, 'Patient?family=a%00b');
    expect(nul.status).toBe(400);
    expect(JSON.parse(nul.text).issue[0]).toMatchObject({ code: 'invalid', expression: ['family'] });
    expect((await search(t, 'Patient?family:below=x')).status).toBe(400);
  });
});
