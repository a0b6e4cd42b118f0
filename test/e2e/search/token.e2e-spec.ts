// Token modifiers end to end: https://hl7.org/fhir/R4/search.html#token and #modifiers (plus _tag, _security)
import type { Observation, Patient, Resource } from 'fhir/r4';
import { DataSource } from 'typeorm';
import { ContactPointRows1765100000000 } from '../../../migrations/1765100000000-contact-point-rows';
import { SearchParameterRegistry } from '../../../src/search/search-parameters';
import { tokenParser } from '../../../src/search/values/token';
import { loadR4Definitions } from '../../../src/fhir/definitions/r4';
import { ValueSetIndex } from '../../../src/validation/value-sets';
import { sharedDataAvailable } from '../../support/fhir-data';
import { ids, idsWithContext, putAll, r4Example, search } from '../../support/search';
import { startApp, type TestApp } from '../../support/start-app';

const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const LONG = Array.from({ length: 10_000 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz0123456789'[(i * 13 + i * i) % 36]).join('');
const q = encodeURIComponent;
const describeWithData = sharedDataAvailable('r4-examples') ? describe : describe.skip;

const tagged: Patient = {
  resourceType: 'Patient',
  id: 't-tagged',
  meta: { tag: [{ system: 'http://example.org/tags', code: 'vip', display: 'Very important' }], security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] },
  gender: 'female',
  identifier: [{ system: 'urn:example:mrn', value: 'a|b,c$d\\e', type: { coding: [{ system: V2_0203, code: 'MR' }], text: 'Medical record number' } }],
};
const long: Patient = { resourceType: 'Patient', id: 't-long', identifier: [{ system: 'urn:example:long', value: LONG }] };
const genderless: Patient = { resourceType: 'Patient', id: 't-genderless' };
const textOnly: Observation = { resourceType: 'Observation', id: 't-text-only', status: 'final', code: { text: 'Glucose, free text' } };

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
  await putAll(t, [
    r4Example<Patient>('Patient-example.json'),
    tagged,
    long,
    genderless,
    ...['f001', 'unsat', 'blood-pressure', 'example', 'bmi', 'heart-rate', 'f205'].map((id) => r4Example<Observation>(`Observation-${id}.json`)),
    textOnly,
  ] as Resource[]);
});
afterAll(() => t.close());

describeWithData('search.html#token — system|code, and values with escapes', () => {
  it('matches code, system|code, |code and system|', async () => {
    expect(await ids(t, 'Observation?code=15074-8')).toEqual(['f001', 'unsat']);
    expect(await ids(t, `Observation?code=${q('http://snomed.info/sct|27113001')}`)).toEqual(['example']);
    expect(await ids(t, `Observation?code=${q('http://snomed.info/sct|')}`)).toEqual(['example']);
    expect(await ids(t, `Patient?gender=${q('|female')}`)).toEqual(['t-tagged']);
  });

  it('reads \\| \\, \\$ \\\\ inside a value', async () => {
    expect(await ids(t, `Patient?identifier=${q('urn:example:mrn|a\\|b\\,c\\$d\\\\e')}`)).toEqual(['t-tagged']);
    expect(await ids(t, `Patient?identifier=${q('a\\|b\\,c\\$d\\\\e')}`)).toEqual(['t-tagged']);
    expect(await ids(t, `Patient?identifier=${q('a\\|b')}`)).toEqual([]);
  });

  it('indexes and finds a 10,000-character identifier', async () => {
    expect(await ids(t, `Patient?identifier=${LONG}`)).toEqual(['t-long']);
    expect(await ids(t, `Patient?identifier=urn:example:long|${LONG.slice(0, 9_999)}`)).toEqual([]);
    expect(await ids(t, `Patient?identifier=${LONG.slice(0, 128)}`)).toEqual([]);
  });
});

