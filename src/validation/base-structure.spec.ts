// The base structural rules checked by our own walk: https://hl7.org/fhir/R4/validation.html#simple
import type { OperationOutcomeIssue } from 'fhir/r4';
import { ProfileRegistry } from './profile-registry';
import { ResourceValidator } from './resource-validator';

let validator: ResourceValidator;
beforeAll(() => {
  validator = new ResourceValidator(new ProfileRegistry());
});

const issuesOf = (resource: unknown, severity: OperationOutcomeIssue['severity'] = 'error') =>
  validator
    .validate(resource)
    .filter((i) => i.severity === severity)
    .map((i) => [i.code, i.expression?.[0]]);

const observation = { resourceType: 'Observation', status: 'final', code: { text: 'weight' } };

describe('unknown properties', () => {
  it('refuses `_x` for an unknown x and unknown names inside datatypes and `_x`', () => {
    expect(issuesOf({ resourceType: 'Patient', _foo: { id: 'a' } })).toEqual([['structure', 'Patient._foo']]);
    expect(issuesOf({ resourceType: 'Patient', name: [{ family: 'A', foo: 1 }] })).toEqual([['structure', 'Patient.name[0].foo']]);
    expect(issuesOf({ resourceType: 'Patient', birthDate: '2000-01-01', _birthDate: { foo: 1 } })).toEqual([['structure', 'Patient.birthDate.foo']]);
  });
});

describe('cardinality', () => {
  it('reports required elements of resources, backbone elements, datatypes and choices', () => {
    expect(issuesOf({ resourceType: 'Bundle' })).toEqual([['required', 'Bundle.type']]);
    expect(issuesOf({ resourceType: 'Questionnaire', status: 'draft', item: [{ type: 'group', item: [{ type: 'string' }] }] })).toEqual([
      ['required', 'Questionnaire.item[0].item[0].linkId'],
      ['required', 'Questionnaire.item[0].linkId'],
    ]);
    expect(issuesOf({ resourceType: 'Patient', extension: [{ valueString: 'a' }] })).toEqual([['required', 'Patient.extension[0].url']]);
    expect(issuesOf({ resourceType: 'Library', status: 'draft', type: { text: 'x' }, useContext: [{ code: { code: 'age' } }] })).toEqual([
      ['required', 'Library.useContext[0].value[x]'],
    ]);
  });
  it('counts null and {} as absent, naming a choice as written', () => {
    expect(issuesOf({ resourceType: 'Bundle', type: null })).toEqual([
      ['structure', 'Bundle.type'],
      ['required', 'Bundle.type'],
    ]);
    expect(issuesOf({ resourceType: 'Medication', ingredient: [{ itemReference: {} }] })).toEqual([
      ['structure', 'Medication.ingredient[0].itemReference'],
      ['required', 'Medication.ingredient[0].itemReference'],
      ['invariant', 'Medication.ingredient[0].itemReference'],
    ]);
    expect(issuesOf({ resourceType: 'Patient', text: {} })).toEqual([['invariant', 'Patient.text']]);
    expect(issuesOf({ resourceType: 'Patient', link: [{}] })).toEqual([
      ['structure', 'Patient.link[0]'],
      ['required', 'Patient.link[0].other'],
      ['required', 'Patient.link[0].type'],
      ['invariant', 'Patient.link[0]'],
    ]);
    expect(issuesOf({ resourceType: 'Patient', link: [null] })).toEqual([
      ['structure', 'Patient.link[0]'],
      ['required', 'Patient.link[0].other'],
      ['required', 'Patient.link[0].type'],
    ]);
  });
  it('counts a value given only by its extensions as present', () => {
    expect(issuesOf({ ...observation, status: undefined, _status: { extension: [{ url: 'http://x', valueString: 'a' }] } })).toEqual([]);
  });
});

describe('json.html#null', () => {
  it('allows null only in an array whose `_x` holds the entry', () => {
    expect(issuesOf({ resourceType: 'Patient', name: [{ given: [null, 'b'], _given: [{ extension: [{ url: 'http://x', valueString: 'a' }] }, null] }] })).toEqual([]);
    expect(issuesOf({ resourceType: 'Patient', gender: null })).toEqual([['structure', 'Patient.gender']]);
    expect(issuesOf({ resourceType: 'Patient', name: [null] })).toEqual([['structure', 'Patient.name[0]']]);
  });
});

describe('datatypes.html — primitive formats from the R4 regexes', () => {
  it('reads \\s and \\S as XML Schema does (a non-breaking space is content)', () => {
    expect(issuesOf({ resourceType: 'Patient', name: [{ family: 'A\u00a0B' }] })).toEqual([]);
    expect(issuesOf({ resourceType: 'Patient', name: [{ family: '\u00a0' }] })).toEqual([['value', 'Patient.name[0].family']]);
  });
  it('checks codes, uris, dateTimes, instants, oids and uuids', () => {
    expect(issuesOf({ resourceType: 'Patient', language: 'en  US' })).toEqual([['value', 'Patient.language']]);
    expect(issuesOf({ resourceType: 'Patient', gender: 'male\tx' })).toEqual([['value', 'Patient.gender'], ['code-invalid', 'Patient.gender']]);
    expect(issuesOf({ resourceType: 'Patient', implicitRules: 'http://a b' })).toEqual([['value', 'Patient.implicitRules']]);
    expect(issuesOf({ ...observation, effectiveDateTime: '2020-01-01T10' })).toEqual([['value', 'Observation.effectiveDateTime']]);
    expect(issuesOf({ ...observation, issued: '2020-01-01' })).toEqual([['value', 'Observation.issued']]);
    expect(issuesOf({ resourceType: 'Patient', identifier: [{ system: 'urn:ietf:rfc:3986', value: 'x' }] })).toEqual([]);
    expect(issuesOf({ ...observation, valueTime: '25:00:00' })).toEqual([['value', 'Observation.valueTime']]);
  });
  it('checks integers: integrality, 32 bits, sign', () => {
    expect(issuesOf({ resourceType: 'Patient', multipleBirthInteger: 1.5 })).toEqual([['value', 'Patient.multipleBirthInteger']]);
    expect(issuesOf({ resourceType: 'Patient', multipleBirthInteger: 2 ** 31 })).toEqual([['value', 'Patient.multipleBirthInteger']]);
    expect(issuesOf({ resourceType: 'Patient', multipleBirthInteger: -3 })).toEqual([]);
    expect(issuesOf({ resourceType: 'Patient', photo: [{ size: -1 }] })).toEqual([['value', 'Patient.photo[0].size']]);
    expect(issuesOf({ ...observation, valueSampledData: { origin: { value: 0 }, period: 1, dimensions: 0 } })).toEqual([
      ['value', 'Observation.valueSampledData.dimensions'],
    ]);
  });
});

describe('references.html — target types', () => {
  it('warns about a relative reference to a type the element does not allow', () => {
    expect(issuesOf({ ...observation, subject: { reference: 'Medication/1' } }, 'warning')).toEqual([['structure', 'Observation.subject']]);
    expect(issuesOf({ ...observation, subject: { reference: 'Patient/1' } }, 'warning')).toEqual([]);
    expect(issuesOf({ ...observation, subject: { reference: 'urn:uuid:1' } }, 'warning')).toEqual([]);
  });
});
