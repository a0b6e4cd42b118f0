// What the walker needs per FHIR type, precomputed once: https://hl7.org/fhir/R4/json.html#xml
// Keys are JSON property names, so choice elements are expanded (`value[x]` → `valueQuantity` …) and a
// lookup during validation is one Map.get. Built from @medplum/core's parsed R4 schemas (the official
// StructureDefinitions), which profile validation uses too, so both agree on what each property is.
import { getAllDataTypes, isPrimitiveType, type DataTypesMap, type InternalSchemaElement } from '@medplum/core';
import { propertyName } from '../fhir/definitions/r4';
import { mergeInvariants, type Invariant, type InvariantCompiler } from './invariants';
import { requiredBinding, type RequiredBinding } from './required-bindings';
import type { ValueSetIndex } from './value-sets';

export interface ElementInfo {
  /** The JSON property name, e.g. `valueQuantity`. */
  readonly key: string;
  /** The type code, or the backbone type name medplum gives it (`PatientContact`); `Resource` for nested resources. */
  readonly type: string;
  readonly primitive: boolean;
  /** A nested resource: `Resource` (contained, Bundle.entry.resource) or one type (Bundle.entry.response.outcome). */
  readonly resource: boolean;
  readonly array: boolean;
  /** For choice elements, the element name without `[x]` (`value`), to detect two choices at once. */
  readonly choiceOf?: string;
  readonly binding?: RequiredBinding;
  /** Invariants of the element and of its type (per-1 on every Period …), merged by key. */
  readonly invariants: readonly Invariant[];
  /** For a Reference, the resource types it may point to; undefined when any (or a non-core profile) is allowed. */
  readonly targets?: readonly string[];
}

/** An element with min 1 (validation.html#cardinality); a choice is present under any of its keys. */
export interface RequiredElement {
  /** The element name as the definitions spell it (`value[x]`), for the expression of the issue. */
  readonly name: string;
  readonly keys: readonly string[];
}

export interface TypeInfo {
  readonly name: string;
  readonly elements: ReadonlyMap<string, ElementInfo>;
  /** The type's own invariants: for resources, dom-2…dom-5 and the resource's rules (obs-6 …). */
  readonly invariants: readonly Invariant[];
  readonly required: readonly RequiredElement[];
}

/** Types a profile may put in place of the base type of an element (`Quantity` with the SimpleQuantity profile). */
const PROFILED_TYPES: Record<string, string> = {
  'http://hl7.org/fhir/StructureDefinition/SimpleQuantity': 'SimpleQuantity',
  'http://hl7.org/fhir/StructureDefinition/MoneyQuantity': 'MoneyQuantity',
};

export class TypeIndex {
  private readonly types = new Map<string, TypeInfo>();
  /** Keys and expressions of every invariant of the base definitions (to recognise them in medplum's output). */
  readonly baseInvariants = new Set<string>();

  constructor(valueSets: ValueSetIndex, compiler: InvariantCompiler) {
    const schemas = getAllDataTypes();
    const rootInvariants = new Map<string, Invariant[]>();
    for (const [name, schema] of Object.entries(schemas)) {
      rootInvariants.set(name, compiler.compile(schema.constraints, schema.path));
      for (const constraint of [schema.constraints ?? [], ...Object.values(schema.elements).map((e) => e.constraints ?? [])].flat()) {
        this.baseInvariants.add(constraint.key).add(constraint.expression);
      }
    }
    for (const [name, schema] of Object.entries(schemas)) {
      if (isPrimitiveType(name)) continue;
      const elements = new Map<string, ElementInfo>();
      const required: RequiredElement[] = [];
      for (const [elementKey, element] of Object.entries(schema.elements)) {
        // Profiles' dotted paths (`identifier.system`) never occur in base schemas, but be safe.
        if (elementKey.includes('.')) continue;
        const infos = elementInfos(elementKey, element, valueSets, compiler, rootInvariants, schemas);
        for (const info of infos) elements.set(info.key, info);
        if (element.min > 0) required.push({ name: elementKey, keys: infos.map((info) => info.key) });
      }
      this.types.set(name, { name, elements, invariants: rootInvariants.get(name) ?? [], required });
    }
  }

  get(type: string): TypeInfo | undefined {
    return this.types.get(type);
  }
}

function elementInfos(
  elementKey: string,
  element: InternalSchemaElement,
  valueSets: ValueSetIndex,
  compiler: InvariantCompiler,
  rootInvariants: ReadonlyMap<string, Invariant[]>,
  schemas: DataTypesMap,
): ElementInfo[] {
  const choiceOf = elementKey.endsWith('[x]') ? elementKey.slice(0, -3) : undefined;
  const hasComplexChoice = element.type.some(({ code }) => !isPrimitiveType(code));
  return element.type.map(({ code, profile, targetProfile }) => {
    const resource = code === 'Resource' || schemas[code]?.kind === 'resource';
    // A nested resource's own invariants are checked when the walker enters it as a resource.
    let typeInvariants = resource ? [] : (rootInvariants.get(code) ?? []);
    for (const url of profile ?? []) {
      const profiled = PROFILED_TYPES[url];
      if (profiled) typeInvariants = mergeInvariants(typeInvariants, rootInvariants.get(profiled) ?? []);
    }
    // Snapshots repeat the type's invariants on each element (ext-1 on every extension): compile the rest only.
    const known = new Set(typeInvariants.map((i) => i.key));
    // A choice element's invariants are written for its complex types (ras-1 reads probabilityRange.low);
    // on a primitive choice they do not apply (and fhirpath.js cannot start from a decimal).
    const own = choiceOf && hasComplexChoice && isPrimitiveType(code) ? [] : element.constraints?.filter((c) => !known.has(c.key));
    // fhirpath.js knows choice elements by their name without `[x]`.
    const elementInvariants = compiler.compile(own, element.path.replace('[x]', ''));
    return {
      key: propertyName(elementKey, code),
      type: code,
      primitive: isPrimitiveType(code),
      resource,
      array: element.isArray === true,
      choiceOf,
      binding: requiredBinding(element.binding, code, valueSets),
      invariants: mergeInvariants(typeInvariants, elementInvariants),
      targets: code === 'Reference' ? referenceTargets(targetProfile) : undefined,
    };
  });
}


export const CORE_PROFILE = 'http://hl7.org/fhir/StructureDefinition/';

/** The core resource types a Reference may target, or undefined when it may target any resource or another profile. */
function referenceTargets(targetProfiles: readonly string[] | undefined): string[] | undefined {
  if (!targetProfiles?.length) return undefined;
  const types = targetProfiles.map((url) => (url.startsWith(CORE_PROFILE) ? url.slice(CORE_PROFILE.length) : undefined));
  return types.some((type) => type === undefined || type === 'Resource') ? undefined : (types as string[]);
}
