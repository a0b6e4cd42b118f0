// The parameter types that can be searched, each with its value parser. A type missing here is refused (or ignored, lenient).
import type { SearchParamType } from '../search-request';
import { tokenParser } from './token';
import type { ValueParser } from './value-parser';

export const VALUE_PARSERS: Partial<Record<SearchParamType, ValueParser>> = {
  token: tokenParser,
};
