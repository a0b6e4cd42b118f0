import type { SearchParamDef } from '../search-parameters';
import { isTypeModifier, referenceParser } from './reference';

const subject = { code: 'subject', type: 'reference', expression: 'Observation.subject', target: ['Group', 'Device', 'Patient', 'Location'] } as SearchParamDef;
const patient = { code: 'patient', type: 'reference', expression: 'Observation.subject', target: ['Patient'] } as SearchParamDef;
const parse = (v: string, modifier?: string, param = subject) => referenceParser.parse(v, modifier, param);

describe('search.html#reference — values', () => {
  it('reads Type/id (a version is ignored), a bare id, and absolute URLs', () => {
    expect(parse('Patient/123')).toEqual([{ type: 'Patient', id: '123' }]);
    expect(parse('Patient/123/_history/2')).toEqual([{ type: 'Patient', id: '123' }]);
    expect(parse('123')).toEqual([{ id: '123' }]);
    expect(parse('123', undefined, patient)).toEqual([{ type: 'Patient', id: '123' }]);
    expect(parse('http://other.org/fhir/Patient/123')).toEqual([{ url: 'http://other.org/fhir/Patient/123' }]);
    expect(parse('http://hl7.org/fhir/Questionnaire/q|1.0')).toEqual([{ url: 'http://hl7.org/fhir/Questionnaire/q' }]);
    expect(parse('urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a')).toEqual([{ url: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a' }]);
  });

  it('refuses what is neither an id, Type/id nor a URL', () => {
    for (const bad of ['Patient/', 'a b', "1';--", 'x'.repeat(65), 'patient/1/2']) expect(() => parse(bad)).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('search.html#reference — modifiers', () => {
  it(':[Type] types a bare id and must be a target of the parameter', () => {
    expect(isTypeModifier('Patient', subject)).toBe(true);
    expect(isTypeModifier('Practitioner', subject)).toBe(false);
    expect(isTypeModifier('identifier', subject)).toBe(false);
    expect(parse('123', 'Group')).toEqual([{ type: 'Group', id: '123' }]);
    expect(() => parse('Patient/123', 'Group')).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => parse('123', 'Practitioner')).toThrow(expect.objectContaining({ status: 400 }));
  });

  it(':identifier is a token', () => {
    expect(parse('urn:mrn|12\\|3', 'identifier')).toEqual([{ identifier: { system: 'urn:mrn', code: '12|3' } }]);
  });
});
