import type { SearchParamDef } from '../search-parameters';
import { numberParser, parseNumberValue } from './number';

const probability = { code: 'probability', type: 'number', expression: 'RiskAssessment.prediction.probability' } as SearchParamDef;
const parse = (v: string) => parseNumberValue(v, probability);

describe('search.html#number — the implicit range of the precision', () => {
  it('100 → [99.5, 100.5), 100.00 → [99.995, 100.005), 1e2 → [50, 150)', () => {
    expect(parse('100')).toMatchObject({ prefix: 'eq', value: '100', low: '99.5', high: '100.5' });
    expect(parse('100.00')).toMatchObject({ value: '100.00', low: '99.995', high: '100.005' });
    // the spec's own example says [95, 105) for 1e2; Ignis follows its rule (± half the last digit)
    expect(parse('1e2')).toMatchObject({ value: '100', low: '50', high: '150' });
    expect(parse('-0.5')).toMatchObject({ value: '-0.5', low: '-0.55', high: '-0.45' });
    expect(parse('0')).toMatchObject({ low: '-0.5', high: '0.5' });
    expect(parse('2.5e-3')).toMatchObject({ value: '0.0025', low: '0.00245', high: '0.00255' });
  });

  it('computes exactly (no floating point)', () => {
    expect(parse('0.1')).toMatchObject({ low: '0.05', high: '0.15', approxLow: '0.09', approxHigh: '0.11' });
    expect(parse('123456789012345678901234567890.1')).toMatchObject({ high: '123456789012345678901234567890.15' });
  });
});

describe('search.html#prefix — on numbers', () => {
  it('reads the prefix and keeps ap at ±10% (the precision range at 0)', () => {
    expect(parse('gt-5')).toMatchObject({ prefix: 'gt', value: '-5' });
    expect(parse('ap100')).toMatchObject({ prefix: 'ap', approxLow: '90.0', approxHigh: '110.0' });
    expect(parse('ap-100')).toMatchObject({ approxLow: '-110.0', approxHigh: '-90.0' });
    expect(parse('ap0')).toMatchObject({ approxLow: '-0.5', approxHigh: '0.5' });
  });

  it('refuses what is not a decimal, or absurdly long, with a 400', () => {
    for (const bad of ['abc', '1.', '.5', '0x10', '1e', 'zz5', '1e1001', '1'.repeat(1001), 'gt']) {
      expect(() => numberParser.parse(bad, undefined, probability)).toThrow(expect.objectContaining({ status: 400 }));
    }
  });
});
