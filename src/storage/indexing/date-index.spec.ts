import { dateExtractor, sqlTimestamp } from './date-index';

const rows = (node: unknown) => {
  const out: unknown[][] = [];
  dateExtractor.extract('p', node, out, {});
  return out;
};

describe('search.html#date — index rows [low, high) in UTC', () => {
  it('date, dateTime and instant by their precision', () => {
    expect(rows('1974-12')).toEqual([['p', '1974-12-01T00:00:00.000Z', '1975-01-01T00:00:00.000Z']]);
    expect(rows('2013-04-05T10:30:10+01:00')).toEqual([['p', '2013-04-05T09:30:10.000Z', '2013-04-05T09:30:11.000Z']]);
    expect(rows('2015-02-07T13:28:17.239+02:00')).toEqual([['p', '2015-02-07T11:28:17.239Z', '2015-02-07T11:28:17.240Z']]);
  });

  it('Period from its start to the end of its end; open ends unbounded', () => {
    expect(rows({ start: '2013-04-02', end: '2013-04-05' })).toEqual([['p', '2013-04-02T00:00:00.000Z', '2013-04-06T00:00:00.000Z']]);
    expect(rows({ start: '2013-04-02' })).toEqual([['p', '2013-04-02T00:00:00.000Z', 'infinity']]);
    expect(rows({ end: '2013' })).toEqual([['p', '-infinity', '2014-01-01T00:00:00.000Z']]);
  });

  it('each Timing.event; nothing for a Timing without events or an invalid date', () => {
    expect(rows({ event: ['2021-05-01', '2021-06-01'] })).toHaveLength(2);
    expect(rows({ repeat: { frequency: 1 } })).toEqual([]);
    expect(rows('2021-02-30')).toEqual([]);
  });

  it('keeps bounds PostgreSQL can read', () => {
    expect(sqlTimestamp(new Date('9999-12-31T00:00:00Z'), 'infinity')).toBe('9999-12-31T00:00:00.000Z');
    expect(sqlTimestamp(new Date(Date.UTC(10000, 0, 1)), 'infinity')).toBe('infinity');
    expect(rows('9999')).toEqual([['p', '9999-01-01T00:00:00.000Z', 'infinity']]);
  });
});
