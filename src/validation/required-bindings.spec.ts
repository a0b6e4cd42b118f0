// Required bindings: https://hl7.org/fhir/R4/terminologies.html#required
import type { OperationOutcomeIssue } from 'fhir/r4';
import { ProfileRegistry } from './profile-registry';
import { checkBinding } from './required-bindings';
import { ResourceValidator } from './resource-validator';
import { ValueSetIndex } from './value-sets';

let validator: ResourceValidator;
beforeAll(() => {
  validator = new ResourceValidator(new ProfileRegistry());
});

function errors(resource: unknown): [string, string | undefined][] {
  return validator
    .validate(resource)
    .filter((i) => i.severity === 'error')
    .map((i) => [i.code, i.expression?.[0]]);
}

const medicationRequest = { resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/1' }, medicationCodeableConcept: { text: 'aspirin' } };

describe('terminologies.html#required — code', () => {
  it('checks codes of the resource, of its backbone elements and of data types', () => {
    expect(errors({ resourceType: 'Patient', gender: 'female', contact: [{ name: { family: 'A' }, gender: 'other' }] })).toEqual([]);
    expect(errors({ resourceType: 'Patient', gender: 'x' })).toEqual([['code-invalid', 'Patient.gender']]);
    expect(errors({ resourceType: 'Patient', contact: [{ name: { family: 'A' }, gender: 'x' }] })).toEqual([['code-invalid', 'Patient.contact[0].gender']]);
    expect(
      errors({ resourceType: 'Patient', identifier: [{ use: 'bad', value: '1' }], name: [{ use: 'nick', family: 'A' }], telecom: [{ system: 'pigeon', value: '1' }] }),
    ).toEqual([
      ['code-invalid', 'Patient.identifier[0].use'],
      ['code-invalid', 'Patient.name[0].use'],
      ['code-invalid', 'Patient.telecom[0].system'],
    ]);
  });
  it('checks each code of a repeating element, and choice-type data types', () => {
    const timing = { repeat: { dayOfWeek: ['mon', 'xyz'] } };
    expect(errors({ ...medicationRequest, dosageInstruction: [{ timing }] })).toEqual([['code-invalid', 'MedicationRequest.dosageInstruction[0].timing.repeat.dayOfWeek[1]']]);
    const observation = { resourceType: 'Observation', status: 'final', code: { text: 'x' } };
    expect(errors({ ...observation, valueQuantity: { value: 1, comparator: '<<' } })).toEqual([['code-invalid', 'Observation.valueQuantity.comparator']]);
  });
  it('checks contained resources and Bundle entries', () => {
    const contained = [{ resourceType: 'Patient', id: 'p', gender: 'x' }];
    expect(errors({ resourceType: 'Patient', contained, link: [{ other: { reference: '#p' }, type: 'seealso' }] })).toEqual([['code-invalid', 'Patient.contained[0].gender']]);
    expect(errors({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient', gender: 'x' } }] })).toEqual([
      ['code-invalid', 'Bundle.entry[0].resource.gender'],
    ]);
    expect(errors({ resourceType: 'Bundle', type: 'nope' })).toEqual([['code-invalid', 'Bundle.type']]);
  });
});

describe('terminologies.html#required — CodeableConcept', () => {
  const condition = { resourceType: 'Condition', subject: { reference: 'Patient/1' } };
  const system = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
  it('needs one coding from the value set; the others may be translations', () => {
    expect(errors({ ...condition, clinicalStatus: { coding: [{ system: 'http://other', code: 'a' }, { system, code: 'active' }] } })).toEqual([]);
    expect(errors({ ...condition, clinicalStatus: { coding: [{ system, code: 'nope' }] } })).toEqual([['code-invalid', 'Condition.clinicalStatus']]);
    expect(errors({ ...condition, clinicalStatus: { coding: [{ code: 'active' }] } })).toEqual([['code-invalid', 'Condition.clinicalStatus']]);
  });
  it('does not take text alone', () => {
    expect(errors({ ...condition, clinicalStatus: { text: 'active' } })).toEqual([['code-invalid', 'Condition.clinicalStatus']]);
  });
});

describe('terminologies.html#required — Coding', () => {
  const expansion = new ValueSetIndex().expand('http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1');
  it('needs system and code from the value set', () => {
    const binding = { type: 'Coding' as const, expansion: expansion! };
    const issues: OperationOutcomeIssue[] = [];
    checkBinding(binding, { system: 'http://hl7.org/fhir/administrative-gender', code: 'male' }, 'X.coding', issues);
    expect(issues).toEqual([]);
    checkBinding(binding, { system: 'http://other', code: 'male' }, 'X.coding', issues);
    checkBinding(binding, { code: 'male' }, 'X.coding', issues);
    expect(issues.map((i) => [i.code, i.expression?.[0]])).toEqual([
      ['code-invalid', 'X.coding'],
      ['code-invalid', 'X.coding'],
    ]);
  });
});

describe('valueset.html#compositions — what can be enumerated', () => {
  const valueSets = new ValueSetIndex();
  it('expands whole code systems, nested concepts included', () => {
    expect([...valueSets.expand('http://hl7.org/fhir/ValueSet/administrative-gender')!.codes].sort()).toEqual(['female', 'male', 'other', 'unknown']);
    // v3 ActCode nests its concepts; Composition.confidentiality needs v3-codesystems.json.
    expect(valueSets.expand('http://terminology.hl7.org/ValueSet/v3-ConfidentialityClassification')!.codes.has('R')).toBe(true);
  });
  it('skips what needs a terminology server', () => {
    expect(valueSets.expand('http://hl7.org/fhir/ValueSet/mimetypes')).toBeUndefined(); // urn:ietf:bcp:13
    expect(valueSets.expand('http://hl7.org/fhir/ValueSet/observation-codes')).toBeUndefined(); // all of LOINC
    expect(valueSets.expand('http://example.org/unknown')).toBeUndefined();
  });
});
