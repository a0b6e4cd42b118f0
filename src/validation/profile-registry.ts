// Profiles (constraint StructureDefinitions) by canonical URL: https://hl7.org/fhir/R4/profiling.html
// Loaded from fhir-profiles/StructureDefinition/ at boot and registered at run time when a client writes
// a constraint StructureDefinition. Each is parsed and indexed in @medplum/core when it is registered, so
// that a profile medplum cannot use is refused then rather than failing every later write that claims it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataType, parseStructureDefinition } from '@medplum/core';
import type { OperationOutcomeIssue, StructureDefinition } from 'fhir/r4';
import { loadR4Definitions, type R4Definitions } from '../fhir/definitions/r4';
import { regexCheck } from '../fhir/fhirpath';
import { hasErrors, issue } from '../fhir/outcome';

/** Canonicals under which medplum keeps base types (`…/StructureDefinition/Patient`, SimpleQuantity …). */
const BASE_TYPE_URL = /^https?:\/\/(?:hl7\.org\/fhir|medplum\.com\/fhir|hl7\.org\/fhir\/uv\/sql-on-fhir)\/StructureDefinition\/([^/]+)$/;

export class ProfileRegistry {
  private readonly byCanonical = new Map<string, StructureDefinition>();
  private readonly views = new WeakMap<StructureDefinition, StructureDefinition>();

  /** Keys of the invariants of the base definitions, which the base validation evaluates already. */
  private readonly baseInvariantKeys: ReadonlySet<string>;
  /** The base invariants as key and expression: those a profile repeats unchanged are the specification's own. */
  private readonly baseInvariants: ReadonlySet<string>;

  /** The base definitions must be indexed in medplum before any profile on them. */
  constructor(private readonly definitions: R4Definitions = loadR4Definitions()) {
    const elements = [...definitions.structureDefinitions.values()].flatMap((sd) => sd.snapshot?.element ?? []);
    const constraints = elements.flatMap((e) => e.constraint ?? []);
    this.baseInvariantKeys = new Set(constraints.map((c) => c.key));
    this.baseInvariants = new Set(constraints.map((c) => `${c.key}\u0000${c.expression}`));
  }

  /**
   * Loads `<dir>/StructureDefinition/*.json` (none if that folder is absent); throws when `dir` does not
   * exist or listing every file that cannot be registered, so that a bad profile stops the boot.
   */
  static fromFolder(dir: string, definitions: R4Definitions = loadR4Definitions()): ProfileRegistry {
    const registry = new ProfileRegistry(definitions);
    if (!existsSync(dir)) throw new Error(`Profile folder ${dir} does not exist`);
    const folder = join(dir, 'StructureDefinition');
    const files = (existsSync(folder) ? readdirSync(folder) : []).filter((file) => file.endsWith('.json')).sort();
    const problems: string[] = [];
    for (const file of files) {
      const sd = JSON.parse(readFileSync(join(folder, file), 'utf8')) as StructureDefinition;
      const issues = registry.register(sd);
      if (hasErrors(issues)) problems.push(`${file}: ${issues.map((i) => i.diagnostics).join('; ')}`);
    }
    if (problems.length) throw new Error(`Invalid profiles in ${folder}:\n${problems.join('\n')}`);
    return registry;
  }

  /**
   * Registers a constraint profile under its `url` and `url|version`, replacing an earlier one.
   * Returns the reasons it was refused (errors), or nothing when it was registered.
   */
  register(sd: StructureDefinition): OperationOutcomeIssue[] {
    const problems = [...refusal(sd, this.definitions), ...this.unsafeInvariants(sd)];
    if (problems.length) return problems;
    try {
      parseStructureDefinition(sd as never); // throws on what medplum cannot validate (e.g. some slicing)
      loadDataType(sd as never);
    } catch (error) {
      return [issue('not-supported', `Profile ${sd.url} cannot be used for validation: ${(error as Error).message}`, 'StructureDefinition')];
    }
    this.byCanonical.set(sd.url, sd);
    if (sd.version) this.byCanonical.set(`${sd.url}|${sd.version}`, sd);
    this.views.set(sd, changesOnly(sd, this.baseInvariantKeys));
    return [];
  }

