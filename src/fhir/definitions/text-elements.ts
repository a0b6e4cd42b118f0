// Where the human-readable text of a resource is, per R4 type, for `_content` (https://hl7.org/fhir/R4/search.html#_content):
// the values of `string` and `markdown` elements (names, addresses, identifier values, displays, notes…) and the
// narrative. Identifiers of definitions (uri, canonical, oid), element and resource ids, references' targets, codes,
// dates, numbers and base64 data are not text to search: they have their own search parameters, and as words ('http',
// 'hl7', 'org', the parts of a uuid) they would only swell every resource's full-text entry.
import { getAllDataTypes, isPrimitiveType, type DataTypesMap } from '@medplum/core';
import { loadR4Definitions, propertyName } from './r4';

/** How a property is read for its text: as text (`string`, `markdown` too), as a narrative (`xhtml`), or as elements of a type. */
export const TEXT = 'string';
export const NARRATIVE = 'xhtml';
/** A nested resource: read as the type its own `resourceType` names. */
export const ANY_RESOURCE = 'Resource';

/** Strings that point at something rather than say something: a reference's target (`Patient/123`). */
const NOT_TEXT = new Set(['Reference.reference']);

let byType: Map<string, ReadonlyMap<string, string>> | undefined;

function readAs(code: string, schemas: DataTypesMap): string | undefined {
  if (code === 'string' || code === 'markdown') return TEXT;
  if (code === NARRATIVE) return NARRATIVE;
  if (isPrimitiveType(code)) return undefined;
  return schemas[code]?.kind === 'resource' ? ANY_RESOURCE : code;
}

function build(): Map<string, ReadonlyMap<string, string>> {
  loadR4Definitions();
  const schemas = getAllDataTypes();
  const types = new Map<string, ReadonlyMap<string, string>>();
  for (const [name, schema] of Object.entries(schemas)) {
    const properties = new Map<string, string>();
    for (const [elementKey, element] of Object.entries(schema.elements)) {
      // Element ids (string in R4) and Resource.id name things; they are not text.
      if (elementKey === 'id' || NOT_TEXT.has(`${name}.${elementKey}`)) continue;
      for (const { code } of element.type) {
        const as = readAs(code, schemas);
        if (as) properties.set(propertyName(elementKey, code), as);
      }
    }
    types.set(name, properties);
  }
  return types;
}

/**
 * The properties of `type` that hold text, or elements that may, each with the type to read it as (TEXT, NARRATIVE,
 * ANY_RESOURCE or a complex type); the others are left out. Undefined for an unknown type.
 */
export function textElements(type: string): ReadonlyMap<string, string> | undefined {
  return (byType ??= build()).get(type);
}
