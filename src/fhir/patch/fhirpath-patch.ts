// FHIRPath Patch: a Parameters resource of add | insert | delete | replace | move operations whose paths are
// FHIRPath expressions (https://hl7.org/fhir/R4/fhirpatch.html). fhirpath.js selects the elements; this file
// only edits the JSON at the places it selected, typed by the element definitions (`ElementsOf`).
import type { Parameters, ParametersParameter, Resource } from 'fhir/r4';
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4';
import { REGEX_FUNCTION } from '../fhirpath';
import { invalid } from '../outcome';
import { isObject } from '../resource';
import { buildFromParts, elementNamed, fail, fits, readValue, type ElementsOf, type PatchElement, type PatchValue } from './patch-values';

type Json = Record<string, unknown>;
const OPERATION_TYPES = ['add', 'insert', 'delete', 'replace', 'move'] as const;
type OperationType = (typeof OPERATION_TYPES)[number];

/** The parts an operation type requires (fhirpatch.html, the table of operations). */
const REQUIRED: Record<OperationType, readonly string[]> = {
  add: ['path', 'name', 'value'],
  insert: ['path', 'value', 'index'],
  delete: ['path'],
  replace: ['path', 'value'],
  move: ['path', 'source', 'destination'],
};
const PART_NAMES = new Set(['type', 'path', 'name', 'value', 'index', 'source', 'destination']);

interface PatchOperation {
  readonly type: OperationType;
  readonly path: string;
  readonly parts: ReadonlyMap<string, ParametersParameter>;
  /** `Parameters.parameter[i]`, for the expression of issues. */
  readonly at: string;
}

/** One element fhirpath.js selected: its JSON parent, property and position (fhirpath.js's ResourceNode). */
interface SelectedNode {
  readonly data: unknown;
  /** For a primitive value, its `_x` object (id and extensions), when it has one. */
  readonly _data: unknown;
  readonly parentResNode: SelectedNode | null;
  readonly propName: string | null;
  readonly index: number | null;
  readonly fhirNodeDataType: string | null;
}

/** An element as a holder of children: its JSON object and type; a primitive's children live in its `_x` (an Element). */
interface Holder {
  readonly data: Json;
  readonly type: string;
}

/** Where a selected element sits: `parent[key]`, or `parent[key][index]` in a list. */
interface Place {
  readonly parent: Json;
  readonly parentType: string;
  readonly key: string;
  readonly index: number | null;
  readonly element: PatchElement;
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Reads the operations of a FHIRPath Patch; a malformed document is a 400 naming the faulty parameter. */
export function parseFhirPathPatch(body: Parameters): PatchOperation[] {
  if (!Array.isArray(body.parameter) || body.parameter.length === 0) throw invalid('A FHIRPath Patch has at least one operation parameter', 'Parameters.parameter');
  return body.parameter.map((parameter, i) => {
    const at = `Parameters.parameter[${i}]`;
    if (parameter?.name !== 'operation' || !Array.isArray(parameter.part)) throw invalid(`Parameter ${i} must be an 'operation' with parts`, `${at}.name`);
    const parts = new Map<string, ParametersParameter>();
    parameter.part.forEach((part, j) => {
      if (!PART_NAMES.has(part?.name)) throw invalid(`Part ${j} of operation ${i} has an unknown name`, `${at}.part[${j}].name`);
      if (parts.has(part.name)) throw invalid(`Operation ${i} has '${part.name}' twice`, `${at}.part[${j}]`);
      parts.set(part.name, part);
    });
    const type = parts.get('type')?.valueCode as OperationType | undefined;
    if (!type || !OPERATION_TYPES.includes(type)) throw invalid(`Operation ${i} needs a type: ${OPERATION_TYPES.join(' | ')}`, `${at}.part(type)`);
    for (const name of REQUIRED[type]) if (!parts.has(name)) throw invalid(`Operation ${i} (${type}) needs a '${name}' part`, `${at}.part`);
    for (const name of ['path', 'name']) {
      if (parts.has(name) && typeof parts.get(name)?.valueString !== 'string') throw invalid(`The '${name}' of operation ${i} is a valueString`, `${at}.part(${name})`);
    }
    const path = parts.get('path')?.valueString as string;
    // A path is request text: it may not run a regular expression at all (fhirpath.ts, regexCheck).
    if (REGEX_FUNCTION.test(path)) throw invalid(`The path of operation ${i} calls matches() or replaceMatches(), which patch paths may not use`, `${at}.part(path)`);
    for (const name of ['index', 'source', 'destination']) {
      const n = parts.get(name)?.valueInteger;
      if (parts.has(name) && !(Number.isInteger(n) && (n as number) >= 0)) throw invalid(`The '${name}' of operation ${i} is a valueInteger ≥ 0`, `${at}.part(${name})`);
    }
    return { type, path, parts, at };
  });
}

/** Applies the operations in order to `resource` (in place); an operation that cannot apply is a 422. */
export function applyFhirPathPatch(resource: Resource, operations: readonly PatchOperation[], elementsOf: ElementsOf): void {
  const patcher = new Patcher(resource, elementsOf);
  for (const op of operations) patcher[op.type](op);
}

class Patcher {
  constructor(
    private readonly resource: Resource,
    private readonly elementsOf: ElementsOf,
  ) {}

