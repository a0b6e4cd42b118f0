// Invalid variants of small resources, one rule at a time: https://hl7.org/fhir/R4/validation.html
import type { OperationOutcomeIssue } from 'fhir/r4';
import { ProfileRegistry } from './profile-registry';
import { ResourceValidator } from './resource-validator';

let validator: ResourceValidator;
beforeAll(() => {
  validator = new ResourceValidator(new ProfileRegistry());
});

/** [code, expression] of every error, in order: the whole list is asserted, not just one entry. */
function errors(resource: unknown, expectedType?: string): [string, string | undefined][] {
  return validator
    .validate(resource, expectedType)
    .filter((i: OperationOutcomeIssue) => i.severity === 'error')
    .map((i) => [i.code, i.expression?.[0]]);
}

const observation = { resourceType: 'Observation', status: 'final', code: { text: 'weight' } };

describe('resource.html — resourceType', () => {
  it('refuses what is not a JSON object', () => {
    expect(errors([])).toEqual([['structure', undefined]]);
    expect(errors('Patient')).toEqual([['structure', undefined]]);
  });
  it('needs a known resourceType string', () => {
    expect(errors({ id: 'x' })).toEqual([['required', 'resourceType']]);
    expect(errors({ resourceType: 7 })).toEqual([['structure', 'resourceType']]);
    expect(errors({ resourceType: 'Foo' })).toEqual([['structure', 'resourceType']]);
  });
  it('reports a type other than the expected one, and still checks the content', () => {
    expect(errors({ resourceType: 'Patient', gender: 'x' }, 'Observation')).toEqual([
      ['invalid', 'resourceType'],
      ['code-invalid', 'Patient.gender'],
    ]);
    expect(errors(observation, 'Observation')).toEqual([]);
  });
});

describe('validation.html — structure', () => {
  it('refuses unknown elements, also unknown choice types', () => {
    expect(errors({ resourceType: 'Patient', foo: 1 })).toEqual([['structure', 'Patient.foo']]);
    expect(errors({ ...observation, valueFoo: 1 })).toEqual([['structure', 'Observation.valueFoo']]);
  });
  it('refuses a JSON value of the wrong type', () => {
    expect(errors({ resourceType: 'Patient', active: 'yes' })).toEqual([['structure', 'Patient.active']]);
    expect(errors({ resourceType: 'Patient', maritalStatus: 5 })).toEqual([['structure', 'Patient.maritalStatus']]);
    expect(errors({ resourceType: 'Patient', gender: { a: 1 } })).toEqual([['structure', 'Patient.gender']]);
    expect(errors({ ...observation, valueQuantity: { value: '1.5' } })).toEqual([['structure', 'Observation.valueQuantity.value']]);
  });
});

describe('json.html — JSON representation', () => {
  it('allows one type of a choice element at a time', () => {
    expect(errors({ ...observation, valueString: 'a', valueBoolean: true })).toEqual([['structure', 'Observation.valueBoolean']]);
  });
  it('refuses empty arrays, empty objects and nulls', () => {
    expect(errors({ resourceType: 'Patient', name: [] })).toEqual([['structure', 'Patient.name']]);
    expect(errors({ resourceType: 'Patient', maritalStatus: {} })).toEqual([['invariant', 'Patient.maritalStatus']]);
    expect(errors({ resourceType: 'Patient', name: [{ given: [null] }] })).toEqual([['structure', 'Patient.name[0].given[0]']]);
  });
  it('checks array and single values where they are nested, with their indexes', () => {
    expect(errors({ resourceType: 'Patient', contact: [{ name: { family: 'A' }, telecom: { system: 'phone', value: '1' } }] })).toEqual([
      ['structure', 'Patient.contact[0].telecom'],
    ]);
    expect(errors({ ...observation, component: [{ code: { text: 'a' }, valueQuantity: [{ value: 1 }] }] })).toEqual([['structure', 'Observation.component[0].valueQuantity']]);
  });
  it('refuses empty strings', () => {
    expect(errors({ resourceType: 'Patient', birthDate: '' })).toEqual([['value', 'Patient.birthDate']]);
  });
  it('keeps _x for primitives, as objects, parallel to x', () => {
    expect(errors({ resourceType: 'Patient', birthDate: '2000-01-01', _birthDate: { extension: [{ url: 'http://x', valueString: 'a' }] } })).toEqual([]);
    expect(errors({ resourceType: 'Patient', _name: [{ id: 'a' }] })).toEqual([['structure', 'Patient._name']]);
    expect(errors({ resourceType: 'Patient', _birthDate: 'x' })).toEqual([['structure', 'Patient.birthDate']]);
    expect(errors({ resourceType: 'Patient', name: [{ given: ['a', 'b'], _given: [{ id: 'g' }] }] })).toEqual([['structure', 'Patient.name[0]._given']]);
  });
});

describe('datatypes.html — primitive values', () => {
  it('checks formats', () => {
    expect(errors({ resourceType: 'Patient', birthDate: '2020-13-01' })).toEqual([['value', 'Patient.birthDate']]);
    expect(errors({ resourceType: 'Patient', id: 'a_b' })).toEqual([['value', 'Patient.id']]);
    expect(errors({ resourceType: 'Patient', id: 'a'.repeat(65) })).toEqual([['value', 'Patient.id']]);
    expect(errors({ resourceType: 'Patient', name: [{ family: ' ' }] })).toEqual([['value', 'Patient.name[0].family']]);
  });
  it('accepts base64Binary with whitespace, as R4 does, but not other characters', () => {
    expect(errors({ resourceType: 'Binary', contentType: 'text/plain', data: 'aGVs\n bG8=' })).toEqual([]);
    expect(errors({ resourceType: 'Binary', contentType: 'text/plain', data: 'aGV!' })).toEqual([['value', 'Binary.data']]);
  });
});

describe('validation.html — cardinality', () => {
  it('reports a missing required element', () => {
    expect(errors({ resourceType: 'Observation', code: { text: 'x' } })).toEqual([['required', 'Observation.status']]);
  });
  it('reports too many values', () => {
    expect(errors({ resourceType: 'Patient', gender: ['male', 'female'] })).toEqual([['structure', 'Patient.gender']]);
  });
});

describe('references.html#contained — contained resources', () => {
  const referring = { ...observation, performer: [{ reference: '#c' }] };
  it('validates contained resources as resources', () => {
    expect(errors({ ...referring, contained: [{ resourceType: 'Practitioner', id: 'c', gender: 'x', foo: 1 }] })).toEqual([
      ['structure', 'Observation.contained[0].foo'],
      ['code-invalid', 'Observation.contained[0].gender'],
    ]);
    expect(errors({ ...referring, contained: [{ resourceType: 'Observation', id: 'c', code: { text: 'x' } }] })).toEqual([['required', 'Observation.contained[0].status']]);
  });
  it('needs a known resourceType on every nested resource, and reports the rest anyway', () => {
    expect(errors({ ...referring, contained: [{ resourceType: 'Foo', id: 'c' }], status: 'nope' })).toEqual([
      ['code-invalid', 'Observation.status'],
      ['structure', 'Observation.contained[0].resourceType'],
    ]);
    expect(errors({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { id: 'x' } }] })).toEqual([['required', 'Bundle.entry[0].resource.resourceType']]);
  });
});
