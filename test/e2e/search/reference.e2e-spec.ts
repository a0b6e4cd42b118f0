// Reference search end to end: https://hl7.org/fhir/R4/search.html#reference (chaining and _has are compile-search's)
import type { Observation, QuestionnaireResponse, Resource } from 'fhir/r4';
import type { SearchParamDef } from '../../../src/search/search-parameters';
import { referenceParser } from '../../../src/search/values/reference';
import { sharedDataAvailable } from '../../support/fhir-data';
import { ids, idsWithContext, putAll, r4Example, search } from '../../support/search';
import { BASE, startApp, type TestApp } from '../../support/start-app';

const observation = (id: string, subject: Observation['subject']): Observation => ({ resourceType: 'Observation', id, status: 'final', code: { text: id }, subject });
const q = encodeURIComponent;
const describeWithData = sharedDataAvailable('r4-examples') ? describe : describe.skip;

let t: TestApp;
beforeAll(async () => {
  t = await startApp();
  await putAll(t, [
    // subjects: Patient/example; Patient/f001; Group/herd1; none; #newborn (contained); Patient/infant
    ...['blood-pressure', 'f001', 'herd1', 'decimal', '1minute-apgar-score', 'bgpanel'].map((id) => r4Example<Observation>(`Observation-${id}.json`)),
    observation('r-abs-local', { reference: `${BASE}/Patient/example` }),
    observation('r-abs-other', { reference: 'http://other.org/fhir/Patient/example' }),
    observation('r-versioned', { reference: 'Patient/example/_history/1' }),
    observation('r-logical', { identifier: { system: 'urn:oid:1.2.36.146.595.217.0.1', value: '12345' } }),
    observation('r-group-example', { reference: 'Group/example' }),
    ...['gcs', 'bb', 'f201'].map((id) => r4Example<QuestionnaireResponse>(`QuestionnaireResponse-${id}.json`)),
  ] as Resource[]);
});
afterAll(() => t.close());

const LOCAL_EXAMPLE = ['blood-pressure', 'r-abs-local', 'r-versioned'];

describeWithData('search.html#reference — Type/id, id, absolute URL', () => {
  it('Type/id matches relative, versioned and own-base absolute references alike', async () => {
    expect(await ids(t, 'Observation?subject=Patient/example')).toEqual(LOCAL_EXAMPLE);
    expect(await ids(t, 'Observation?subject=Patient/example/_history/3')).toEqual(LOCAL_EXAMPLE);
    expect(await ids(t, 'Observation?subject=Group/herd1')).toEqual(['herd1']);
  });

  it('a bare id is of the only target type, or of any target type', async () => {
    // patient refers to Patient only; subject to Patient, Group, Device, Location
    expect(await ids(t, 'Observation?patient=example')).toEqual(LOCAL_EXAMPLE);
    expect(await ids(t, 'Observation?subject=example')).toEqual([...LOCAL_EXAMPLE, 'r-group-example'].sort());
    expect(await ids(t, 'Observation?patient=f001,infant')).toEqual(['bgpanel', 'f001']);
  });

  it('an absolute URL of another server matches that URL only', async () => {
    expect(await ids(t, `Observation?subject=${q('http://other.org/fhir/Patient/example')}`)).toEqual(['r-abs-other']);
    expect(await ids(t, `QuestionnaireResponse?subject=${q('http://hl7.org/fhir/Patient/1')}`)).toEqual(['bb']);
  });

  it('an absolute URL on the server base is the local reference (with the base in the SQL context)', async () => {
    const param = { code: 'subject', type: 'reference', expression: 'Observation.subject', target: ['Group', 'Device', 'Patient', 'Location'] } as SearchParamDef;
    const criterion = { kind: 'value' as const, param, values: referenceParser.parse(`${BASE}/Patient/example`, undefined, param) };
    expect(await idsWithContext(t, { resourceType: 'Observation', criteria: [criterion] }, { baseUrl: BASE })).toEqual(LOCAL_EXAMPLE);
  });

  it('a canonical reference matches by its URL, relative or absolute', async () => {
    expect(await ids(t, 'QuestionnaireResponse?questionnaire=Questionnaire/gcs')).toEqual(['gcs']);
  });
});

describeWithData('search.html#reference — modifiers', () => {
  it(':[Type] restricts a bare id to that type', async () => {
    const param = { code: 'subject', type: 'reference', expression: 'Observation.subject', target: ['Group', 'Device', 'Patient', 'Location'] } as SearchParamDef;
    const typed = (type: string) => ({ kind: 'value' as const, param, modifier: type, values: referenceParser.parse('example', type, param) });
    expect(await idsWithContext(t, { resourceType: 'Observation', criteria: [typed('Group')] }, {})).toEqual(['r-group-example']);
    expect(await idsWithContext(t, { resourceType: 'Observation', criteria: [typed('Patient')] }, {})).toEqual(LOCAL_EXAMPLE);
    expect(() => referenceParser.parse('example', 'Practitioner', param)).toThrow();
  });

  it(':identifier matches the logical identifier of a reference', async () => {
    expect(await ids(t, `Observation?subject:identifier=${q('urn:oid:1.2.36.146.595.217.0.1|12345')}`)).toEqual(['r-logical']);
    expect(await ids(t, 'Observation?subject:identifier=12345')).toEqual(['r-logical']);
    expect(await ids(t, `Observation?subject:identifier=${q('urn:other|12345')}`)).toEqual([]);
  });

  it(':missing counts contained and logical references as values', async () => {
    expect(await ids(t, 'Observation?subject:missing=true')).toEqual(['decimal']);
    expect(await ids(t, 'Observation?subject:missing=false')).toContain('1minute-apgar-score');
    expect(await ids(t, 'Observation?subject:missing=false')).toContain('r-logical');
  });
});

describeWithData('search.html#reference — hostile values', () => {
  it.each([['Patient/ex ample'], ["Patient/1'; DROP TABLE resource; --"], ['a 10,000-character id'], ['Patient/']])('refuses %s with a 400', async (name) => {
    const value = name.startsWith('a 10,000') ? 'x'.repeat(10_000) : name;
    const res = await search(t, `Observation?subject=${q(value)}`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).issue[0].expression).toEqual(['subject']);
  });

  it('takes hostile absolute URLs as URLs', async () => {
    expect(await ids(t, `Observation?subject=${q("http://x.org/'%_\\\\")}`)).toEqual([]);
    expect(await ids(t, `Observation?subject=${q(`http://x.org/${'y'.repeat(10_000)}`)}`)).toEqual([]);
  });
});
