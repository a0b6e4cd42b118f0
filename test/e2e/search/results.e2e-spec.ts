// Chaining, _has, _include/_revinclude, compartments, $everything and system search:
// https://hl7.org/fhir/R4/search.html#chaining, #has, #include, compartmentdefinition.html, patient-operation-everything.html
import type { Bundle, OperationOutcome, Resource } from 'fhir/r4';
import { putAll } from '../../support/search';
import { BASE, startApp, type TestApp } from '../../support/start-app';

let t: TestApp;

const org: Resource = { resourceType: 'Organization', id: 'org-acme', name: 'Acme Clinic' } as Resource;
const drWho = { resourceType: 'Practitioner', id: 'pr-who', name: [{ family: 'Who' }] } as Resource;
const med = { resourceType: 'Medication', id: 'med-1', code: { text: 'aspirin' } } as Resource;
const alice = { resourceType: 'Patient', id: 'pat-alice', name: [{ family: 'Liddell', given: ['Alice'] }], managingOrganization: { reference: 'Organization/org-acme' }, generalPractitioner: [{ reference: 'Practitioner/pr-who' }] } as Resource;
const bob = { resourceType: 'Patient', id: 'pat-bob', name: [{ family: 'Builder', given: ['Bob'] }] } as Resource;
const obs = (id: string, patient: string, code: string) =>
  ({ resourceType: 'Observation', id, status: 'final', code: { coding: [{ system: 'http://loinc.org', code }] }, subject: { reference: `Patient/${patient}` }, performer: [{ reference: 'Practitioner/pr-who' }] }) as Resource;
