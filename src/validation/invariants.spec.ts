// Invariants: https://hl7.org/fhir/R4/conformance-rules.html#constraints
import { ProfileRegistry } from './profile-registry';
import { ResourceValidator } from './resource-validator';

let validator: ResourceValidator;
beforeAll(() => {
  validator = new ResourceValidator(new ProfileRegistry());
});

/** [code, expression, constraint key] of every error. */
function errors(resource: unknown): [string, string | undefined, string | undefined][] {
  return validator
    .validate(resource)
    .filter((i) => i.severity === 'error')
    .map((i) => [i.code, i.expression?.[0], /Constraint (\S+)/.exec(i.diagnostics ?? '')?.[1]]);
}

const observation = { resourceType: 'Observation', status: 'final', code: { text: 'x' } };
const brokenObservation = { ...observation, valueString: 'a', dataAbsentReason: { text: 'b' } }; // obs-6

describe('conformance-rules.html#constraints — resource invariants', () => {
  it('checks the root invariants of the resource, of Bundle entries and of contained resources', () => {
    expect(errors(brokenObservation)).toEqual([['invariant', 'Observation', 'obs-6']]);
    expect(errors({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: brokenObservation }] })).toEqual([['invariant', 'Bundle.entry[0].resource', 'obs-6']]);
    const contained = [{ ...brokenObservation, id: 'o' }];
    expect(errors({ resourceType: 'Patient', contained, generalPractitioner: [{ reference: '#o' }] })).toEqual([['invariant', 'Patient.contained[0]', 'obs-6']]);
  });
  it('checks invariants medplum skips (org-1, dom-3) and reports every broken one', () => {
    expect(errors({ resourceType: 'Organization', active: true })).toEqual([['invariant', 'Organization', 'org-1']]);
    expect(errors({ resourceType: 'Patient', contained: [{ resourceType: 'Organization', id: 'o', name: 'x' }] })).toEqual([['invariant', 'Patient.contained[0]', 'dom-3']]);
    const nested = { resourceType: 'Patient', id: 'p', meta: { versionId: '1', security: [{ code: 'R' }] }, contained: [{ resourceType: 'Patient', id: 'q' }] };
    expect(errors({ resourceType: 'Patient', contained: [nested], link: [{ other: { reference: '#p' }, type: 'seealso' }] })).toEqual([
      ['invariant', 'Patient', 'dom-2'],
      ['invariant', 'Patient', 'dom-4'],
      ['invariant', 'Patient', 'dom-5'],
      ['invariant', 'Patient.contained[0].contained[0]', 'dom-3'],
    ]);
  });
  it('accepts a contained resource referred to from elsewhere, or referring to its container', () => {
    const practitioner = { resourceType: 'Practitioner', id: 'pr', name: [{ family: 'A' }] };
    expect(errors({ ...observation, contained: [practitioner], performer: [{ reference: '#pr' }] })).toEqual([]);
    const group = { resourceType: 'Group', id: 'g', type: 'person', actual: true, member: [{ entity: { reference: '#' } }] };
    expect(errors({ resourceType: 'Patient', contained: [group] })).toEqual([]);
  });
  it('checks invariants of backbone elements', () => {
    expect(errors({ resourceType: 'Patient', contact: [{ gender: 'male' }] })).toEqual([['invariant', 'Patient.contact[0]', 'pat-1']]);
  });
});

describe('conformance-rules.html#constraints — data type invariants', () => {
  it('checks the invariants of the data types wherever they occur', () => {
    const encounter = { resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' } };
    expect(errors({ ...encounter, period: { start: '2020-01-02', end: '2020-01-01' } })).toEqual([['invariant', 'Encounter.period', 'per-1']]);
    expect(errors({ ...observation, valueQuantity: { value: 1, code: 'mg' } })).toEqual([['invariant', 'Observation.valueQuantity', 'qty-3']]);
    expect(errors({ ...observation, subject: { reference: '#nope' } })).toEqual([['invariant', 'Observation.subject', 'ref-1']]);
    const extension = { url: 'http://x', valueString: 'a', extension: [{ url: 'http://y', valueString: 'b' }] };
    expect(errors({ resourceType: 'Patient', extension: [extension] })).toEqual([['invariant', 'Patient.extension[0]', 'ext-1']]);
  });
  it('applies the invariants of profiled data types (SimpleQuantity)', () => {
    const request = { resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/1' }, medicationCodeableConcept: { text: 'a' } };
    const dose = { doseAndRate: [{ doseQuantity: { value: 1, comparator: '<' } }] };
    expect(errors({ ...request, dosageInstruction: [dose] })).toEqual([['invariant', 'MedicationRequest.dosageInstruction[0].doseAndRate[0].doseQuantity', 'sqty-1']]);
  });
  it('checks ele-1 on elements and on the extensions of primitives', () => {
    expect(errors({ resourceType: 'Patient', maritalStatus: { id: 'a' } })).toEqual([['invariant', 'Patient.maritalStatus', 'ele-1']]);
    expect(errors({ resourceType: 'Patient', _birthDate: { id: 'a' } })).toEqual([['invariant', 'Patient.birthDate', 'ele-1']]);
  });
});

describe('narrative.html#rules — txt-1 and txt-2', () => {
  const withDiv = (div: string) => ({ resourceType: 'Patient', text: { status: 'generated', div } });
  it('accepts XHTML narrative', () => {
    expect(errors(withDiv('<div xmlns="http://www.w3.org/1999/xhtml"><p>Jane <b>Doe</b></p></div>'))).toEqual([]);
  });
  it('refuses scripts and missing namespaces (txt-1) apart from empty narrative (txt-2)', () => {
    expect(errors(withDiv('<div xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script>x</div>'))).toEqual([['invariant', 'Patient.text.div', 'txt-1']]);
    expect(errors(withDiv('<p>x</p>'))).toEqual([['invariant', 'Patient.text.div', 'txt-1']]);
    expect(errors(withDiv('<div xmlns="http://www.w3.org/1999/xhtml">\n  </div>'))).toEqual([['invariant', 'Patient.text.div', 'txt-2']]);
  });
});

describe('fhirpath.html — R4 invariants read as the R4 publication means them', () => {
  it('treats an empty result as met (ras-2 on a prediction without probability)', () => {
    const risk = { resourceType: 'RiskAssessment', status: 'final', subject: { reference: 'Patient/1' }, prediction: [{ outcome: { text: 'x' } }] };
    expect(errors(risk)).toEqual([]);
    expect(errors({ ...risk, prediction: [{ probabilityDecimal: 120 }] })).toEqual([['invariant', 'RiskAssessment.prediction[0]', 'ras-2']]);
  });
  it('counts a FHIR boolean as a Boolean (que-7)', () => {
    const enableWhen = [{ question: 'q1', operator: 'exists', answerBoolean: true }];
    const questionnaire = { resourceType: 'Questionnaire', status: 'active', item: [{ linkId: 'q1', type: 'boolean' }, { linkId: 'q2', type: 'string', enableWhen }] };
    expect(errors(questionnaire)).toEqual([]);
    questionnaire.item[1].enableWhen = [{ question: 'q1', operator: 'exists', answerString: 'yes' } as never];
    expect(errors(questionnaire)).toEqual([['invariant', 'Questionnaire.item[1].enableWhen[0]', 'que-7']]);
  });
  it('does not resolve references during validation (ctm-1)', () => {
    const participant = [{ member: { reference: 'Practitioner/1' }, onBehalfOf: { reference: 'Organization/1' } }];
    expect(errors({ resourceType: 'CareTeam', participant })).toEqual([]);
  });
});
