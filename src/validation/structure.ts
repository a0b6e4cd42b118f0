// Profiles named in meta.profile: https://hl7.org/fhir/R4/validation.html#profile
// @medplum/core's validator checks a resource against a profile (cardinality, types, formats, fixed/pattern
// values, slices); the base definitions are checked by resource-walker.ts. This file runs it and turns
// its outcome into our issue shape, correcting what it gets wrong against R4 (see the comments below).
import { OperationOutcomeError, validateResource } from '@medplum/core';
import type { OperationOutcomeIssue, StructureDefinition } from 'fhir/r4';
import { issue, type IssueCode } from '../fhir/outcome';
import { toExpression } from './medplum-paths';

/** R4's own base64Binary regex (datatypes.html#base64Binary): whitespace is allowed, medplum's regex refuses it. */
const R4_BASE64 = /^(\s*([0-9a-zA-Z+/=]){4}\s*)+$/;

export interface StructureOptions {
  readonly profile?: StructureDefinition;
  /** Paths where our own pass reported malformed JSON: medplum's issues at or under them are noise. */
  readonly malformed?: readonly string[];
  /** Paths medplum cannot process (it would throw): removed from a copy before it runs. */
  readonly unsafe?: readonly string[];
  /** Resource types, to tell a real wrong-target reference from a urn:uuid: or absolute one medplum misreads. */
  readonly resourceTypes: ReadonlySet<string>;
  /** Keys and expressions of the base invariants, which invariants.ts evaluates itself. */
  readonly baseInvariants: ReadonlySet<string>;
}

export function validateStructure(resource: Record<string, unknown>, options: StructureOptions): OperationOutcomeIssue[] {
  const input = options.unsafe?.length ? withoutUnsafe(resource, options.unsafe) : resource;
  let raw: OperationOutcomeIssue[];
  try {
    raw = validateResource(input as never, { profile: options.profile as never }) as OperationOutcomeIssue[];
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) {
      return [issue('structure', `The resource could not be fully checked: ${(error as Error).message}`)];
    }
    raw = error.outcome.issue as OperationOutcomeIssue[];
  }
  const issues: OperationOutcomeIssue[] = [];
  for (const medplumIssue of raw) {
    const normalised = normalise(medplumIssue, resource, options);
    if (normalised && !underMalformed(normalised, options.malformed)) issues.push(normalised);
  }
  return issues;
}

/** Our issue for one of medplum's, or undefined when it is a false positive or checked elsewhere. */
function normalise(raw: OperationOutcomeIssue, resource: Record<string, unknown>, options: StructureOptions): OperationOutcomeIssue | undefined {
  const text = raw.details?.text ?? raw.diagnostics ?? '';
  const { expression, value } = toExpression(resource, raw.expression?.[0]);
  // Invariants are evaluated by invariants.ts (all of them, with R4 semantics); only those a profile adds
  // on top of the base definitions are left to medplum.
  if (raw.code === 'invariant' || raw.code === 'processing') {
    const key = /^Constraint (\S+) not met/.exec(text)?.[1];
    const fhirpath = fhirpathOf(raw.diagnostics);
    if (!options.profile || options.baseInvariants.has(key ?? fhirpath ?? '')) return undefined;
    return issue('invariant', key ? text : `${text}: ${fhirpath ?? ''}`, expression);
  }
  if (text === 'Invalid base64Binary format' && typeof value === 'string' && R4_BASE64.test(value)) return undefined;
  // Choice conflicts and `_x` type mismatches are errors (json.html); resource-walker.ts reports them as such.
  if (text.startsWith('Conflicting choice of type properties') || text.startsWith('Type of primitive extension')) return undefined;
  if (text.startsWith('Invalid reference: got')) {
    const got = /^Invalid reference: got "([^"]*)"/.exec(text)?.[1] ?? '';
    if (!options.resourceTypes.has(got)) return undefined; // urn:uuid:…, http:… : medplum misreads the type
  }
  if (text.startsWith('Unknown data type')) return undefined; // an unknown nested resource, reported by the walker
  // The walker reports array/single mismatches with indexes; medplum's path has none (Patient.contact.telecom).
  if (text === 'Expected single value for property' || text === 'Expected array of values for property') return undefined;
  // A profile is checked with only the elements it changes (ProfileRegistry.validationView): the others
  // look unknown to medplum, and the base pass has already judged every property.
  if (options.profile && text.startsWith('Invalid additional property')) return undefined;
  return issue(issueCode(text), text, expression, raw.severity);
}

/** Medplum says `structure` for everything; the FHIR issue types are finer. */
function issueCode(text: string): IssueCode {
  if (text === 'Missing required property') return 'required';
  const cardinality = /^Invalid number of values: expected (\d+)\.\.\S+, but found (\d+)/.exec(text);
  if (cardinality) return Number(cardinality[2]) < Number(cardinality[1]) ? 'required' : 'structure';
  if (/^Invalid \S+ format$/.test(text) || text.startsWith('Expected number to be') || text === 'Invalid numeric value') return 'value';
  if (text.startsWith('String must contain') || text.startsWith('String cannot be larger') || text.startsWith('Value did not match')) return 'value';
  return 'structure';
}

/** Medplum puts `{"fhirpath": …}` in the diagnostics of invariant issues. */
function fhirpathOf(diagnostics: string | undefined): string | undefined {
  try {
    return (JSON.parse(diagnostics ?? '{}') as { fhirpath?: string }).fhirpath;
  } catch {
    return undefined;
  }
}

export function underMalformed(found: OperationOutcomeIssue, malformed: readonly string[] | undefined): boolean {
  const expression = found.expression?.[0];
  if (!expression || !malformed?.length) return false;
  return malformed.some((path) => expression === path || expression.startsWith(`${path}.`) || expression.startsWith(`${path}[`));
}

/**
 * A copy of `resource` where medplum will not throw: an unknown nested resource becomes an empty Basic
 * (its issues fall under a malformed path and are dropped) and a non-object `_x` is removed.
 */
function withoutUnsafe(resource: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const copy = structuredClone(resource);
  for (const path of paths) {
    const steps = path.split('.').slice(1).flatMap((segment) => {
      const match = /^([^[]+)(?:\[(\d+)\])?$/.exec(segment);
      return match?.[2] === undefined ? [segment] : [match[1], Number(match[2])];
    });
    let parent: unknown = copy;
    for (const step of steps.slice(0, -1)) parent = (parent as Record<string | number, unknown> | undefined)?.[step];
    if (!parent || typeof parent !== 'object') continue;
    const container = parent as Record<string | number, unknown>;
    const last = steps[steps.length - 1];
    const isPrimitiveElement = steps.some((step) => typeof step === 'string' && step.startsWith('_'));
    if (!isPrimitiveElement) container[last] = { resourceType: 'Basic' };
    else if (Array.isArray(parent)) container[last] = null;
    else delete container[last];
  }
  return copy;
}
