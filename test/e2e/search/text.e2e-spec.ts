// _text and _content end to end: https://hl7.org/fhir/R4/search.html#_text (PostgreSQL full-text search)
import type { Patient } from 'fhir/r4';
import { sharedDataAvailable } from '../../support/fhir-data';
import { ids, putAll, r4Example, search } from '../../support/search';
import { startApp, type TestApp } from '../../support/start-app';

const q = encodeURIComponent;
const describeWithData = sharedDataAvailable('r4-examples') ? describe : describe.skip;
const narrated: Patient = {
  resourceType: 'Patient',
  id: 'x-narrated',
  text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Zoë &amp; Émile live in <b>Genève</b></p></div>' },
  name: [{ family: 'Quux' }],
};

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
  await putAll(t, [r4Example<Patient>('Patient-example.json'), r4Example<Patient>('Patient-glossy.json'), narrated]);
});
afterAll(() => t.close());

describeWithData('search.html#_text — the narrative', () => {
  it('finds every word, in any case and with or without accents', async () => {
    expect(await ids(t, 'Patient?_text=chalmers')).toEqual(['example']);
    expect(await ids(t, 'Patient?_text=PETER%20chalmers')).toEqual(['example']);
    expect(await ids(t, 'Patient?_text=geneve%20zoe')).toEqual(['x-narrated']);
    expect(await ids(t, 'Patient?_text=quux')).toEqual([]);
  });

  it('reads phrases, or and -word', async () => {
    expect(await ids(t, `Patient?_text=${q('"james chalmers"')}`)).toEqual(['example']);
    expect(await ids(t, `Patient?_text=${q('"chalmers james"')}`)).toEqual([]);
    expect(await ids(t, `Patient?_text=${q('chalmers or genève')}`)).toEqual(['example', 'x-narrated']);
    expect(await ids(t, `Patient?_text=${q('peter -chalmers')}`)).toEqual([]);
  });
});

describeWithData('search.html#_content — all the text of the resource', () => {
  it('finds values outside the narrative too', async () => {
    expect(await ids(t, 'Patient?_content=quux')).toEqual(['x-narrated']);
    expect(await ids(t, 'Patient?_content=12345')).toEqual(['example']);
    expect(await ids(t, 'Patient?_content=pleasantville')).toEqual(['example']);
  });

  it('reads text and narrative, not ids, uris, codes or dates (they have their own parameters)', async () => {
    expect(await ids(t, 'Patient?_content=acme')).toEqual(['example']);
    for (const notText of ['example', 'hl7', 'urn', 'official', '1974', 'patient'])
      expect({ notText, found: await ids(t, `Patient?_content=${notText}`) }).toEqual({ notText, found: [] });
  });

  it('answers hostile text with a result or a 400, never an error', async () => {
    expect(await ids(t, `Patient?_content=${q("'; DROP TABLE resource; -- & | ! ( :*")}`)).toEqual([]);
    expect(await ids(t, `Patient?_content=${'word '.repeat(2_000)}`)).toEqual([]);
    expect(await ids(t, `Patient?_text=${q('%_\\')}`)).toEqual([]);
    expect((await search(t, 'Patient?_text:exact=chalmers')).status).toBe(400);
    expect(await ids(t, 'Patient?_text:missing=true')).toEqual([]);
  });
});
