import { FhirError } from './outcome';
import { parseDateRange } from './date-range';

const range = (value: string) => {
  const { start, end } = parseDateRange(value, 'x');
  return [start.toISOString(), end.toISOString()];
};

describe('parseDateRange', () => {
  it('gives each precision its range, in UTC', () => {
    expect(range('2024')).toEqual(['2024-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z']);
    expect(range('2024-02')).toEqual(['2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z']);
    expect(range('2024-02-29')).toEqual(['2024-02-29T00:00:00.000Z', '2024-03-01T00:00:00.000Z']);
    expect(range('2024-12-31T23:59')).toEqual(['2024-12-31T23:59:00.000Z', '2025-01-01T00:00:00.000Z']);
    expect(range('2024-03-10T08:30:15')).toEqual(['2024-03-10T08:30:15.000Z', '2024-03-10T08:30:16.000Z']);
    expect(range('2024-03-10T08:30:15.5Z')).toEqual(['2024-03-10T08:30:15.500Z', '2024-03-10T08:30:15.501Z']);
    expect(range('2024-03-10T08:30:15.123456789Z')).toEqual(['2024-03-10T08:30:15.123Z', '2024-03-10T08:30:15.124Z']);
  });

  it('reads a leap second (:60, which FHIR allows) as the first second of the next minute', () => {
    expect(range('2016-12-31T23:59:60Z')).toEqual(['2017-01-01T00:00:00.000Z', '2017-01-01T00:00:01.000Z']);
    expect(range('2016-12-31T23:59:60.5Z')).toEqual(['2017-01-01T00:00:00.500Z', '2017-01-01T00:00:00.501Z']);
  });

  it('applies zone offsets', () => {
    expect(range('2024-01-01T01:00:00+02:00')).toEqual(['2023-12-31T23:00:00.000Z', '2023-12-31T23:00:01.000Z']);
    expect(range('2024-12-31T22:30:00-05:45')).toEqual(['2025-01-01T04:15:00.000Z', '2025-01-01T04:15:01.000Z']);
    expect(range('2024-06-01T00:00:00+23:59')).toEqual(['2024-05-31T00:01:00.000Z', '2024-05-31T00:01:01.000Z']);
  });

  it('keeps years below 100 as written, leap years included', () => {
    expect(range('0000-02-29')).toEqual(['0000-02-29T00:00:00.000Z', '0000-03-01T00:00:00.000Z']);
    expect(range('0099')).toEqual(['0099-01-01T00:00:00.000Z', '0100-01-01T00:00:00.000Z']);
    expect(range('0050-01-01T00:30:00+01:00')).toEqual(['0049-12-31T23:30:00.000Z', '0049-12-31T23:30:01.000Z']);
    expect(range('9999-12-31')).toEqual(['9999-12-31T00:00:00.000Z', '+010000-01-01T00:00:00.000Z']);
  });

  it('agrees with the JavaScript date parser on every valid day and time of a leap and a common year', () => {
    for (const year of ['2023', '2024', '1900', '2000']) {
      for (let t = Date.UTC(Number(year), 0, 1); t < Date.UTC(Number(year) + 1, 0, 1); t += 86_400_000 + 3_600_000 * 7 + 61_000) {
        const iso = new Date(t).toISOString();
        const day = iso.slice(0, 10);
        const minute = `${iso.slice(0, 16)}+01:30`;
        expect(parseDateRange(day, 'x').start.getTime()).toBe(Date.parse(`${day}T00:00:00Z`));
        expect(parseDateRange(minute, 'x').start.getTime()).toBe(Date.parse(minute));
      }
    }
  });

  it.each(['2023-02-29', '0099-02-29', '2024-13', '2024-00', '2024-04-31', '2024-01-00', '2024-01-01T24:00:00Z', '2024-01-01T23:60', '2024-01-01T23:59:61Z', '2024-01-01T10:00:00+24:00', '2024-01-01T10:00:00+14:60', '24', '2024-1-01', '2024-01-01T10', '2024-01-01T10:00:00z', 'today', ''])(
    'refuses %s with a 400 naming the expression',
    (value) => {
      expect(() => parseDateRange(value, 'Observation.date')).toThrow(FhirError);
      try {
        parseDateRange(value, 'Observation.date');
      } catch (error) {
        expect((error as FhirError).status).toBe(400);
        expect((error as FhirError).issues[0].expression).toEqual(['Observation.date']);
      }
    },
  );
});