const request = { resourceType: 'MedicationRequest', id: 'mr-1', status: 'active', intent: 'order', subject: { reference: 'Patient/pat-alice' }, medicationReference: { reference: 'Medication/med-1' } } as Resource;
const visit = { resourceType: 'Encounter', id: 'enc-1', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient/pat-alice' } } as Resource;
const otherVisit = { resourceType: 'Encounter', id: 'enc-2', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient/pat-bob' } } as Resource;
const duringVisit = { ...obs('o-e1', 'pat-alice', '8310-5'), encounter: { reference: 'Encounter/enc-1' } } as Resource;

beforeAll(async () => {
  t = await startApp();
  await putAll(t, [org, drWho, med, alice, bob, obs('o-a1', 'pat-alice', '8867-4'), obs('o-a2', 'pat-alice', '29463-7'), obs('o-b1', 'pat-bob', '8867-4'), request, visit, otherVisit, duringVisit]);
});
afterAll(() => t.close());

async function bundle(path: string): Promise<Bundle> {
  const res = await t.http.get(path).set('prefer', 'handling=strict');
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text.slice(0, 400)}`);
  return JSON.parse(res.text) as Bundle;
}
const keys = (b: Bundle, mode: string) => (b.entry ?? []).filter((e) => e.search?.mode === mode).map((e) => `${e.resource?.resourceType}/${e.resource?.id}`).sort();

describe('search.html#chaining', () => {
  it('follows a reference to a resource matching the rest of the chain, with and without the type', async () => {
    expect(keys(await bundle('/fhir/Observation?subject:Patient.name=Liddell'), 'match')).toEqual(['Observation/o-a1', 'Observation/o-a2', 'Observation/o-e1']);
    expect(keys(await bundle('/fhir/Observation?subject.name=Builder'), 'match')).toEqual(['Observation/o-b1']);
  });

  it('chains several levels deep', async () => {
    expect(keys(await bundle('/fhir/Observation?subject:Patient.organization.name=Acme'), 'match')).toEqual(['Observation/o-a1', 'Observation/o-a2', 'Observation/o-e1']);
    expect(keys(await bundle('/fhir/Observation?subject:Patient.organization.name=Nowhere'), 'match')).toEqual([]);
  });

  it('refuses chaining through a parameter that is not a reference', async () => {
    expect((await t.http.get('/fhir/Observation?status.name=x').set('prefer', 'handling=strict')).status).toBe(400);
  });
});

describe('search.html#has', () => {
  it('finds resources referred to by matching resources, nested too', async () => {
    expect(keys(await bundle('/fhir/Patient?_has:Observation:subject:code=29463-7'), 'match')).toEqual(['Patient/pat-alice']);
    expect(keys(await bundle('/fhir/Patient?_has:Observation:subject:code=8867-4'), 'match')).toEqual(['Patient/pat-alice', 'Patient/pat-bob']);
    expect(keys(await bundle('/fhir/Organization?_has:Patient:organization:_has:Observation:subject:code=29463-7'), 'match')).toEqual(['Organization/org-acme']);
  });
});

describe('search.html#include', () => {
  it('_include adds the referenced resources with mode include', async () => {
    const b = await bundle('/fhir/Observation?code=29463-7&_include=Observation:subject');
    expect(keys(b, 'match')).toEqual(['Observation/o-a2']);
    expect(keys(b, 'include')).toEqual(['Patient/pat-alice']);
  });

  it('_include with a target type, *, and :iterate', async () => {
    expect(keys(await bundle('/fhir/Observation?code=29463-7&_include=Observation:performer:Practitioner'), 'include')).toEqual(['Practitioner/pr-who']);
    expect(keys(await bundle('/fhir/Observation?code=29463-7&_include=*'), 'include')).toEqual(['Patient/pat-alice', 'Practitioner/pr-who']);
    const iterated = await bundle('/fhir/Observation?code=29463-7&_include=Observation:subject&_include:iterate=Patient:organization');
    expect(keys(iterated, 'include')).toEqual(['Organization/org-acme', 'Patient/pat-alice']);
  });

  it('_revinclude adds the resources that refer to the matches', async () => {
    const b = await bundle('/fhir/Patient?_id=pat-alice&_revinclude=Observation:subject');
    expect(keys(b, 'match')).toEqual(['Patient/pat-alice']);
    expect(keys(b, 'include')).toEqual(['Observation/o-a1', 'Observation/o-a2', 'Observation/o-e1']);
  });
});

describe('compartmentdefinition.html — Patient compartment', () => {
  it('searches one type within a patient compartment, with further criteria', async () => {
    expect(keys(await bundle('/fhir/Patient/pat-alice/Observation'), 'match')).toEqual(['Observation/o-a1', 'Observation/o-a2', 'Observation/o-e1']);
    expect(keys(await bundle('/fhir/Patient/pat-alice/Observation?code=8867-4'), 'match')).toEqual(['Observation/o-a1']);
    expect(keys(await bundle('/fhir/Patient/pat-alice/*'), 'match')).toEqual(['Encounter/enc-1', 'MedicationRequest/mr-1', 'Observation/o-a1', 'Observation/o-a2', 'Observation/o-e1']);
    expect((await t.http.get('/fhir/Patient/nobody/Observation')).status).toBe(404);
  });

  it('$everything returns the patient, its compartment and what it names', async () => {
    const b = await bundle('/fhir/Patient/pat-alice/$everything');
    const all = [...keys(b, 'match'), ...keys(b, 'include')].sort();
    expect(all).toEqual(['Encounter/enc-1', 'Medication/med-1', 'MedicationRequest/mr-1', 'Observation/o-a1', 'Observation/o-a2', 'Observation/o-e1', 'Organization/org-acme', 'Patient/pat-alice', 'Practitioner/pr-who']);
    const onlyObs = await bundle('/fhir/Patient/pat-alice/$everything?_type=Observation&_count=1');
    expect(keys(onlyObs, 'match')).toHaveLength(1);
    const next = onlyObs.link?.find((l) => l.relation === 'next')?.url as string;
    expect(keys(await bundle(next.replace(BASE, '/fhir')), 'match')).toHaveLength(1);
  });

  it('$everything refuses a _type it cannot return, and reports the parameters it does not take (start, end)', async () => {
    const unknown = await t.http.get('/fhir/Patient/pat-alice/$everything?_type=Observation,Nope');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text).issue[0].expression).toEqual(['_type']);
    const strict = await t.http.get('/fhir/Patient/pat-alice/$everything?start=2020-01-01').set('prefer', 'handling=strict');
    expect(strict.status).toBe(400);
    expect(JSON.parse(strict.text).issue[0].expression).toEqual(['start']);
    const lenient = JSON.parse((await t.http.get('/fhir/Patient/pat-alice/$everything?_type=Observation&start=2020-01-01&end=2021-01-01')).text) as Bundle;
    expect(keys(lenient, 'match')).toEqual(['Observation/o-a1', 'Observation/o-a2', 'Observation/o-e1']);
    const reported = lenient.entry?.find((e) => e.search?.mode === 'outcome')?.resource as OperationOutcome;
    expect(reported.issue.map((i) => [i.severity, i.expression?.[0]])).toEqual([['warning', 'start'], ['warning', 'end']]);
    expect(lenient.link?.find((l) => l.relation === 'self')?.url).toBe(`${BASE}/Patient/pat-alice/$everything?_type=Observation`);
  });
});

describe('compartmentdefinition.html — Encounter and Practitioner compartments', () => {
  it('finds what the Encounter compartment holds, the encounter itself included ({def})', async () => {
    expect(keys(await bundle('/fhir/Encounter/enc-1/Observation'), 'match')).toEqual(['Observation/o-e1']);
    expect(keys(await bundle('/fhir/Encounter/enc-1/Encounter'), 'match')).toEqual(['Encounter/enc-1']);
    expect(keys(await bundle('/fhir/Encounter/enc-1/*'), 'match')).toEqual(['Encounter/enc-1', 'Observation/o-e1']);
    expect(keys(await bundle('/fhir/Encounter/enc-2/*'), 'match')).toEqual(['Encounter/enc-2']);
  });

  it('finds what refers to a practitioner through the Practitioner compartment parameters', async () => {
    // Observation is in the Practitioner compartment through `performer`; Patient through `general-practitioner`.
    expect(keys(await bundle('/fhir/Practitioner/pr-who/Observation'), 'match')).toEqual(['Observation/o-a1', 'Observation/o-a2', 'Observation/o-b1', 'Observation/o-e1']);
    expect(keys(await bundle('/fhir/Practitioner/pr-who/Patient'), 'match')).toEqual(['Patient/pat-alice']);
    expect(keys(await bundle('/fhir/Practitioner/pr-who/Observation?subject=Patient/pat-bob'), 'match')).toEqual(['Observation/o-b1']);
  });

  it('answers 404 for a type with no compartment and for a type outside the compartment', async () => {
    const none = await t.http.get('/fhir/Organization/org-acme/Patient');
    expect(none.status).toBe(404);
    expect(none.body.issue[0].diagnostics).toContain('Device, Encounter, Patient, Practitioner, RelatedPerson');
    expect((await t.http.get('/fhir/Encounter/enc-1/Organization')).status).toBe(404);
  });

  it('names every compartment it serves in the CapabilityStatement', async () => {
    const rest = JSON.parse((await t.http.get('/fhir/metadata')).text).rest[0];
    expect([...rest.compartment].sort()).toEqual(['device', 'encounter', 'patient', 'practitioner', 'relatedPerson'].map((c) => `http://hl7.org/fhir/CompartmentDefinition/${c}`));
  });
});