  add(op: PatchOperation): void {
    const { data: parent, type: targetType } = this.holder(this.single(op), op, true);
    const value = this.value(op);
    const element = this.element(targetType, this.name(op), value.type, op);
    const json = this.build(value, element, op);
    if (element.array) {
      if (parent[element.key] !== undefined && !Array.isArray(parent[element.key])) throw fail(`'${element.key}' is not a list`, `${op.at}.part(name)`);
      const list = ((parent[element.key] as unknown[] | undefined) ?? (parent[element.key] = []) as unknown[]);
      list.push(json);
      const extensions = parent[`_${element.key}`];
      if (Array.isArray(extensions)) extensions.push(null);
      return;
    }
    const siblings = this.elementsOf(targetType);
    const taken = Object.keys(parent).find((key) => parent[key] !== undefined && (key === element.key || (element.choiceOf !== undefined && siblings?.get(key)?.choiceOf === element.choiceOf)));
    if (taken) throw fail(`'${op.path}' already has '${taken}'; use replace`, `${op.at}.part(name)`);
    parent[element.key] = json;
  }

  insert(op: PatchOperation): void {
    const value = this.value(op);
    const { parent, element } = this.list(op, value.type);
    const list = ((parent[element.key] as unknown[] | undefined) ?? []) as unknown[];
    const index = op.parts.get('index')?.valueInteger as number;
    if (index > list.length) throw fail(`index ${index} is beyond the ${list.length} items of '${op.path}'`, `${op.at}.part(index)`);
    list.splice(index, 0, this.build(value, element, op));
    parent[element.key] = list;
    const extensions = parent[`_${element.key}`];
    if (Array.isArray(extensions)) extensions.splice(index, 0, null);
  }

  delete(op: PatchOperation): void {
    const nodes = this.select(op);
    if (nodes.length === 0) return;
    if (nodes.length > 1) throw fail(`'${op.path}' matches ${nodes.length} elements; delete removes one`, `${op.at}.part(path)`);
    const { parent, key, index } = this.place(nodes[0], op);
    remove(parent, key, index);
    // A primitive left with no id or extension loses its `_x` too (an empty object is not valid FHIR JSON).
    const owner = nodes[0].parentResNode as SelectedNode;
    if (!isObject(owner.data) && Object.keys(parent).length === 0) {
      const at = this.place(owner, op);
      if (at.index === null) delete at.parent[`_${at.key}`];
      else clearExtensions(at.parent, at.key, at.index);
    }
  }

  replace(op: PatchOperation): void {
    const place = this.place(this.single(op), op);
    const value = this.value(op);
    const { parent, key, index } = place;
    // A choice may change its type (valueQuantity → valueString): the element is looked up by its name.
    const element = this.element(place.parentType, place.element.choiceOf ?? key, value.type, op);
    const json = this.build(value, element, op);
    if (index !== null) {
      (parent[key] as unknown[])[index] = json;
      clearExtensions(parent, key, index);
      return;
    }
    delete parent[key];
    delete parent[`_${key}`];
    parent[element.key] = json;
  }

