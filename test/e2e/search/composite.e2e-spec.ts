// Composite search end to end: https://hl7.org/fhir/R4/search.html#composite
import type { ActivityDefinition, Observation, Resource } from 'fhir/r4';
import { sharedDataAvailable } from '../../support/fhir-data';
import { ids, putAll, r4Example, search } from '../../support/search';
import { startApp, type TestApp } from '../../support/start-app';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const q = encodeURIComponent;
const describeWithData = sharedDataAvailable('r4-examples') ? describe : describe.skip;
const dollar: Observation = { resourceType: 'Observation', id: 'c-dollar', status: 'final', code: { coding: [{ system: 'urn:x', code: 'a$b' }] }, valueQuantity: { value: 5 } };

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
  await putAll(t, [
    // example: 29463-7 = 185 [lb_av]; blood-pressure: components 8480-6 = 107 and 8462-4 = 60 mm[Hg];
    // blood-pressure-dar: 8480-6 = 107, 8462-4 absent; bloodgroup: 883-9 = SNOMED 112144000;
    // date-lastmp: 8665-2 = 2016-12-30; example-TPMT-diplotype: SNOMED 363779003 = "*1/*4"
    ...['example', 'blood-pressure', 'blood-pressure-dar', 'bloodgroup', 'date-lastmp', 'example-TPMT-diplotype'].map((id) => r4Example<Observation>(`Observation-${id}.json`)),
    // useContext: age = D000328 (Adult), focus = 87512008, 40379007 …
    r4Example<ActivityDefinition>('ActivityDefinition-referralPrimaryCareMentalHealth.json'),
    dollar,
  ] as Resource[]);
});
afterAll(() => t.close());

describeWithData('search.html#composite — token$quantity within one element', () => {
  it('matches code and value of the Observation', async () => {
    expect(await ids(t, `Observation?code-value-quantity=${q(`${LOINC}|29463-7$185|${UCUM}|[lb_av]`)}`)).toEqual(['example']);
    expect(await ids(t, `Observation?code-value-quantity=${q(`${LOINC}|29463-7$gt200`)}`)).toEqual([]);
    expect(await ids(t, `Observation?code-value-quantity=${q('29463-7$ge185,85354-9$1')}`)).toEqual(['example']);
  });

  it('requires both components in the same Observation.component', async () => {
    expect(await ids(t, `Observation?component-code-value-quantity=${q(`${LOINC}|8480-6$107|${UCUM}|mm[Hg]`)}`)).toEqual(['blood-pressure', 'blood-pressure-dar']);
    expect(await ids(t, `Observation?component-code-value-quantity=${q(`${LOINC}|8462-4$60`)}`)).toEqual(['blood-pressure']);
    // 60 is the diastolic's value, not the systolic's
    expect(await ids(t, `Observation?component-code-value-quantity=${q(`${LOINC}|8480-6$60`)}`)).toEqual([]);
  });

  it('combo- searches the Observation and its components', async () => {
    expect(await ids(t, `Observation?combo-code-value-quantity=${q(`${LOINC}|8462-4$60`)}`)).toEqual(['blood-pressure']);
    expect(await ids(t, `Observation?combo-code-value-quantity=${q(`${LOINC}|29463-7$185`)}`)).toEqual(['example']);
  });
});

describeWithData('search.html#composite — other component types', () => {
  it('token$token, token$date, token$string', async () => {
    expect(await ids(t, `Observation?code-value-concept=${q(`${LOINC}|883-9$http://snomed.info/sct|112144000`)}`)).toEqual(['bloodgroup']);
    expect(await ids(t, `Observation?code-value-date=${q(`${LOINC}|8665-2$2016-12`)}`)).toEqual(['date-lastmp']);
    expect(await ids(t, `Observation?code-value-date=${q(`${LOINC}|8665-2$gt2017`)}`)).toEqual([]);
    expect(await ids(t, `Observation?code-value-string=${q('363779003$*1/')}`)).toEqual(['example-TPMT-diplotype']);
  });

  it('pairs each useContext code with its own value', async () => {
    expect(await ids(t, `ActivityDefinition?context-type-value=${q('focus$http://snomed.info/sct|87512008')}`)).toEqual(['referralPrimaryCareMentalHealth']);
    expect(await ids(t, `ActivityDefinition?context-type-value=${q('age$87512008')}`)).toEqual([]);
    expect(await ids(t, `ActivityDefinition?context-type-value=${q('age$D000328')}`)).toEqual(['referralPrimaryCareMentalHealth']);
  });
});

describeWithData('search.html#composite — escaping, :missing and malformed values', () => {
  it('reads \\$ as a dollar inside a component', async () => {
    expect(await ids(t, `Observation?code-value-quantity=${q('a\\$b$5')}`)).toEqual(['c-dollar']);
  });

  it(':missing', async () => {
    expect(await ids(t, 'Observation?code-value-quantity:missing=false')).toEqual(['c-dollar', 'example']);
  });

  it.each([['29463-7'], ['29463-7$185$1'], ['29463-7$abc'], ['$']])('refuses %s with a 400', async (value) => {
    const res = await search(t, `Observation?code-value-quantity=${q(value)}`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).issue[0].expression).toEqual(['code-value-quantity']);
  });
});
