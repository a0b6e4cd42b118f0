// Profiles and meta.profile: https://hl7.org/fhir/R4/profiling.html, https://hl7.org/fhir/R4/resource.html#profile
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StructureDefinition } from 'fhir/r4';
import { ProfileRegistry } from './profile-registry';
import { ResourceValidator } from './resource-validator';

const PROFILES = join(__dirname, '../../fhir-profiles');
const IGNIS_PATIENT = 'http://ignis.dev/fhir/StructureDefinition/ignis-patient';
const ignisPatient = (): StructureDefinition => JSON.parse(readFileSync(join(PROFILES, 'StructureDefinition/ignis-patient.json'), 'utf8')) as StructureDefinition;

let registry: ProfileRegistry;
let validator: ResourceValidator;
beforeAll(() => {
  registry = ProfileRegistry.fromFolder(PROFILES);
  validator = new ResourceValidator(registry);
});

function issues(resource: unknown): [string, string, string | undefined][] {
  return validator.validate(resource).map((i) => [i.severity, i.code, i.expression?.[0]]);
}

describe('profiling.html — the profiles Ignis ships', () => {
  it('loads fhir-profiles/StructureDefinition under url and url|version', () => {
    expect(registry.urls()).toEqual([IGNIS_PATIENT]);
    expect(registry.get(`${IGNIS_PATIENT}|0.1.0`)?.url).toBe(IGNIS_PATIENT);
  });
  it('ships ignis-patient as a valid StructureDefinition whose differential matches its snapshot', () => {
    const sd = ignisPatient();
    expect(issues(sd)).toEqual([]);
    const snapshot = new Map(sd.snapshot!.element.map((e) => [e.id, e]));
    for (const changed of sd.differential!.element.slice(1)) expect(snapshot.get(changed.id)?.min).toBe(changed.min);
  });
});

describe('resource.html#profile — meta.profile', () => {
  const patient = { resourceType: 'Patient', identifier: [{ system: 'urn:oid:1.2.3', value: '42' }], name: [{ family: 'Doe' }], birthDate: '1970-01-01' };
  it('validates a resource against a known profile', () => {
    expect(issues({ ...patient, meta: { profile: [IGNIS_PATIENT] } })).toEqual([]);
    expect(issues({ resourceType: 'Patient', meta: { profile: [`${IGNIS_PATIENT}|0.1.0`] } })).toEqual([
      ['error', 'required', 'Patient.identifier'],
      ['error', 'required', 'Patient.name'],
      ['error', 'required', 'Patient.birthDate'],
    ]);
    const partial = { ...patient, identifier: [{ value: '42' }, { system: 'urn:oid:1.2.3' }], meta: { profile: [IGNIS_PATIENT] } };
    expect(issues(partial)).toEqual([
      ['error', 'required', 'Patient.identifier[0].system'],
      ['error', 'required', 'Patient.identifier[1].value'],
    ]);
  });
  it('reports base errors once, not again for the profile', () => {
    expect(issues({ ...patient, gender: 'x', meta: { profile: [IGNIS_PATIENT] } })).toEqual([['error', 'code-invalid', 'Patient.gender']]);
  });
  it('warns about unknown profiles, accepts the base definition, refuses a profile of another type', () => {
    expect(issues({ resourceType: 'Patient', meta: { profile: ['http://example.org/StructureDefinition/other'] } })).toEqual([['warning', 'not-supported', 'Patient.meta.profile[0]']]);
    expect(issues({ resourceType: 'Patient', meta: { profile: ['http://hl7.org/fhir/StructureDefinition/Patient'] } })).toEqual([]);
    expect(issues({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, meta: { profile: [IGNIS_PATIENT] } })).toEqual([
      ['error', 'invalid', 'Observation.meta.profile[0]'],
    ]);
  });
});

describe('profiling.html — registering profiles at run time', () => {
  const fresh = () => new ProfileRegistry();
  it('registers a constraint with a snapshot, and indexes it in @medplum/core', () => {
    const sd = { ...ignisPatient(), url: 'http://example.org/StructureDefinition/p2', version: '2' };
    const local = fresh();
    expect(local.register(sd)).toEqual([]);
    expect(local.get('http://example.org/StructureDefinition/p2|2')).toBe(sd);
    const strict = new ResourceValidator(local);
    expect(strict.validate({ resourceType: 'Patient', meta: { profile: [sd.url] } }).map((i) => i.expression?.[0])).toContain('Patient.birthDate');
  });
  it('refuses a profile without snapshot, with the reason', () => {
    const { snapshot: _snapshot, ...sd } = { ...ignisPatient(), url: 'http://example.org/StructureDefinition/p3' };
    const local = fresh();
    expect(local.register(sd as StructureDefinition).map((i) => [i.code, i.expression?.[0]])).toEqual([['required', 'StructureDefinition.snapshot']]);
    expect(local.get('http://example.org/StructureDefinition/p3')).toBeUndefined();
  });
  it('refuses a profile whose own invariant runs a regular expression that can backtrack for minutes', () => {
    const withInvariant = (expression: string): StructureDefinition => {
      const sd = { ...ignisPatient(), url: 'http://example.org/StructureDefinition/p4' };
      const [root, ...rest] = sd.snapshot?.element ?? [];
      return { ...sd, snapshot: { element: [{ ...root, constraint: [...(root.constraint ?? []), { key: 'p4-1', severity: 'error', human: 'x', expression }] }, ...rest] } };
    };
    const local = fresh();
    const refused = local.register(withInvariant("name.family.all($this.matches('^(a+)+$'))"));
    expect(refused.map((i) => [i.code, i.expression?.[0]])).toEqual([['not-supported', 'StructureDefinition.snapshot.element[0].constraint[' + String((ignisPatient().snapshot?.element[0].constraint ?? []).length) + '].expression']]);
    expect(local.get('http://example.org/StructureDefinition/p4')).toBeUndefined();
    expect(local.register(withInvariant("name.family.all($this.matches('^[A-Z][a-z]+$'))"))).toEqual([]);
  });
  it('refuses to replace a base definition or to add a new type', () => {
    const local = fresh();
    expect(local.register({ ...ignisPatient(), url: 'http://hl7.org/fhir/StructureDefinition/Patient' }).map((i) => i.code)).toEqual(['not-supported']);
    expect(local.register({ ...ignisPatient(), url: 'http://example.org/x', derivation: 'specialization' }).map((i) => i.code)).toEqual(['not-supported']);
    expect(local.urls()).toEqual([]);
  });
});
