// Quantity search end to end: https://hl7.org/fhir/R4/search.html#quantity
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Condition, Invoice, Resource } from 'fhir/r4';
import { SHARED_DATA, sharedDataAvailable } from '../../support/fhir-data';
import { ids, putAll, r4Example, search } from '../../support/search';
import { startApp, type TestApp } from '../../support/start-app';

const UCUM = 'http://unitsofmeasure.org';
const condition = (id: string, onset: Partial<Condition>): Condition => ({ resourceType: 'Condition', id, subject: { reference: 'Patient/example' }, ...onset });
const q = encodeURIComponent;
const available = sharedDataAvailable('r4-examples');
const describeWithData = available ? describe : describe.skip;

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
  if (!available) return;
  const observations = readdirSync(join(SHARED_DATA, 'r4-examples')).filter((f) => /^Observation-.*\.json$/.test(f));
  await putAll(t, [
    ...observations.map((f) => r4Example<Resource>(f)),
    r4Example<Invoice>('Invoice-example.json'),
    condition('q-range', { onsetRange: { low: { value: 20, system: UCUM, code: 'a', unit: 'years' }, high: { value: 30, system: UCUM, code: 'a', unit: 'years' } } }),
    condition('q-age', { onsetAge: { value: 52, system: UCUM, code: 'a', unit: 'years' } }),
  ]);
});
afterAll(() => t.close());

describeWithData('search.html#quantity — number|system|code, number||code, number', () => {
  it('matches the system and code, or the code or unit, or any unit', async () => {
    expect(await ids(t, `Observation?value-quantity=${q(`185|${UCUM}|[lb_av]`)}`)).toEqual(['example']);
    expect(await ids(t, `Observation?value-quantity=${q('185||[lb_av]')}`)).toEqual(['example']);
    expect(await ids(t, 'Observation?value-quantity=185||lbs')).toEqual(['example']);
    expect(await ids(t, 'Observation?value-quantity=185')).toEqual(['example']);
    expect(await ids(t, `Observation?value-quantity=${q('60||mm Hg')}`)).toEqual(['map-sitting']);
  });

  it('compares in the unit as written: no other system, no conversion', async () => {
    expect(await ids(t, `Observation?value-quantity=${q(`36.5|${UCUM}|Cel`)}`)).toEqual(['body-temperature']);
    expect(await ids(t, `Observation?value-quantity=${q('36.5|http://example.org|Cel')}`)).toEqual([]);
    expect(await ids(t, `Observation?value-quantity=${q(`97.7|${UCUM}|[degF]`)}`)).toEqual([]);
  });

  it('applies the prefixes to the number', async () => {
    expect(await ids(t, `Observation?value-quantity=${q(`gt36|${UCUM}|Cel`)}`)).toEqual(['body-temperature', 'f202']);
    expect(await ids(t, `Observation?value-quantity=${q(`lt10|${UCUM}|{score}`)}`)).toEqual(['1minute-apgar-score', '2minute-apgar-score']);
    expect(await ids(t, `Observation?value-quantity=${q('ge10||{score}')}`)).toEqual(['10minute-apgar-score', '20minute-apgar-score', '5minute-apgar-score', 'gcs-qa', 'glasgow']);
    expect(await ids(t, `Observation?value-quantity=${q('ap80||mm[Hg]')}`)).toEqual(['mbp']);
    expect(await ids(t, 'Observation?value-quantity=le0.2')).toEqual(['1minute-apgar-score', 'herd1']);
  });

  it('reads a comparator as an open range (>60 is above 70, and not equal to 60)', async () => {
    const unit = q('||mL/min/{1.73_m2}');
    expect(await ids(t, `Observation?component-value-quantity=gt70${unit}`)).toEqual(['f205']);
    expect(await ids(t, `Observation?component-value-quantity=60${unit}`)).toEqual(['f205']);
    expect(await ids(t, `Observation?component-value-quantity=lt50${unit}`)).toEqual([]);
  });

  it('searches Money by currency and Range by its bounds', async () => {
    expect(await ids(t, `Invoice?totalgross=${q('48|urn:iso:std:iso:4217|EUR')}`)).toEqual(['example']);
    expect(await ids(t, 'Invoice?totalgross=48||EUR')).toEqual(['example']);
    expect(await ids(t, 'Invoice?totalnet=gt45')).toEqual([]);
    expect(await ids(t, 'Condition?onset-age=25||a')).toEqual([]);
    expect(await ids(t, 'Condition?onset-age=gt25||a')).toEqual(['q-age', 'q-range']);
    expect(await ids(t, `Condition?onset-age=${q(`lt25|${UCUM}|a`)}`)).toEqual(['q-range']);
    expect(await ids(t, 'Condition?onset-age=52')).toEqual(['q-age']);
  });
});

describeWithData('search.html#missing, #escaping and hostile values', () => {
  it(':missing', async () => {
    expect(await ids(t, 'Observation?value-quantity:missing=false')).toHaveLength(30);
    expect(await ids(t, 'Observation?value-quantity:missing=true')).toContain('f205');
  });

  it('takes units with LIKE characters and escaped pipes as written', async () => {
    expect(await ids(t, `Observation?value-quantity=${q('0.2||%')}`)).toEqual(['herd1']);
    expect(await ids(t, `Observation?value-quantity=${q('95||%')}`)).toEqual(['satO2']);
    expect(await ids(t, `Observation?value-quantity=${q('5||a\\|b')}`)).toEqual([]);
    expect(await ids(t, `Observation?value-quantity=5||${'u'.repeat(10_000)}`)).toEqual([]);
  });

  it.each([['5|a'], ['5|a|b|c'], ['abc||mg'], ['||mg']])('refuses %s with a 400', async (value) => {
    const res = await search(t, `Observation?value-quantity=${q(value)}`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).issue[0].expression).toEqual(['value-quantity']);
  });
});
