// The parameter types that can be searched, each with its value parser. A type missing here is refused (or ignored, lenient).
import type { SearchParamType } from '../search-request';
import { compositeParser } from './composite';
import { dateParser } from './date';
import { numberParser } from './number';
import { quantityParser } from './quantity';
import { referenceParser } from './reference';
import { stringParser } from './string';
import { tokenParser } from './token';
import { uriParser } from './uri';
import type { ValueParser } from './value-parser';

/** `special` (e.g. Location near) has no parser: it is refused. */
export const VALUE_PARSERS: Partial<Record<SearchParamType, ValueParser>> = {
  string: stringParser,
  token: tokenParser,
  uri: uriParser,
  date: dateParser,
  number: numberParser,
  quantity: quantityParser,
  reference: referenceParser,
  composite: compositeParser,
};