describeWithData('search.html#modifiers — :text, :of-type, :not, :missing', () => {
  it(':text finds the start of a display or CodeableConcept.text, ignoring case and accents', async () => {
    expect(await ids(t, 'Observation?code:text=glucose')).toEqual(['f001', 't-text-only', 'unsat']);
    expect(await ids(t, 'Observation?code:text=BLOOD%20PRESSURE%20SYSTOLIC')).toEqual(['blood-pressure']);
    expect(await ids(t, 'Observation?code:text=bmi')).toEqual(['bmi']);
    expect(await ids(t, 'Observation?code:text=pressure')).toEqual([]);
    expect(await ids(t, 'Patient?identifier:text=medical')).toEqual(['t-tagged']);
  });

  it(':of-type matches Identifier.type system|code and the value', async () => {
    expect(await ids(t, `Patient?identifier:of-type=${q(`${V2_0203}|MR|12345`)}`)).toEqual(['example']);
    expect(await ids(t, `Patient?identifier:of-type=${q(`${V2_0203}|MR|a\\|b\\,c\\$d\\\\e`)}`)).toEqual(['t-tagged']);
    expect(await ids(t, `Patient?identifier:of-type=${q(`${V2_0203}|DL|12345`)}`)).toEqual([]);
    const partial = await search(t, `Patient?identifier:of-type=${q('MR|12345')}`);
    expect(partial.status).toBe(400);
    expect(JSON.parse(partial.text).issue[0].expression).toEqual(['identifier']);
  });

  it(':not keeps resources without a matching value, including those without any', async () => {
    expect(await ids(t, 'Patient?gender:not=male')).toEqual(['t-genderless', 't-long', 't-tagged']);
  });

  it(':missing', async () => {
    expect(await ids(t, 'Patient?gender:missing=true')).toEqual(['t-genderless', 't-long']);
    expect(await ids(t, 'Patient?gender:missing=false')).toEqual(['example', 't-tagged']);
    expect(await ids(t, 'Patient?_id:missing=false')).toHaveLength(4);
  });

  it('refuses :above and :below (no terminology server)', async () => {
    expect((await search(t, 'Observation?code:below=15074-8')).status).toBe(400);
    expect((await search(t, 'Observation?code:above=15074-8')).status).toBe(400);
  });
});

describeWithData('search.html#modifiers — :in and :not-in, with the value sets Ignis holds', () => {
  const registry = new SearchParameterRegistry(loadR4Definitions().resourceTypes, loadR4Definitions().searchParameters);
  const valueSets = new ValueSetIndex();
  const criterion = (type: string, code: string, modifier: string, value: string) => {
    const param = registry.get(type, code);
    if (!param) throw new Error(code);
    return { kind: 'value' as const, param, modifier, values: tokenParser.parse(value, modifier, param) };
  };

  it(':in matches codes and codings of the expansion', async () => {
    const gender = criterion('Patient', 'gender', 'in', 'http://hl7.org/fhir/ValueSet/administrative-gender');
    expect(await idsWithContext(t, { resourceType: 'Patient', criteria: [gender] }, { valueSets })).toEqual(['example', 't-tagged']);
    const status = criterion('Observation', 'status', 'in', 'http://hl7.org/fhir/ValueSet/observation-status|4.0.1');
    expect(await idsWithContext(t, { resourceType: 'Observation', criteria: [status] }, { valueSets })).toHaveLength(8);
    const security = criterion('Patient', '_security', 'in', 'http://terminology.hl7.org/ValueSet/v3-ConfidentialityClassification');
    expect(await idsWithContext(t, { resourceType: 'Patient', criteria: [security] }, { valueSets })).toEqual(['t-tagged']);
  });

  it(':not-in keeps resources with no code in the set', async () => {
    const gender = criterion('Patient', 'gender', 'not-in', 'http://hl7.org/fhir/ValueSet/administrative-gender');
    expect(await idsWithContext(t, { resourceType: 'Patient', criteria: [gender] }, { valueSets })).toEqual(['t-genderless', 't-long']);
  });

  it('refuses a value set it cannot expand with a 400', async () => {
    const unknown = criterion('Patient', 'gender', 'in', 'http://example.org/ValueSet/unknown');
    await expect(idsWithContext(t, { resourceType: 'Patient', criteria: [unknown] }, { valueSets })).rejects.toMatchObject({ status: 400 });
  });
});

describeWithData('search.html#all — _tag and _security', () => {
  it('searches meta.tag and meta.security as tokens', async () => {
    expect(await ids(t, `Patient?_tag=${q('http://example.org/tags|vip')}`)).toEqual(['t-tagged']);
    expect(await ids(t, 'Patient?_tag:text=very')).toEqual(['t-tagged']);
    expect(await ids(t, 'Patient?_security=R')).toEqual(['t-tagged']);
    expect(await ids(t, 'Patient?_tag:missing=true')).toEqual(['example', 't-genderless', 't-long']);
  });
});