  move(op: PatchOperation): void {
    const { parent, element } = this.list(op);
    const list = parent[element.key] as unknown[];
    const [source, destination] = ['source', 'destination'].map((name) => {
      const n = op.parts.get(name)?.valueInteger as number;
      if (n >= list.length) throw fail(`${name} ${n} is beyond the ${list.length} items of '${op.path}'`, `${op.at}.part(${name})`);
      return n;
    });
    for (const k of [element.key, `_${element.key}`]) {
      const items = parent[k];
      if (Array.isArray(items)) items.splice(destination, 0, ...items.splice(source, 1));
    }
  }

  /** The elements `op.path` selects, each checked to be part of the resource being patched. */
  private select(op: PatchOperation): SelectedNode[] {
    let found: unknown[];
    try {
      found = fhirpath.evaluate(this.resource, op.path, undefined, r4Model, { resolveInternalTypes: false }) as unknown[];
    } catch (error) {
      throw invalid(`'${op.path}' is not a FHIRPath expression fhirpath.js can evaluate: ${(error as Error).message.slice(0, 200)}`, `${op.at}.part(path)`);
    }
    return found.map((node) => {
      let top = node as SelectedNode;
      while (isObject(top) && 'parentResNode' in top && top.parentResNode) top = top.parentResNode;
      // Values computed by the expression (literals, counts) or reached through resolve() are not the resource's.
      if (!isObject(node) || !('parentResNode' in node) || top.data !== this.resource) {
        throw fail(`'${op.path}' must select elements of the resource being patched`, `${op.at}.part(path)`);
      }
      return node as unknown as SelectedNode;
    });
  }

  private single(op: PatchOperation): SelectedNode {
    const nodes = this.select(op);
    if (nodes.length !== 1) throw fail(`'${op.path}' matches ${nodes.length} elements; ${op.type} needs exactly one`, `${op.at}.part(path)`);
    return nodes[0];
  }

  /** The list `op.path` names: the list its matches sit in, or, when it matches nothing, `parent.name` made empty. */
  private list(op: PatchOperation, valueType?: string): Place {
    const nodes = this.select(op);
    if (nodes.length === 0) {
      const member = /^(.+)\.([A-Za-z][A-Za-z0-9]*)$/.exec(op.path);
      if (!member || op.type === 'move') throw fail(`'${op.path}' matches no list`, `${op.at}.part(path)`);
      const parent = this.single({ ...op, path: member[1] });
      if (!isObject(parent.data)) throw fail(`'${member[1]}' is not an element`, `${op.at}.part(path)`);
      const parentType = this.typeOf(parent);
      const element = this.element(parentType, member[2], valueType, op);
      if (!element.array) throw fail(`'${op.path}' is not a list`, `${op.at}.part(path)`);
      return { parent: parent.data, parentType, key: element.key, index: null, element };
    }
    const places = nodes.map((node) => this.place(node, op));
    const [first] = places;
    if (first.index === null || places.some((p) => p.parent !== first.parent || p.key !== first.key)) throw fail(`'${op.path}' is not a list`, `${op.at}.part(path)`);
    return valueType === undefined ? first : { ...first, element: this.element(first.parentType, first.key, valueType, op) };
  }

  /** The JSON place of a selected element. */
  private place(node: SelectedNode, op: PatchOperation): Place {
    const parentNode = node.parentResNode;
    if (!parentNode || node.propName === null) throw fail(`'${op.path}' selects the resource itself`, `${op.at}.part(path)`);
    const { data: parent, type: parentType } = this.holder(parentNode, op, false);
    const element = this.elementsOf(parentType)?.get(this.keyOf(node, parent));
    if (!element) throw fail(`'${op.path}' selects an element Ignis cannot place`, `${op.at}.part(path)`);
    return { parent, parentType, key: element.key, index: node.index, element };
  }

  /** The JSON key of a selected element: its name, or for a choice its name and type (`value` → `valueQuantity`). */
  private keyOf(node: SelectedNode, parent: Json): string {
    const name = node.propName as string;
    return name in parent || `_${name}` in parent ? name : name + upperFirst(node.fhirNodeDataType ?? '');
  }

