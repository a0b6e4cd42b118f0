// date, dateTime and instant must name real days (https://hl7.org/fhir/R4/datatypes.html#date: "SHALL be valid dates");
// their regexes alone accept 2023-02-30, so the calendar is checked here.
import { daysInMonth } from '../fhir/date-range';

const YEAR_MONTH_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

export const CALENDAR_TYPES = new Set(['date', 'dateTime', 'instant']);

/** False only for a day beyond the end of its month (leap years counted); other bad formats are the regex's to report. */
export function isRealDay(value: string): boolean {
  const m = YEAR_MONTH_DAY.exec(value);
  if (!m) return true;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return true;
  return day <= daysInMonth(year, month);
}