describe('search.html#token — phone and email search the telecom rows of their ContactPoint system', () => {
  const practitioner = (id: string, telecom: { system: 'phone' | 'email' | 'sms' | 'other'; value: string }[]) => ({ resourceType: 'Practitioner', id, telecom }) as Resource;
  beforeAll(() =>
    putAll(t, [
      practitioner('cp-1', [{ system: 'phone', value: '555-0101' }, { system: 'email', value: 'ada@example.org' }, { system: 'sms', value: '555-0199' }]),
      practitioner('cp-2', [{ system: 'email', value: 'ada@example.org' }]),
      practitioner('cp-3', [{ system: 'phone', value: '555-0199' }]),
      practitioner('cp-4', [{ system: 'other', value: '555-0101' }]),
    ]),
  );

  it('finds a value among the ContactPoints of its system only', async () => {
    expect(await ids(t, 'Practitioner?phone=555-0101')).toEqual(['cp-1']);
    expect(await ids(t, 'Practitioner?phone=555-0199')).toEqual(['cp-3']);
    expect(await ids(t, `Practitioner?email=${q('ada@example.org')}`)).toEqual(['cp-1', 'cp-2']);
    expect(await ids(t, `Practitioner?phone=${q('ada@example.org')}`)).toEqual([]);
    expect(await ids(t, 'Practitioner?telecom=555-0199')).toEqual(['cp-1', 'cp-3']);
    expect(await ids(t, 'Practitioner?telecom=555-0101')).toEqual(['cp-1', 'cp-4']);
  });

  it('applies :missing, :not and _sort to those rows', async () => {
    expect(await ids(t, 'Practitioner?_id=cp-1,cp-2,cp-3,cp-4&phone:missing=true')).toEqual(['cp-2', 'cp-4']);
    expect(await ids(t, 'Practitioner?_id=cp-1,cp-2,cp-3,cp-4&email:missing=false')).toEqual(['cp-1', 'cp-2']);
    expect(await ids(t, 'Practitioner?_id=cp-1,cp-2,cp-3,cp-4&phone:not=555-0101')).toEqual(['cp-2', 'cp-3', 'cp-4']);
    const sorted = await search(t, 'Practitioner?_id=cp-1,cp-3&_sort=-phone');
    expect((JSON.parse(sorted.text) as { entry: { resource: Resource }[] }).entry.map((e) => e.resource.id)).toEqual(['cp-3', 'cp-1']);
  });

  it('the upgrade turns the phone and email rows written before into telecom rows of their part (and back)', async () => {
    const db = t.app.get(DataSource);
    const rows = async () =>
      (await db.query(`SELECT param, code, part FROM search_token WHERE rid = (SELECT rid FROM resource WHERE resource_type = 'Practitioner' AND id = 'cp-1') ORDER BY 1, 2, 3`)) as unknown[];
    const now = await rows();
    expect(now).toEqual([
      { param: 'telecom', code: '555-0101', part: 'phone' },
      { param: 'telecom', code: '555-0199', part: 'sms' },
      { param: 'telecom', code: 'ada@example.org', part: 'email' },
    ]);
    const runner = db.createQueryRunner();
    try {
      await new ContactPointRows1765100000000().down(runner);
      expect(await db.query(`SELECT param, code FROM search_token WHERE rid = (SELECT rid FROM resource WHERE resource_type = 'Practitioner' AND id = 'cp-1') ORDER BY 1, 2`)).toEqual([
        { param: 'email', code: 'ada@example.org' },
        { param: 'phone', code: '555-0101' },
        { param: 'telecom', code: '555-0101' },
        { param: 'telecom', code: '555-0199' },
        { param: 'telecom', code: 'ada@example.org' },
      ]);
      await new ContactPointRows1765100000000().up(runner);
    } finally {
      await runner.release();
    }
    // Rows of systems no parameter searches (sms) keep no part.
    expect(await rows()).toEqual(now.map((r) => ((r as { part: string }).part === 'sms' ? { ...(r as object), part: null } : r)));
    expect(await ids(t, 'Practitioner?phone=555-0101')).toEqual(['cp-1']);
    expect(await ids(t, `Practitioner?email=${q('ada@example.org')}`)).toEqual(['cp-1', 'cp-2']);
  });
});
