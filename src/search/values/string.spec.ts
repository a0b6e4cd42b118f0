import type { SearchParamDef } from '../search-parameters';
import { normalizeString, stringParser } from './string';

const family = { code: 'family', type: 'string', expression: 'Patient.name.family' } as SearchParamDef;
const text = { code: '_text', type: 'string', expression: 'Patient.text.`div`' } as SearchParamDef;

describe('search.html#string — normalisation (case and accents)', () => {
  it('folds case and strips combining marks, whether composed or not', () => {
    expect(normalizeString('Müller')).toBe('muller');
    expect(normalizeString('Mu\u0308ller')).toBe('muller');
    expect(normalizeString('ÉMILIE Zoë')).toBe('emilie zoe');
    expect(normalizeString('王小明😀')).toBe('王小明😀');
    // Ø is a letter of its own, not O with a mark
    expect(normalizeString('Ødegård')).toBe('ødegard');
  });
});

describe('search.html#string — values', () => {
  it('keeps the exact text and its normalised form, OR-ing alternatives', () => {
    expect(stringParser.parse('Chal,Mül', undefined, family)).toEqual([
      { exact: 'Chal', normalized: 'chal' },
      { exact: 'Mül', normalized: 'mul' },
    ]);
  });

  it('search.html#escaping: \\, \\| \\$ \\\\ are the characters themselves', () => {
    expect(stringParser.parse('Smith\\, Jr', 'exact', family)).toEqual([{ exact: 'Smith, Jr', normalized: 'smith, jr' }]);
    expect(stringParser.parse('a\\\\b\\$c\\|d', undefined, family)).toEqual([{ exact: 'a\\b$c|d', normalized: 'a\\b$c|d' }]);
  });

  it('drops empty alternatives and refuses an empty value or a NUL', () => {
    expect(stringParser.parse('a,,', undefined, family)).toHaveLength(1);
    expect(() => stringParser.parse('', undefined, family)).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => stringParser.parse('a\u0000b', undefined, family)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('search.html#missing: true or false only', () => {
    expect(stringParser.parse('true', 'missing', family)).toEqual([true]);
    expect(stringParser.parse('false', 'missing', family)).toEqual([false]);
    expect(() => stringParser.parse('yes', 'missing', family)).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('search.html#_text — full text', () => {
  it('is one query (commas are part of it) and takes no modifier but :missing', () => {
    expect(stringParser.parse('peter, james', undefined, text)).toEqual([{ exact: 'peter, james', normalized: 'peter, james' }]);
    expect(() => stringParser.parse('x', 'exact', text)).toThrow(expect.objectContaining({ status: 400 }));
    expect(stringParser.parse('true', 'missing', text)).toEqual([true]);
  });
});
