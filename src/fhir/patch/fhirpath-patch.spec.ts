import type { Parameters, ParametersParameter, Patient, Resource } from 'fhir/r4';
import { ProfileRegistry } from '../../validation/profile-registry';
import { ResourceValidator } from '../../validation/resource-validator';
import { FhirError } from '../outcome';
import { applyFhirPathPatch, parseFhirPathPatch } from './fhirpath-patch';

const { elementsOf } = new ResourceValidator(new ProfileRegistry());

type Part = Omit<ParametersParameter, 'name'>;
/** One operation parameter: `op('add', 'Patient', { name: …, value: … })`. */
const op = (type: string, path: string, parts: Record<string, Part | string | number> = {}): ParametersParameter => ({
  name: 'operation',
  part: [
    { name: 'type', valueCode: type },
    { name: 'path', valueString: path },
    ...Object.entries(parts).map(([name, p]) =>
      typeof p === 'string' ? { name, valueString: p } : typeof p === 'number' ? { name, valueInteger: p } : { name, ...p },
    ),
  ],
});
const patch = (resource: Resource, ...operations: ParametersParameter[]): Resource => {
  const copy = structuredClone(resource);
  applyFhirPathPatch(copy, parseFhirPathPatch({ resourceType: 'Parameters', parameter: operations }), elementsOf);
  return copy;
};
const failure = (fn: () => unknown): FhirError => {
  try {
    fn();
  } catch (error) {
    return error as FhirError;
  }
  throw new Error('expected a FhirError');
};

const patient: Patient = {
  resourceType: 'Patient',
  id: 'p',
  birthDate: '1990-01-01',
  _birthDate: { extension: [{ url: 'http://example.org/x', valueString: 'y' }] },
  name: [{ family: 'Chalmers', given: ['Peter', 'James'] }],
  identifier: [{ system: 'urn:a', value: '1' }, { system: 'urn:b', value: '2' }],
  deceasedBoolean: false,
};

