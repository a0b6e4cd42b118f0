// Composite search values: https://hl7.org/fhir/R4/search.html#composite
import { FhirError, issue } from '../../fhir/outcome';
import type { SearchParamDef } from '../search-parameters';
import type { SearchParamType } from '../search-request';
import { splitEscaped, unescape } from './escaping';
import { parseDateValue } from './date';
import { parseNumberValue } from './number';
import { parseQuantityValue } from './quantity';
import { parseReferenceValue } from './reference';
import { parseStringValue } from './string';
import { parseToken } from './token';
import { parseUriValue } from './uri';
import { badValue, escapedAlternatives, parseMissing, type SingleValueParser, type ValueParser } from './value-parser';

/** One value per component, in the order of the parameter's components, each typed by its component's parser. */
export interface CompositeValue {
  readonly parts: readonly unknown[];
}

/** The types a component can have; R4 composites combine these (token first, then token, quantity, date, string, reference or number). */
const COMPONENT_PARSERS: Partial<Record<SearchParamType, SingleValueParser>> = {
  token: (escaped) => parseToken(escaped),
  string: (escaped) => parseStringValue(escaped),
  uri: (escaped) => parseUriValue(escaped),
  date: parseDateValue,
  number: parseNumberValue,
  quantity: parseQuantityValue,
  reference: parseReferenceValue,
};

/** `code$value`: the components split at unescaped `$` (a `\$` stays in the component). */
export function parseCompositeValue(escaped: string, param: SearchParamDef): CompositeValue {
  const components = param.components ?? [];
  const texts = splitEscaped(escaped, '$');
  if (texts.length !== components.length) {
    throw badValue(param, unescape(escaped), `composite value (${components.length} parts separated by $, one per component: ${components.map((c) => c.type).join('$')})`);
  }
  return { parts: texts.map((text, i) => (COMPONENT_PARSERS[components[i].type] as SingleValueParser)(text, param)) };
}

export const compositeParser: ValueParser = {
  modifiers: ['missing'],
  parse(raw: string, modifier: string | undefined, param: SearchParamDef) {
    const components = param.components;
    if (!components || components.some((c) => !COMPONENT_PARSERS[c.type])) {
      throw new FhirError(400, [issue('not-supported', `The components of composite parameter '${param.code}' cannot be searched`, param.code)]);
    }
    if (modifier === 'missing') return parseMissing(raw, param);
    return escapedAlternatives(raw, param).map((v) => parseCompositeValue(v, param));
  },
};