  /** The profile's own invariants would run on every resource that claims it: their regular expressions must be safe. */
  private unsafeInvariants(sd: StructureDefinition): OperationOutcomeIssue[] {
    const unsafeRegex = regexCheck();
    return (sd?.snapshot?.element ?? []).flatMap((element, i) =>
      (element.constraint ?? []).flatMap((c, j) => {
        const unsafe = this.baseInvariants.has(`${c.key}\u0000${c.expression}`) ? undefined : unsafeRegex(c.expression ?? '');
        return unsafe ? [issue('not-supported', `Invariant ${c.key}: ${unsafe}`, `StructureDefinition.snapshot.element[${i}].constraint[${j}].expression`)] : [];
      }),
    );
  }

  /** The profile for a `meta.profile` canonical (`url` or `url|version`). */
  get(canonical: string): StructureDefinition | undefined {
    return this.byCanonical.get(canonical);
  }

  /**
   * What to hand medplum to check `profile` on top of the base validation: the profile with a snapshot
   * reduced to the elements its differential changes and their parents, and to the invariants it adds.
   * medplum parses the profile on every call (1.3 ms for the 53 elements of ignis-patient, 0.16 ms for
   * the 6 that remain), and the base rules are checked already.
   */
  validationView(profile: StructureDefinition): StructureDefinition {
    return this.views.get(profile) ?? profile;
  }

  /** Every registered canonical URL (without versions), sorted. */
  urls(): string[] {
    return [...new Set([...this.byCanonical.values()].map((sd) => sd.url))].sort();
  }
}

function changesOnly(sd: StructureDefinition, baseInvariantKeys: ReadonlySet<string>): StructureDefinition {
  const changed = (sd.differential?.element ?? []).map((e) => e.id ?? e.path);
  if (!changed.length || !sd.snapshot) return sd;
  const isChangedOrParent = (id: string) => changed.some((c) => c === id || c.startsWith(`${id}.`) || c.startsWith(`${id}:`));
  const [root, ...rest] = sd.snapshot.element;
  const element = [root, ...rest.filter((e) => isChangedOrParent(e.id ?? e.path))].map((e) => ({
    ...e,
    constraint: e.constraint?.filter((c) => !baseInvariantKeys.has(c.key)),
  }));
  return { ...sd, snapshot: { element } };
}

function replacesBaseType(sd: StructureDefinition, definitions: R4Definitions): boolean {
  const name = BASE_TYPE_URL.exec(sd.url)?.[1];
  return name !== undefined && (definitions.structureDefinitions.has(name) || name === 'ViewDefinition');
}

function refusal(sd: StructureDefinition, definitions: R4Definitions): OperationOutcomeIssue[] {
  if (sd?.resourceType !== 'StructureDefinition') return [issue('invalid', 'A profile must be a StructureDefinition', 'resourceType')];
  const issues: OperationOutcomeIssue[] = [];
  if (!sd.url) issues.push(issue('required', 'A profile needs a canonical url', 'StructureDefinition.url'));
  else if (replacesBaseType(sd, definitions)) {
    // medplum indexes these as the type itself: registering one would change every later validation.
    issues.push(issue('not-supported', `${sd.url} is the canonical of a base type, which cannot be replaced`, 'StructureDefinition.url'));
  }
  if (!definitions.structureDefinitions.has(sd.type)) {
    issues.push(issue('not-supported', `A profile must constrain an R4 type, not ${JSON.stringify(sd.type)}`, 'StructureDefinition.type'));
  }
  if (sd.derivation !== 'constraint') {
    issues.push(issue('not-supported', 'Only constraint profiles (derivation = constraint) can be registered; new types cannot', 'StructureDefinition.derivation'));
  }
  if (!sd.snapshot?.element?.length) {
    issues.push(issue('required', 'A snapshot is required: Ignis does not generate snapshots from differentials yet', 'StructureDefinition.snapshot'));
  } else if (sd.snapshot.element[0].path !== sd.type) {
    issues.push(issue('invalid', `The snapshot must start with the element ${sd.type}`, 'StructureDefinition.snapshot.element[0].path'));
  }
  return issues;
}