describe('FHIRPath Patch (fhirpatch.html)', () => {
  it('adds a primitive, appends to a list, builds anonymous types from parts', () => {
    const result = patch(
      { ...patient, birthDate: undefined, _birthDate: undefined } as Patient,
      op('add', 'Patient', { name: 'birthDate', value: { valueDate: '1930-01-01' } }),
      op('add', 'Patient', { name: 'identifier', value: { valueIdentifier: { system: 'urn:c', value: '3' } } }),
      op('add', 'Patient.name[0]', { name: 'given', value: { valueString: 'Jim' } }),
      op('add', 'Patient', {
        name: 'contact',
        value: { part: [{ name: 'name', valueHumanName: { text: 'a friend' } }, { name: 'telecom', valueContactPoint: { system: 'phone', value: '1' } }] },
      }),
    ) as Patient;
    expect(result.birthDate).toBe('1930-01-01');
    expect(result.identifier?.map((i) => i.value)).toEqual(['1', '2', '3']);
    expect(result.name?.[0].given).toEqual(['Peter', 'James', 'Jim']);
    expect(result.contact).toEqual([{ name: { text: 'a friend' }, telecom: [{ system: 'phone', value: '1' }] }]);
  });

  it('adds to a choice under the key of the value type, and refuses a second value of a single element', () => {
    const observation = { resourceType: 'Observation', status: 'final', code: { text: 'x' } } as Resource;
    expect(patch(observation, op('add', 'Observation', { name: 'value', value: { valueQuantity: { value: 5, unit: 'mg' } } }))).toMatchObject({ valueQuantity: { value: 5 } });
    const taken = failure(() => patch(patient, op('add', 'Patient', { name: 'deceased', value: { valueDateTime: '2020-01-01' } })));
    expect(taken.status).toBe(422);
    expect(taken.issues[0].diagnostics).toContain('deceasedBoolean');
  });

  it('inserts at an index, also into a list that does not exist yet', () => {
    const result = patch(
      patient,
      op('insert', 'Patient.identifier', { value: { valueIdentifier: { value: 'first' } }, index: 0 }),
      op('insert', 'Patient.name[0].given', { value: { valueString: 'Middle' }, index: 1 }),
      op('insert', 'Patient.telecom', { value: { valueContactPoint: { value: 'x' } }, index: 0 }),
    ) as Patient;
    expect(result.identifier?.map((i) => i.value)).toEqual(['first', '1', '2']);
    expect(result.name?.[0].given).toEqual(['Peter', 'Middle', 'James']);
    expect(result.telecom).toEqual([{ value: 'x' }]);
    expect(failure(() => patch(patient, op('insert', 'Patient.identifier', { value: { valueIdentifier: {} }, index: 3 }))).status).toBe(422);
  });

  it('deletes one element with its extensions, does nothing when nothing matches, and refuses several', () => {
    const result = patch(patient, op('delete', 'Patient.birthDate'), op('delete', "Patient.identifier.where(system = 'urn:a')"), op('delete', 'Patient.telecom')) as Patient;
    expect(result.birthDate).toBeUndefined();
    expect(result._birthDate).toBeUndefined();
    expect(result.identifier).toEqual([{ system: 'urn:b', value: '2' }]);
    expect(failure(() => patch(patient, op('delete', 'Patient.identifier'))).issues[0].diagnostics).toContain('matches 2');
  });

  it('replaces a value, a list item, and a choice with another of its types', () => {
    const result = patch(
      patient,
      op('replace', 'Patient.birthDate', { value: { valueDate: '1991-02-03' } }),
      op('replace', 'Patient.name.given[1]', { value: { valueString: 'Jim' } }),
      op('replace', 'Patient.deceased', { value: { valueDateTime: '2024-05-06' } }),
    ) as Patient;
    expect(result.birthDate).toBe('1991-02-03');
    expect(result._birthDate).toBeUndefined();
    expect(result.name?.[0].given).toEqual(['Peter', 'Jim']);
    expect(result.deceasedBoolean).toBeUndefined();
    expect(result.deceasedDateTime).toBe('2024-05-06');
  });

  it('adds and deletes the extensions of primitive values, in `_x`', () => {
    // R4 Parameters cannot hold an Extension as value[x]: it is given as parts (fhirpatch.html, anonymous types).
    const extension = { part: [{ name: 'url', valueUri: 'http://example.org/e' }, { name: 'value', valueString: 'v' }] };
    const added = patch(
      { ...patient, _birthDate: undefined } as Patient,
      op('add', 'Patient.birthDate', { name: 'extension', value: extension }),
      op('add', 'Patient.name.given[1]', { name: 'extension', value: extension }),
    ) as Patient;
    expect(added._birthDate).toEqual({ extension: [{ url: 'http://example.org/e', valueString: 'v' }] });
    expect(added.name?.[0]._given).toEqual([null, { extension: [{ url: 'http://example.org/e', valueString: 'v' }] }]);
    const removed = patch(added, op('delete', 'Patient.birthDate.extension'), op('delete', 'Patient.name.given[1].extension')) as Patient;
    expect(removed.birthDate).toBe('1990-01-01');
    expect(removed._birthDate).toBeUndefined();
    expect(removed.name?.[0]._given).toBeUndefined();
    const replaced = patch(patient, op('replace', "Patient.birthDate.extension.where(url = 'http://example.org/x').value", { value: { valueString: 'z' } })) as Patient;
    expect(replaced._birthDate).toEqual({ extension: [{ url: 'http://example.org/x', valueString: 'z' }] });
    // Replacing a list item replaces its extensions too.
    expect((patch(added, op('replace', 'Patient.name.given[1]', { value: { valueString: 'Jo' } })) as Patient).name?.[0]._given).toBeUndefined();
  });

  it('moves within a list', () => {
    const result = patch(patient, op('move', 'Patient.identifier', { source: 1, destination: 0 })) as Patient;
    expect(result.identifier?.map((i) => i.value)).toEqual(['2', '1']);
    expect(failure(() => patch(patient, op('move', 'Patient.identifier', { source: 2, destination: 0 }))).issues[0].expression).toEqual(['Parameters.parameter[0].part(source)']);
  });

  it('refuses a value of the wrong type, an unknown element, and paths outside the resource', () => {
    const wrongType = failure(() => patch(patient, op('replace', 'Patient.birthDate', { value: { valueBoolean: true } })));
    expect(wrongType.status).toBe(422);
    expect(wrongType.issues[0].diagnostics).toBe('Patient.birthDate is a date; the value is a boolean');
    expect(failure(() => patch(patient, op('add', 'Patient', { name: 'colour', value: { valueString: 'red' } }))).issues[0].diagnostics).toBe("Patient has no element 'colour'");
    expect(failure(() => patch(patient, op('replace', "'literal'", { value: { valueString: 'x' } }))).status).toBe(422);
    expect(failure(() => patch(patient, op('delete', 'Patient'))).issues[0].diagnostics).toContain('the resource itself');
    expect(failure(() => patch(patient, op('add', 'Patient', { name: '__proto__', value: { valueString: 'x' } }))).status).toBe(422);
  });

  it('refuses malformed documents with 400 naming the parameter', () => {
    const parse = (body: unknown) => failure(() => parseFhirPathPatch(body as Parameters));
    expect(parse({ resourceType: 'Parameters' }).status).toBe(400);
    expect(parse({ resourceType: 'Parameters', parameter: [{ name: 'other' }] }).issues[0].expression).toEqual(['Parameters.parameter[0].name']);
    expect(parse({ resourceType: 'Parameters', parameter: [op('upsert', 'Patient')] }).issues[0].expression).toEqual(['Parameters.parameter[0].part(type)']);
    expect(parse({ resourceType: 'Parameters', parameter: [op('add', 'Patient', { name: 'x' })] }).issues[0].diagnostics).toContain("needs a 'value'");
    expect(parse({ resourceType: 'Parameters', parameter: [op('insert', 'Patient.name', { value: { valueString: 'x' }, index: -1 })] }).status).toBe(400);
    expect(failure(() => patch(patient, op('delete', 'Patient.name.where('))).status).toBe(400);
    // A regular expression in a path could hold the event loop (catastrophic backtracking): refused before evaluation.
    expect(parse({ resourceType: 'Parameters', parameter: [op('delete', "Patient.name.where(family.matches ('(a+)+$'))")] }).issues[0].expression).toEqual(['Parameters.parameter[0].part(path)']);
    expect(failure(() => patch(patient, op('replace', 'Patient.birthDate', { value: { value: '2000-01-01' } as Part }))).status).toBe(400);
  });
});
