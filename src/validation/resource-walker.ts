// One pass over a resource checks it against the base R4 definitions: https://hl7.org/fhir/R4/validation.html
// Unknown properties, cardinality (structure-rules.ts), JSON types and primitive formats
// (primitive-formats.ts), required bindings, invariants (invariants.ts), ele-1, the resource id format,
// nested resource types, and the JSON rules of https://hl7.org/fhir/R4/json.html#primitive (one choice
// per element, `_x` only for primitives and as long as `x`). Profiles are left to structure.ts.
import { fhirTypeToJsType } from '@medplum/core';
import type { OperationOutcomeIssue } from 'fhir/r4';
import { issue } from '../fhir/outcome';
import { CALENDAR_TYPES, isRealDay } from './calendar';
import { LocalReferences } from './contained-references';
import { checkInvariants, type InvariantEnv } from './invariants';
import type { PrimitiveFormats } from './primitive-formats';
import { checkBinding } from './required-bindings';
import { checkNulls, checkReferenceTarget, checkRequired, isEmptyObject } from './structure-rules';
import type { ElementInfo, TypeIndex, TypeInfo } from './type-index';

/** R4 `id`: https://hl7.org/fhir/R4/datatypes.html#id (medplum types Resource.id as a plain string). */
const ID = /^[A-Za-z0-9\-.]{1,64}$/;

type Json = Record<string, unknown>;

/** The resource being walked: FHIRPath's %resource / %rootResource, and its local references (dom-3). */
interface WalkEnv extends InvariantEnv {
  readonly refs: LocalReferences;
}

export interface WalkResult {
  /** What the structural pass of medplum used to report (unknown elements, cardinality, formats): listed first, as before. */
  readonly structure: OperationOutcomeIssue[];
  readonly issues: OperationOutcomeIssue[];
  /** Paths where we reported malformed JSON; the profile pass (structure.ts) drops its own (noisier) issues there. */
  readonly malformed: string[];
  /** Paths medplum cannot survive (unknown nested resource types, non-object `_x`): removed before it runs. */
  readonly unsafe: string[];
}

export class ResourceWalker {
  private readonly elementType: TypeInfo;

  constructor(
    private readonly types: TypeIndex,
    private readonly resourceTypes: ReadonlySet<string>,
    private readonly formats: PrimitiveFormats,
  ) {
    this.elementType = types.get('Element') as TypeInfo;
  }

  /** `resource` must already have a known `resourceType`. */
  walk(resource: Json): WalkResult {
    const result: WalkResult = { structure: [], issues: [], malformed: [], unsafe: [] };
    this.resource(resource, String(resource.resourceType), resource, result);
    return result;
  }

  /** Walks a resource and returns the local references found in it. */
  private resource(resource: Json, path: string, rootResource: Json, result: WalkResult): LocalReferences {
    const type = this.types.get(String(resource.resourceType)) as TypeInfo;
    if (resource.id !== undefined && (typeof resource.id !== 'string' || !ID.test(resource.id))) {
      result.issues.push(issue('value', `Invalid id format: ids are 1 to 64 letters, digits, '-' and '.'`, `${path}.id`));
    }
    const env: WalkEnv = { resource, rootResource, refs: new LocalReferences() };
    checkInvariants(type.invariants, resource, env, path, result.issues);
    this.object(resource, type, path, env, result);
    env.refs.check(resource, path, result.issues);
    return env.refs;
  }

