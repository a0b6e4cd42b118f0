import type { SearchParamDef } from '../search-parameters';
import { tokenParser } from './token';

const identifier = { code: 'identifier', type: 'token', expression: 'Patient.identifier' } as SearchParamDef;
const id = { code: '_id', type: 'token', expression: 'Patient.id' } as SearchParamDef;
const parse = (v: string, modifier?: string) => tokenParser.parse(v, modifier, identifier);

describe('search.html#token — system|code', () => {
  it('reads code, system|code, |code and system|', () => {
    expect(parse('a,s|b,|c,s|')).toEqual([{ code: 'a' }, { system: 's', code: 'b' }, { system: null, code: 'c' }, { system: 's' }]);
  });

  it('search.html#escaping: \\| \\, \\$ \\\\ stay in the code', () => {
    expect(parse('urn:x|a\\|b\\,c\\$d\\\\e')).toEqual([{ system: 'urn:x', code: 'a|b,c$d\\e' }]);
  });
});

describe('search.html#modifiers — on tokens', () => {
  it(':text is normalised text', () => {
    expect(parse('Blood Préssure', 'text')).toEqual([{ text: 'blood pressure' }]);
  });

  it(':of-type needs system|code|value, all present', () => {
    expect(parse('http://terminology.hl7.org/CodeSystem/v2-0203|MR|123\\|4', 'of-type')).toEqual([{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', value: '123|4' }]);
    for (const bad of ['MR|123', '|MR|123', 's|MR|', 's|MR|1|2']) expect(() => parse(bad, 'of-type')).toThrow(expect.objectContaining({ status: 400 }));
  });

  it(':in and :not-in name a value set; a |version is dropped', () => {
    expect(parse('http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1', 'in')).toEqual([{ valueSet: 'http://hl7.org/fhir/ValueSet/administrative-gender' }]);
    expect(parse('http://x/vs', 'not-in')).toEqual([{ valueSet: 'http://x/vs' }]);
  });

  it('refuses :above and :below, and modifiers _id has no data for', () => {
    expect(tokenParser.modifiers).not.toContain('above');
    expect(tokenParser.modifiers).not.toContain('below');
    expect(() => tokenParser.parse('x', 'text', id)).toThrow(expect.objectContaining({ status: 400 }));
    expect(tokenParser.parse('x', 'not', id)).toEqual([{ code: 'x' }]);
  });
});
