import { tokenExtractor } from './token-index';

const rows = (node: unknown) => {
  const out: unknown[][] = [];
  tokenExtractor.extract('p', node, out, {});
  return out;
};

describe('search.html#token — index rows (system, code, text)', () => {
  it('CodeableConcept: each coding with its display, and its text on a row of its own', () => {
    expect(rows({ coding: [{ system: 's', code: 'c', display: 'Blood Préssure' }, { code: 'd' }], text: 'BP' })).toEqual([
      ['p', 's', 'c', 'blood pressure'],
      ['p', null, 'd', null],
      ['p', null, null, 'bp'],
    ]);
    expect(rows({ text: 'Only text' })).toEqual([['p', null, null, 'only text']]);
  });

  it('Identifier: system and value, type text, and :of-type rows', () => {
    expect(rows({ system: 'urn:mrn', value: '12|3', type: { coding: [{ system: 'http://v2', code: 'M|R' }], text: 'Medical record' } })).toEqual([
      ['p', 'urn:mrn', '12|3', 'medical record'],
      ['p:of-type', 'http://v2', 'M\\|R|12|3', null],
    ]);
  });

  it('ContactPoint, code, boolean', () => {
    // The system of a ContactPoint is a kind, not a URI: the row's part, which `phone` and `email` search.
    expect(rows({ system: 'phone', value: '555' })).toEqual([['p', null, '555', null, null, null, 'phone']]);
    expect(rows('male')).toEqual([['p', null, 'male', null]]);
    expect(rows(false)).toEqual([['p', null, 'false', null]]);
  });

  it('drops NUL characters, which PostgreSQL text cannot hold', () => {
    expect(rows('a\u0000b')).toEqual([['p', null, 'ab', null]]);
  });
});