  /**
   * `hasValue`: `obj` holds the id/extensions of a primitive that has a value, which satisfies ele-1.
   * `checkChildren`: false for an empty single value, reported as absent (and by ele-1), not for its insides.
   */
  private object(obj: Json, type: TypeInfo, path: string, env: WalkEnv, result: WalkResult, hasValue = false, checkChildren = true): void {
    let hasChildren = false;
    let choices: Map<string, string> | undefined;
    for (const key in obj) {
      const isPrimitiveElement = key.charCodeAt(0) === 95; // '_'
      const name = isPrimitiveElement ? key.slice(1) : key;
      const element = type.elements.get(name);
      if (key !== 'id') hasChildren = true;
      if (!element) {
        if (key !== 'resourceType') {
          // An unknown name, an unknown choice type (valueFoo) or `_x` for an unknown x.
          result.structure.push(issue('structure', `Invalid additional property "${key}"`, `${path}.${key}`));
        } else if (obj !== env.resource) {
          result.issues.push(issue('structure', 'resourceType is only allowed on a resource', `${path}.resourceType`));
        }
        continue;
      }
      const childPath = `${path}.${name}`;
      if (element.choiceOf) {
        choices ??= new Map();
        const other = choices.get(element.choiceOf);
        if (other !== undefined && other !== name) {
          result.issues.push(issue('structure', `Only one of ${other} and ${name} may be present (${element.choiceOf}[x] has one type)`, childPath));
        }
        choices.set(element.choiceOf, name);
      }
      if (isPrimitiveElement) this.primitiveElements(obj, name, element, path, env, result);
      else this.values(obj[key], obj[`_${key}`], element, childPath, env, result);
    }
    if (checkChildren && type.required.length) checkRequired(obj, type, path, result.structure);
    if (!hasChildren && !hasValue && obj !== env.resource) {
      result.issues.push(issue('invariant', 'Constraint ele-1 not met: All FHIR elements must have a @value or children', path));
    }
  }

  /** `partner`: the `_x` of a primitive `x`, whose entries let `x` hold nulls. */
  private values(value: unknown, partner: unknown, element: ElementInfo, path: string, env: WalkEnv, result: WalkResult): void {
    if (!Array.isArray(value)) {
      if (value === null) result.structure.push(issue('structure', 'Invalid null value', path));
      else if (element.array) malformed(result, `Expected an array of ${element.type}`, path);
      this.value(value, element, path, env, result);
      return;
    }
    if (!element.array) {
      malformed(result, `Expected a single ${element.type}, not an array`, path);
      return;
    }
    if (value.length === 0) result.issues.push(issue('structure', 'Arrays must not be empty: omit the property instead', path));
    checkNulls(value, partner, path, result.structure);
    for (let i = 0; i < value.length; i++) {
      // A null in place of a complex value also lacks its required children (medplum reported both).
      const nullType = value[i] === null && !element.primitive ? this.types.get(element.type) : undefined;
      if (nullType) checkRequired({}, nullType, `${path}[${i}]`, result.structure);
      else this.value(value[i], element, `${path}[${i}]`, env, result, true);
    }
  }

  private value(value: unknown, element: ElementInfo, path: string, env: WalkEnv, result: WalkResult, inArray = false): void {
    if (value === null || value === undefined) return;
    if (element.binding) checkBinding(element.binding, value, path, result.issues);
    if (element.primitive) {
      const expected = jsonType(element.type);
      if (typeof value !== expected) {
        malformed(result, `Expected a JSON ${expected} for ${element.type}, not ${Array.isArray(value) ? 'an array' : typeof value}`, path);
        return;
      }
      if (value === '') {
        // Every string-based R4 primitive's regex needs a character; medplum lets '' through.
        result.issues.push(issue('value', `An empty string is not a valid ${element.type}: omit the property instead`, path));
        return;
      }
      this.formats.check(value as string | number | boolean, element.type, path, result.structure);
      if (typeof value === 'string' && CALENDAR_TYPES.has(element.type) && !isRealDay(value)) {
        result.issues.push(issue('value', `${value.slice(0, 40)} is not a day of the calendar`, path));
      }
      if (typeof value === 'string') env.refs.record(value, element.key, element.type);
      if (element.invariants.length) checkInvariants(element.invariants, value, env, path, result.issues);
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      malformed(result, `Expected a JSON object for ${element.type}`, path);
      return;
    }
    const json = value as Json;
    if (element.resource) {
      this.nestedResource(json, element, path, env, result);
      return;
    }
    if (element.targets) checkReferenceTarget(json, element, this.resourceTypes, path, result.structure);
    const type = this.types.get(element.type);
    if (!type) return;
    checkInvariants(element.invariants, json, env, path, result.issues);
    // medplum's rules, kept: `{}` in an array or for a choice is an error of its own; elsewhere it counts as absent.
    const empty = isEmptyObject(json);
    if (empty && (inArray || element.choiceOf)) result.structure.push(issue('structure', 'Invalid empty value', path));
    this.object(json, type, path, env, result, false, !empty || inArray);
  }

