import { isRealDay } from './calendar';

describe('datatypes.html#date — valid dates', () => {
  it('accepts real days, partial dates and leap days', () => {
    expect(['2024-02-29', '2023-12-31', '2023', '2023-02', '2023-01-31T10:00:00Z'].map(isRealDay)).toEqual([true, true, true, true, true]);
  });
  it('refuses days that do not exist', () => {
    expect(['2023-02-29', '1974-02-30', '2023-04-31', '2023-06-31'].map(isRealDay)).toEqual([false, false, false, false]);
  });
  it('leaves malformed months and days to the format check', () => {
    expect(['2023-13-01', '2023-00-10', '2023-01-00'].map(isRealDay)).toEqual([true, true, true]);
  });
  it('counts leap years below 100 as the Gregorian calendar does (year 0 is one, 100 is not)', () => {
    expect(['0000-02-29', '0004-02-29', '0100-02-29', '0099-02-29'].map(isRealDay)).toEqual([true, true, false, false]);
  });
});
