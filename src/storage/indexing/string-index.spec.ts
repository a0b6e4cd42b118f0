import { stringExtractor } from './string-index';

const rows = (node: unknown) => {
  const out: unknown[][] = [];
  stringExtractor.extract('p', node, out, {});
  return out;
};

describe('search.html#string — index rows (normalized, exact, element, part)', () => {
  it('a string is one value', () => {
    expect(rows('Müller')).toEqual([['p', 'muller', 'Müller', null, null]]);
    expect(rows('')).toEqual([]);
  });

  it('HumanName: family, given, prefix, suffix, text, each row naming its part', () => {
    expect(rows({ family: 'Chalmers', given: ['Peter'] })).toEqual([
      ['p', 'chalmers', 'Chalmers', null, 'family'],
      ['p', 'peter', 'Peter', null, 'given'],
    ]);
    expect(rows({ use: 'official', family: 'Chalmers', given: ['Peter', 'James'], prefix: ['Mr'], suffix: ['Jr'], text: 'Peter Chalmers' }).map((r) => r[2])).toEqual([
      'Chalmers',
      'Peter',
      'James',
      'Mr',
      'Jr',
      'Peter Chalmers',
    ]);
  });

  it('Address: line, city, district, state, postalCode, country, text', () => {
    expect(rows({ city: 'Lyon', country: 'FR' }).map((r) => r[4])).toEqual(['city', 'country']);
    expect(rows({ use: 'home', line: ['534 Erewhon St'], city: 'PleasantVille', district: 'Rainbow', state: 'Vic', postalCode: '3999', country: 'AU', text: 'all' }).map((r) => r[2])).toEqual([
      '534 Erewhon St',
      'PleasantVille',
      'Rainbow',
      'Vic',
      '3999',
      'AU',
      'all',
    ]);
  });
});
