import { numberExtractor } from './number-index';
import { quantityExtractor } from './quantity-index';

const rows = (extractor: typeof numberExtractor, node: unknown) => {
  const out: unknown[][] = [];
  extractor.extract('p', node, out, {});
  return out;
};

describe('search.html#number — index rows [low, high]', () => {
  it('a decimal is a point, a Range its bounds', () => {
    expect(rows(numberExtractor, 0.02)).toEqual([['p', '0.02', '0.02']]);
    expect(rows(numberExtractor, { low: { value: 0.1 }, high: { value: 0.3 } })).toEqual([['p', '0.1', '0.3']]);
    expect(rows(numberExtractor, { low: { value: 1 } })).toEqual([['p', '1', 'Infinity']]);
  });
});

describe('search.html#quantity — index rows (system, code, unit, low, high)', () => {
  it('Quantity, with a comparator as an open range', () => {
    expect(rows(quantityExtractor, { value: 5.4, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' })).toEqual([['p', 'http://unitsofmeasure.org', 'mg', 'mg', '5.4', '5.4']]);
    expect(rows(quantityExtractor, { value: 60, comparator: '>', code: 'x' })).toEqual([['p', null, 'x', null, '60', 'Infinity']]);
    expect(rows(quantityExtractor, { value: 60, comparator: '<=' })).toEqual([['p', null, null, null, '-Infinity', '60']]);
  });

  it('Money by currency, Range by bounds; nothing without a value (SampledData)', () => {
    expect(rows(quantityExtractor, { value: 48, currency: 'EUR' })).toEqual([['p', 'urn:iso:std:iso:4217', 'EUR', null, '48', '48']]);
    expect(rows(quantityExtractor, { low: { value: 20, code: 'a' }, high: { value: 30, code: 'a' } })).toEqual([['p', null, 'a', null, '20', '30']]);
    expect(rows(quantityExtractor, { origin: { value: 0 }, period: 10, dimensions: 1, data: '1 2' })).toEqual([]);
  });
});
