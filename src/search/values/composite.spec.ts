import type { SearchParamDef } from '../search-parameters';
import { compositeParser } from './composite';

const codeValueQuantity = {
  code: 'code-value-quantity',
  type: 'composite',
  expression: 'Observation',
  components: [
    { type: 'token', expression: 'code' },
    { type: 'quantity', expression: 'value.ofType(Quantity)' },
  ],
} as SearchParamDef;

describe('search.html#composite — token$quantity', () => {
  it('parses each part with its component type, alternatives at commas', () => {
    expect(compositeParser.parse('http://loinc.org|8480-6$gt100||mm[Hg],a$1', undefined, codeValueQuantity)).toEqual([
      { parts: [{ system: 'http://loinc.org', code: '8480-6' }, { number: expect.objectContaining({ prefix: 'gt', value: '100' }), code: 'mm[Hg]' }] },
      { parts: [{ code: 'a' }, { number: expect.objectContaining({ value: '1' }) }] },
    ]);
  });

  it('search.html#escaping: \\$ stays in a component', () => {
    expect(compositeParser.parse('a\\$b$5', undefined, codeValueQuantity)).toEqual([{ parts: [{ code: 'a$b' }, { number: expect.objectContaining({ value: '5' }) }] }]);
  });

  it('refuses the wrong number of parts or a bad part', () => {
    for (const bad of ['a', 'a$1$2', 'a$x']) expect(() => compositeParser.parse(bad, undefined, codeValueQuantity)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('refuses a composite whose components are unknown', () => {
    expect(() => compositeParser.parse('a$1', undefined, { ...codeValueQuantity, components: undefined })).toThrow(expect.objectContaining({ status: 400 }));
  });
});
