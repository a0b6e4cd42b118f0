import type { SearchParamDef } from '../search-parameters';
import { quantityParser } from './quantity';

const value = { code: 'value-quantity', type: 'quantity', expression: 'Observation.value' } as SearchParamDef;
const parse = (v: string) => quantityParser.parse(v, undefined, value)[0];

describe('search.html#quantity — number|system|code', () => {
  it('reads number|system|code, number||code and number', () => {
    expect(parse('5.4|http://unitsofmeasure.org|mg')).toMatchObject({ number: { value: '5.4', low: '5.35', high: '5.45' }, system: 'http://unitsofmeasure.org', code: 'mg' });
    expect(parse('le5.4||mg')).toEqual({ number: expect.objectContaining({ prefix: 'le' }), code: 'mg' });
    expect(parse('5.4')).toEqual({ number: expect.objectContaining({ value: '5.4' }) });
  });

  it('search.html#escaping: a \\| in the code is a pipe', () => {
    expect(parse('5||a\\|b')).toMatchObject({ code: 'a|b' });
  });

  it('refuses two parts, four parts or a bad number', () => {
    for (const bad of ['5|mg', '5|a|b|c', 'x||mg', '||mg']) expect(() => parse(bad)).toThrow(expect.objectContaining({ status: 400 }));
  });
});
