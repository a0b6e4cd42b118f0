// The values of FHIRPath Patch operations (https://hl7.org/fhir/R4/fhirpatch.html): a part's `value[x]`, `resource`
// or, for anonymous types, parts built into an element, each checked against the element it fills.
import type { ParametersParameter } from 'fhir/r4';
import { FhirError, invalid, issue } from '../outcome';
import { isObject } from '../resource';

/** What the patch needs to know of an element (the validator's type index provides it). */
export interface PatchElement {
  /** The JSON property name (`valueQuantity` for a choice). */
  readonly key: string;
  /** The type code, or the backbone type's name; `Resource` for contained resources. */
  readonly type: string;
  readonly array: boolean;
  readonly resource: boolean;
  /** For choice elements, the element name without `[x]`. */
  readonly choiceOf?: string;
}

/** The elements of a complex type or resource by JSON key; undefined for primitive types. */
export type ElementsOf = (type: string) => ReadonlyMap<string, PatchElement> | undefined;

type Json = Record<string, unknown>;

/** A 422: the operation is well formed but cannot apply to this resource. */
export const fail = (diagnostics: string, expression: string) => new FhirError(422, [issue('processing', diagnostics, expression)]);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A value to place: its JSON and its FHIR type (`HumanName`, `date`, a resource type), or parts to build it from. */
export interface PatchValue {
  readonly json?: unknown;
  readonly type?: string;
  readonly parts?: readonly ParametersParameter[];
}

/** A part's value: `value[x]` (its type from the key), `resource`, or nested `part`s (anonymous types). */
export function readValue(part: ParametersParameter, at: string, elementsOf: ElementsOf): PatchValue {
  const keys = Object.keys(part).filter((key) => key.startsWith('value') || key === 'resource');
  if (keys.length > 1) throw invalid(`A value part has one value; it has ${keys.join(', ')}`, at);
  if (keys.length === 0) {
    if (Array.isArray(part.part) && part.part.length > 0) return { parts: part.part };
    throw invalid('A value part needs a value[x], a resource or parts', at);
  }
  const [key] = keys;
  const json = (part as unknown as Json)[key];
  if (key === 'resource') return { json, type: isObject(json) && typeof json.resourceType === 'string' ? json.resourceType : undefined };
  const suffix = key.slice('value'.length);
  if (suffix === '') throw invalid('A value is given as value[x], its type in the name (valueString, valueHumanName …)', at);
  return { json, type: elementsOf(suffix) ? suffix : lowerFirst(suffix) };
}

/** Builds an element of `type` from parts named by its elements (fhirpatch.html: anonymous types). */
export function buildFromParts(parts: readonly ParametersParameter[], type: string, at: string, elementsOf: ElementsOf): Json {
  const elements = elementsOf(type);
  if (!elements) throw fail(`A ${type} is given as a value[x], not as parts`, at);
  const built: Json = {};
  parts.forEach((part, i) => {
    const here = `${at}.part[${i}]`;
    const value = readValue(part, here, elementsOf);
    const element = elementNamed(elements, part.name, value.type);
    if (!element) throw fail(`${type} has no element '${part.name}'${value.type ? ` of type ${value.type}` : ''}`, here);
    if (!fits(element, value.type)) throw fail(`${type}.${part.name} is a ${element.type}; the value is a ${value.type}`, here);
    const json = value.parts ? buildFromParts(value.parts, element.type, here, elementsOf) : value.json;
    if (element.array) {
      built[element.key] = [...((built[element.key] as unknown[] | undefined) ?? []), json];
    } else if (element.key in built) {
      throw fail(`${type}.${part.name} has one value; the parts give several`, here);
    } else {
      built[element.key] = json;
    }
  });
  return built;
}

/** The element `name` (for a choice, `name[x]` of the value's type; a value built from parts has no type yet). */
export function elementNamed(elements: ReadonlyMap<string, PatchElement> | undefined, name: string, valueType: string | undefined): PatchElement | undefined {
  const plain = elements?.get(name);
  if (plain) return plain;
  return [...(elements?.values() ?? [])].find((e) => e.choiceOf === name && (valueType === undefined || e.type === valueType));
}

/** The type of a value must be the element's (fhirpatch.html); a contained resource may be of any type. */
export function fits(element: PatchElement, valueType: string | undefined): boolean {
  return valueType === undefined || element.type === valueType || (element.resource && element.type === 'Resource');
}