  /** contained[], Bundle.entry.resource, Parameters.parameter.resource, Bundle.entry.response.outcome. */
  private nestedResource(json: Json, element: ElementInfo, path: string, env: WalkEnv, result: WalkResult): void {
    const resourceType = json.resourceType;
    const allowed = element.type === 'Resource' ? this.resourceTypes.has(resourceType as string) : resourceType === element.type;
    if (typeof resourceType !== 'string' || !allowed) {
      const expected = element.type === 'Resource' ? 'a known resourceType' : `resourceType ${element.type}`;
      const problem = resourceType === undefined ? 'has no resourceType' : `has resourceType ${JSON.stringify(resourceType)} where ${expected} is expected`;
      result.issues.push(issue(resourceType === undefined ? 'required' : 'structure', `The nested resource ${problem}`, `${path}.resourceType`));
      result.malformed.push(path);
      result.unsafe.push(path);
      return;
    }
    checkInvariants(element.invariants, json, env, path, result.issues);
    // A contained resource is resolved against its container (ref-1, dom-3); any other nested resource stands alone.
    const rootResource = element.key === 'contained' ? (env.rootResource as Json) : json;
    env.refs.absorb(json, this.resource(json, path, rootResource, result));
  }

  /** `_x`: the id/extensions of primitive `x`, a single object or an array parallel to `x`. */
  private primitiveElements(obj: Json, name: string, element: ElementInfo, parentPath: string, env: WalkEnv, result: WalkResult): void {
    const jsonPath = `${parentPath}._${name}`;
    if (!element.primitive) {
      malformed(result, `_${name} is only allowed for primitive elements`, jsonPath);
      result.unsafe.push(jsonPath); // medplum would try to merge it into the value
      return;
    }
    const extras = obj[`_${name}`];
    const values = obj[name];
    if (Array.isArray(extras) !== element.array) {
      malformed(result, `_${name} must be ${element.array ? 'an array, as' : 'an object, as'} ${name} ${element.array ? 'repeats' : 'does not repeat'}`, jsonPath);
      result.unsafe.push(jsonPath);
      return;
    }
    if (Array.isArray(extras) && Array.isArray(values) && extras.length !== values.length) {
      result.issues.push(issue('structure', `_${name} must have as many entries as ${name}`, jsonPath));
    }
    if (Array.isArray(extras)) checkNulls(extras, values, jsonPath, result.structure);
    const items = Array.isArray(extras) ? extras : [extras];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item === null && Array.isArray(extras)) continue; // a value without id/extensions (checkNulls judges it from x)
      // FHIRPath sees the id and extensions as children of the primitive itself: Patient.birthDate.extension[0].
      const suffix = Array.isArray(extras) ? `[${i}]` : '';
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        malformed(result, `_${name} must hold objects with id and extension`, `${parentPath}.${name}${suffix}`);
        result.unsafe.push(`${jsonPath}${suffix}`);
        continue;
      }
      const value = Array.isArray(extras) ? (Array.isArray(values) ? values[i] : undefined) : values;
      this.object(item as Json, this.elementType, `${parentPath}.${name}${suffix}`, env, result, value !== undefined && value !== null);
    }
  }
}

function malformed(result: WalkResult, diagnostics: string, path: string): void {
  result.issues.push(issue('structure', diagnostics, path));
  result.malformed.push(path);
}

/** The JSON type of a FHIR primitive (json.html#primitive): decimals and integers are numbers, the rest strings or booleans. */
function jsonType(type: string): string {
  return (fhirTypeToJsType as Record<string, string>)[type] ?? 'string';
}
