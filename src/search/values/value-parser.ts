// One parser per parameter type turns the text of a search value into typed values.
import { invalid } from '../../fhir/outcome';
import type { SearchParamDef } from '../search-parameters';
import { splitEscaped } from './escaping';

export interface ValueParser {
  /** The modifiers this type accepts (search.html#modifiers); others are refused. */
  readonly modifiers: readonly string[];
  /** The OR-ed values of `param[:modifier]=raw`; throws a FhirError (400, with `expression` = the parameter) when malformed. */
  parse(raw: string, modifier: string | undefined, param: SearchParamDef): unknown[];
}

/** Parses one value that still carries its escapes (search.html#escaping); composites call these per component. */
export type SingleValueParser = (escaped: string, param: SearchParamDef) => unknown;

/** A 400 naming the parameter; the value is cut short so that a hostile value is not echoed back whole. */
export const badValue = (param: SearchParamDef, raw: string, what: string) =>
  invalid(`'${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}' is not a valid ${what} for '${param.code}'`, param.code);

/** PostgreSQL text cannot hold U+0000: such a value is refused here rather than failing in the database. */
export function assertText(raw: string, param: SearchParamDef): string {
  if (raw.includes('\u0000')) throw invalid(`A value of '${param.code}' contains a NUL character`, param.code);
  return raw;
}

/** The comma-separated alternatives of a value, each still escaped; empty alternatives are dropped, none at all is a 400. */
export function escapedAlternatives(raw: string, param: SearchParamDef): string[] {
  assertText(raw, param);
  const values = splitEscaped(raw, ',').filter((v) => v !== '');
  if (values.length === 0) throw invalid(`Search parameter '${param.code}' needs a value`, param.code);
  return values;
}

/** `param:missing=true|false` (search.html#missing), the same for every type. */
export function parseMissing(raw: string, param: SearchParamDef): boolean[] {
  if (raw !== 'true' && raw !== 'false') throw badValue(param, raw, ':missing value (true or false)');
  return [raw === 'true'];
}
