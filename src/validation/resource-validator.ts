// Resource validation on every write: https://hl7.org/fhir/R4/validation.html
// The base definitions are checked in one walk of the resource (resource-walker.ts: structure,
// cardinality, value domains, bindings, invariants, JSON rules); then each profile the resource claims in
// meta.profile that the ProfileRegistry knows, with @medplum/core (structure.ts), which handles slicing
// and fixed/pattern values. Everything is built once in the constructor: validate() only walks the data.
import type { OperationOutcomeIssue } from 'fhir/r4';
import { loadR4Definitions, type R4Definitions } from '../fhir/definitions/r4';
import { issue } from '../fhir/outcome';
import { InvariantCompiler } from './invariants';
import { PrimitiveFormats } from './primitive-formats';
import type { ProfileRegistry } from './profile-registry';
import { ResourceWalker } from './resource-walker';
import { underMalformed, validateStructure, type StructureOptions } from './structure';
import { TypeIndex, type TypeInfo } from './type-index';
import { ValueSetIndex } from './value-sets';

type Json = Record<string, unknown>;

export class ResourceValidator {
  private readonly resourceTypes: ReadonlySet<string>;
  private readonly baseInvariants: ReadonlySet<string>;
  private readonly walker: ResourceWalker;
  /** The elements of a type by JSON key, as validation knows them (FHIRPath Patch places values with it). */
  readonly elementsOf: (type: string) => TypeInfo['elements'] | undefined;

  constructor(
    private readonly profiles: ProfileRegistry,
    valueSets: ValueSetIndex = new ValueSetIndex(),
    definitions: R4Definitions = loadR4Definitions(),
  ) {
    // Parameters has no REST endpoint but is a resource (e.g. inside Bundles and $operation bodies).
    this.resourceTypes = new Set([...definitions.resourceTypes, 'Parameters']);
    const types = new TypeIndex(valueSets, new InvariantCompiler());
    this.baseInvariants = types.baseInvariants;
    this.elementsOf = (type) => types.get(type)?.elements;
    this.walker = new ResourceWalker(types, this.resourceTypes, new PrimitiveFormats(definitions.structureDefinitions));
  }

  /**
   * Every issue found in `resource` (errors, and warnings such as an unknown profile); none means valid.
   * `expectedType` is the type the interaction is about (the `[type]` of the URL), when there is one.
   */
  validate(resource: unknown, expectedType?: string): OperationOutcomeIssue[] {
    if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) {
      return [issue('structure', 'A resource must be a JSON object')];
    }
    const json = resource as Json;
    const { resourceType } = json;
    if (resourceType === undefined) return [issue('required', 'The resource has no resourceType', 'resourceType')];
    if (typeof resourceType !== 'string') return [issue('structure', 'resourceType must be a string', 'resourceType')];
    if (!this.resourceTypes.has(resourceType)) return [issue('structure', `Unknown resource type ${JSON.stringify(resourceType)}`, 'resourceType')];
    const issues: OperationOutcomeIssue[] = [];
    if (expectedType !== undefined && resourceType !== expectedType) {
      // The content is still checked: the client gets everything to fix in one answer.
      issues.push(issue('invalid', `Expected resourceType ${expectedType} but got ${resourceType}`, 'resourceType'));
    }
    const walk = this.walker.walk(json);
    const common: StructureOptions = { resourceTypes: this.resourceTypes, baseInvariants: this.baseInvariants, malformed: walk.malformed, unsafe: walk.unsafe };
    // Under a value already reported as malformed JSON, structural findings are noise (a string given for an
    // array is not also "whitespace"), as they were when medplum reported them.
    const structure = walk.malformed.length ? walk.structure.filter((found) => !underMalformed(found, walk.malformed)) : walk.structure;
    issues.push(...structure, ...walk.issues);
    issues.push(...this.profileIssues(json, resourceType, issues, common));
    return distinct(withoutConsequences(issues));
  }

  /**
   * meta.profile: https://hl7.org/fhir/R4/resource.html#profile (a claim we check when we know the profile).
   * Only the resource written is checked against its profiles, not the resources nested in it: a
   * transaction validates each entry on its own.
   */
  private profileIssues(json: Json, resourceType: string, found: readonly OperationOutcomeIssue[], common: StructureOptions): OperationOutcomeIssue[] {
    const claimed = (json.meta as Json | undefined)?.profile;
    if (!Array.isArray(claimed)) return [];
    const seen = new Set(found.map(signature));
    const issues: OperationOutcomeIssue[] = [];
    claimed.forEach((canonical, i) => {
      const expression = `${resourceType}.meta.profile[${i}]`;
      // The base definition of the type is always met once the base validation passes.
      if (typeof canonical !== 'string' || canonical === `http://hl7.org/fhir/StructureDefinition/${resourceType}`) return;
      const profile = this.profiles.get(canonical);
      if (!profile) {
        issues.push(issue('not-supported', `Profile ${canonical} is not known here; only the base ${resourceType} definition was checked`, expression, 'warning'));
      } else if (profile.type !== resourceType) {
        issues.push(issue('invalid', `Profile ${canonical} constrains ${profile.type}, not ${resourceType}`, expression));
      } else {
        for (const found of validateStructure(json, { ...common, profile: this.profiles.validationView(profile) })) {
          // The profile repeats the base rules: report only what it adds.
          if (!seen.has(signature(found))) issues.push({ ...found, diagnostics: `Profile ${canonical}: ${found.diagnostics}` });
        }
      }
    });
    return issues;
  }
}

function signature(found: OperationOutcomeIssue): string {
  return `${found.severity}|${found.code}|${found.expression?.[0] ?? ''}|${found.diagnostics ?? ''}`;
}

/**
 * An invariant that could not be evaluated because a value inside its node is already reported (a date
 * that is not a date under per-1 …) adds nothing: the client fixes the value and the invariant runs.
 */
function withoutConsequences(issues: OperationOutcomeIssue[]): OperationOutcomeIssue[] {
  const unevaluated = (i: OperationOutcomeIssue) => i.code === 'invariant' && / could not be evaluated /.test(i.diagnostics ?? '');
  const located = issues.filter((i) => !unevaluated(i)).map((i) => i.expression?.[0] ?? '');
  const explained = (node: string) => located.some((path) => path.startsWith(`${node}.`) || path.startsWith(`${node}[`));
  return issues.filter((i) => !unevaluated(i) || !explained(i.expression?.[0] ?? ''));
}

/** The same finding can come twice (from medplum and from the walk, or from two profiles): report it once. */
function distinct(issues: OperationOutcomeIssue[]): OperationOutcomeIssue[] {
  const seen = new Set<string>();
  return issues.filter((found) => {
    const key = signature(found);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