  /** The FHIR type of a selected element, from its resource down through the element definitions. */
  private typeOf(node: SelectedNode): string {
    const data = node.data as Json;
    if (isObject(data) && typeof data.resourceType === 'string') return data.resourceType;
    const holder = node.parentResNode && this.existingHolder(node.parentResNode);
    if (!holder) return node.fhirNodeDataType ?? '';
    return this.elementsOf(holder.type)?.get(this.keyOf(node, holder.data))?.type ?? node.fhirNodeDataType ?? '';
  }

  /** The object holding `node`'s children: its own, or for a primitive value its `_x` (an Element), if it has one. */
  private existingHolder(node: SelectedNode): Holder | undefined {
    if (isObject(node.data)) return { data: node.data, type: this.typeOf(node) };
    return isObject(node._data) ? { data: node._data, type: 'Element' } : undefined;
  }

  /**
   * Where the children of `node` go (existingHolder), made for a primitive value when `create` (adding an extension
   * to `birthDate` writes `_birthDate.extension`, json.html#primitive).
   */
  private holder(node: SelectedNode, op: PatchOperation, create: boolean): Holder {
    const existing = this.existingHolder(node);
    if (existing) return existing;
    if (!create || node.parentResNode === null || typeof node.data === 'object') throw fail(`'${op.path}' selects no element that can hold children`, `${op.at}.part(path)`);
    const { parent, key, index } = this.place(node, op);
    const data: Json = {};
    if (index === null) parent[`_${key}`] = data;
    else {
      const list = Array.isArray(parent[`_${key}`]) ? (parent[`_${key}`] as unknown[]) : (parent[key] as unknown[]).map(() => null);
      list[index] = data;
      parent[`_${key}`] = list;
    }
    return { data, type: 'Element' };
  }

  /** The element `name` of `type` that a value of `valueType` fills (for a choice, the matching `name[x]` type). */
  private element(type: string, name: string, valueType: string | undefined, op: PatchOperation): PatchElement {
    const elements = this.elementsOf(type);
    const element = elementNamed(elements, name, valueType);
    if (!element) {
      const choice = [...(elements?.values() ?? [])].some((e) => e.choiceOf === name);
      throw fail(choice ? `${type}.${name}[x] cannot be a ${valueType}` : `${type} has no element '${name}'`, `${op.at}.part(${op.type === 'add' ? 'name' : 'path'})`);
    }
    if (!fits(element, valueType)) throw fail(`${type}.${name} is a ${element.type}; the value is a ${valueType}`, `${op.at}.part(value)`);
    return element;
  }

  private name(op: PatchOperation): string {
    return op.parts.get('name')?.valueString as string;
  }

  private value(op: PatchOperation): PatchValue {
    return readValue(op.parts.get('value') as ParametersParameter, `${op.at}.part(value)`, this.elementsOf);
  }

  /** The JSON to place for an element: the value as given, or an object built from its parts. */
  private build(value: PatchValue, element: PatchElement, op: PatchOperation): unknown {
    if (!value.parts) return value.json;
    return buildFromParts(value.parts, element.type, `${op.at}.part(value)`, this.elementsOf);
  }
}

/** Removes `parent[key]` (or its item `index`) with the matching `_key` entry; an emptied list goes. */
function remove(parent: Json, key: string, index: number | null): void {
  if (index === null) {
    delete parent[key];
    delete parent[`_${key}`];
    return;
  }
  for (const k of [key, `_${key}`]) {
    const list = parent[k];
    if (!Array.isArray(list)) continue;
    list.splice(index, 1);
    if (list.every((x) => x === null)) delete parent[k];
  }
}

/** Drops the id/extensions of item `index` of a primitive list (`_given[1]`), and `_given` when none are left. */
function clearExtensions(parent: Json, key: string, index: number): void {
  const list = parent[`_${key}`];
  if (!Array.isArray(list)) return;
  list[index] = null;
  if (list.every((x) => x === null)) delete parent[`_${key}`];
}
