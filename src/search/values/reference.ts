// Reference search values: https://hl7.org/fhir/R4/search.html#reference
import type { SearchParamDef } from '../search-parameters';
import type { ReferenceValue } from '../search-request';
import { unescape } from './escaping';
import { parseToken } from './token';
import { badValue, escapedAlternatives, parseMissing, type ValueParser } from './value-parser';

/** `Type/id` or `Type/id/_history/v` (the version is not part of what a reference search matches). */
export const RELATIVE_REFERENCE = /^([A-Z][A-Za-z]{0,63})\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;
export const ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** A value with a scheme (http:, urn:…) is a URL: an absolute reference or a canonical. */
const ABSOLUTE = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/** A `:[Type]` modifier is a resource type the parameter may refer to. */
export const isTypeModifier = (modifier: string, param: SearchParamDef) => /^[A-Z][A-Za-z]+$/.test(modifier) && (param.target?.includes(modifier) ?? true);

function parseReference(escaped: string, modifier: string | undefined, param: SearchParamDef): ReferenceValue {
  const text = unescape(escaped);
  if (modifier === 'identifier') return { identifier: parseToken(escaped) };
  // A canonical's `|version` is ignored: the index keeps canonical references without it.
  if (ABSOLUTE.test(text)) return { url: text.split('|')[0] };
  const relative = RELATIVE_REFERENCE.exec(text);
  if (relative) {
    const [, type, id] = relative;
    if (modifier !== undefined && modifier !== type) throw badValue(param, text, `reference for :${modifier}`);
    return { type, id };
  }
  if (!ID.test(text)) throw badValue(param, text, 'reference (Type/id, id or an absolute URL)');
  // A bare id: of the :Type, of the only possible target, or of any target (SQL lists them).
  const type = modifier ?? (param.target?.length === 1 ? param.target[0] : undefined);
  return { ...(type && { type }), id: text };
}

export const referenceParser: ValueParser = {
  // Besides these, `:[Type]` (isTypeModifier). :above/:below (canonical versions) are refused.
  modifiers: ['identifier', 'missing'],
  parse(raw: string, modifier: string | undefined, param: SearchParamDef) {
    if (modifier === 'missing') return parseMissing(raw, param);
    if (modifier !== undefined && modifier !== 'identifier' && !isTypeModifier(modifier, param)) throw badValue(param, `:${modifier}`, 'modifier');
    return escapedAlternatives(raw, param).map((v) => parseReference(v, modifier, param));
  },
};

/** One reference value without modifier (a composite's component). */
export const parseReferenceValue = (escaped: string, param: SearchParamDef): ReferenceValue => parseReference(escaped, undefined, param);
