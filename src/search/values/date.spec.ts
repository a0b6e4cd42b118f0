import type { SearchParamDef } from '../search-parameters';
import { approximately, dateParser, parseDateValue } from './date';

const birthdate = { code: 'birthdate', type: 'date', expression: 'Patient.birthDate' } as SearchParamDef;
const range = (value: string) => {
  const v = parseDateValue(value, birthdate);
  return [v.prefix, v.start.toISOString(), v.end.toISOString()];
};

describe('search.html#date — the implicit range of the precision', () => {
  it('year, month, day, minute, second and millisecond', () => {
    expect(range('2024')).toEqual(['eq', '2024-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z']);
    expect(range('2024-02')).toEqual(['eq', '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z']);
    expect(range('2024-02-29')).toEqual(['eq', '2024-02-29T00:00:00.000Z', '2024-03-01T00:00:00.000Z']);
    expect(range('2024-02-29T10:00Z')).toEqual(['eq', '2024-02-29T10:00:00.000Z', '2024-02-29T10:01:00.000Z']);
    expect(range('2024-02-29T10:00:05+02:00')).toEqual(['eq', '2024-02-29T08:00:05.000Z', '2024-02-29T08:00:06.000Z']);
    expect(range('2024-02-29T10:00:05.123Z')).toEqual(['eq', '2024-02-29T10:00:05.123Z', '2024-02-29T10:00:05.124Z']);
  });
});

describe('search.html#prefix — on dates', () => {
  it('reads every prefix; none is eq', () => {
    for (const prefix of ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap']) expect(range(`${prefix}2024`)[0]).toBe(prefix);
  });

  it('refuses malformed dates with a 400 naming the parameter', () => {
    for (const bad of ['2024-13', '2023-02-29', 'gt', 'xx2024', '2024-1-1', '24', 'ge2024-02-29T10']) {
      expect(() => dateParser.parse(bad, undefined, birthdate)).toThrow(expect.objectContaining({ status: 400, issues: [expect.objectContaining({ expression: ['birthdate'] })] }));
    }
  });

  it('ap widens the range by 10% of the gap to now', () => {
    const value = parseDateValue('ap2000', birthdate);
    const now = new Date('2010-01-01T00:00:00Z');
    const { start, end } = approximately(value, now);
    const year = 365 * 24 * 3600 * 1000;
    expect((value.start.getTime() - start.getTime()) / year).toBeCloseTo(1, 2);
    expect((end.getTime() - value.end.getTime()) / year).toBeCloseTo(1, 2);
  });
});
