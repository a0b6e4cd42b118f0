// One parser per parameter type turns the text of a search value into typed values.
import type { SearchParamDef } from '../search-parameters';

export interface ValueParser {
  /** The modifiers this type accepts (search.html#modifiers); others are refused. */
  readonly modifiers: readonly string[];
  /** The OR-ed values of `param[:modifier]=raw`; throws a FhirError (400, with `expression` = the parameter) when malformed. */
  parse(raw: string, modifier: string | undefined, param: SearchParamDef): unknown[];
}