describe('http.html#search — system level', () => {
  it('searches across the types named in _type', async () => {
    expect(keys(await bundle('/fhir?_type=Patient,Organization&_count=100'), 'match')).toEqual(['Organization/org-acme', 'Patient/pat-alice', 'Patient/pat-bob']);
    expect(keys(await bundle('/fhir?_id=pat-bob,org-acme'), 'match')).toEqual(['Organization/org-acme', 'Patient/pat-bob']);
    expect((await t.http.get('/fhir?_type=Unicorn')).status).toBe(404);
  });

  it('searches with the parameters every listed type defines with the same type (search.html#searchall)', async () => {
    expect(keys(await bundle('/fhir?_type=Patient,Practitioner&name=who'), 'match')).toEqual(['Practitioner/pr-who']);
    expect(keys(await bundle('/fhir?_type=Patient,Organization&name=acme,liddell'), 'match')).toEqual(['Organization/org-acme', 'Patient/pat-alice']);
    expect(keys(await bundle('/fhir?_type=Observation,Encounter&subject=Patient/pat-alice&_count=1'), 'match')).toHaveLength(1);
    expect(keys(await bundle('/fhir?_type=Observation,Encounter&subject=Patient/pat-alice&_total=accurate'), 'match')).toEqual(['Encounter/enc-1', 'Observation/o-a1', 'Observation/o-a2', 'Observation/o-e1']);
    expect((await bundle('/fhir?_type=Observation,Encounter&subject=Patient/pat-alice&_total=accurate&_count=1')).total).toBe(4);
    // gender is a Patient parameter only; chains are not searched across types.
    const refused = await t.http.get('/fhir?_type=Patient,Organization&gender=female').set('prefer', 'handling=strict');
    expect(refused.status).toBe(400);
    expect(refused.body.issue[0].expression).toEqual(['gender']);
    expect((await t.http.get('/fhir?_type=Observation,Encounter&subject:Patient.name=Liddell').set('prefer', 'handling=strict')).status).toBe(400);
  });
});
