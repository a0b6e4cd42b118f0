// Invariants (constraints) of ElementDefinitions: https://hl7.org/fhir/R4/conformance-rules.html#constraints
// Evaluated with fhirpath.js and its R4 model, each expression compiled once. We evaluate them ourselves
// rather than trusting @medplum/core's pass because medplum skips datatype-level invariants (per-1,
// qty-3, ref-1 …), the root invariants of contained and Bundle-entry resources, dom-3 and org-1, stops
// at the first failing invariant of an element, and fails invariants whose result is empty.
import type { Constraint } from '@medplum/core';
import { compile, type Model } from 'fhirpath';
import * as r4Model from 'fhirpath/fhir-context/r4';
import type { OperationOutcomeIssue } from 'fhir/r4';
import { issue } from '../fhir/outcome';
import { adaptExpression, narrativeCheck, USER_FUNCTIONS } from './invariant-adaptations';
import { shortcut } from './invariant-shortcuts';

/**
 * Checked natively by the walker: ele-1 ("All FHIR elements must have a @value or children") applies
 * to every element and an empty-object test is far cheaper; dom-3, see contained-references.ts.
 */
const NATIVE = new Set(['ele-1', 'dom-3']);
const TRUE: readonly unknown[] = [true];

export interface Invariant {
  readonly key: string;
  readonly human: string;
  readonly expression: string;
  readonly evaluate: (node: unknown, env: InvariantEnv) => readonly unknown[];
}

/** `%resource` is the resource holding the node; `%rootResource` is its container when it is contained. */
export interface InvariantEnv {
  readonly resource: object;
  readonly rootResource: object;
}

/** Compiles constraints once per (base, key, expression); one instance is shared by a whole type index. */
export class InvariantCompiler {
  private readonly cache = new Map<string, Invariant>();

  /**
   * The error-severity invariants among `constraints`, compiled against `base` (the path of the element
   * or type that declares them, which gives fhirpath.js the types of the node's children).
   * Warnings (best practice, dom-6 …) are not enforced on writes.
   */
  compile(constraints: readonly Constraint[] | undefined, base: string): Invariant[] {
    const result: Invariant[] = [];
    for (const constraint of constraints ?? []) {
      if (constraint.severity !== 'error' || NATIVE.has(constraint.key) || !constraint.expression) continue;
      const cacheKey = `${base}|${constraint.key}|${constraint.expression}`;
      let invariant = this.cache.get(cacheKey);
      if (!invariant) {
        // R4's ref-1 calls trace(): keep it off the console.
        const options = { traceFn: () => undefined, userInvocationTable: USER_FUNCTIONS };
        const fn = compile({ base, expression: adaptExpression(constraint.expression) }, r4Model as unknown as Model, options);
        const holds = shortcut(constraint.key, constraint.expression, base);
        const evaluate = (node: unknown, env: InvariantEnv) =>
          holds?.(node as Record<string, unknown>) ? TRUE : (fn(node, { resource: env.resource, rootResource: env.rootResource }) as unknown[]);
        const narrative = narrativeCheck(constraint.key, (div) => fn(div, {}) as unknown[]);
        invariant = { key: constraint.key, human: constraint.description, expression: constraint.expression, evaluate: narrative ?? evaluate };
        this.cache.set(cacheKey, invariant);
      }
      result.push(invariant);
    }
    return result;
  }
}

/** Invariants of `first` then those of `second` whose key is not already present. */
export function mergeInvariants(first: readonly Invariant[], second: readonly Invariant[]): Invariant[] {
  const keys = new Set(first.map((i) => i.key));
  return [...first, ...second.filter((i) => !keys.has(i.key))];
}

/**
 * Reports every invariant of `invariants` that `node` breaks. An invariant fails only when it evaluates
 * to `false`: an empty result means "not applicable". The R4 examples rely on it: ras-2
 * (`probability is decimal implies …`) is empty on the predictions of RiskAssessment-prognosis and
 * -breastcancer-risk, which have no probability, and medplum refuses both.
 */
export function checkInvariants(
  invariants: readonly Invariant[],
  node: unknown,
  env: InvariantEnv,
  path: string,
  issues: OperationOutcomeIssue[],
): void {
  for (const invariant of invariants) {
    let result: readonly unknown[];
    try {
      result = invariant.evaluate(node, env);
    } catch (error) {
      // fhirpath.js throws on some valid data (rng-2 comparing quantities of a non-UCUM system); refusing
      // a write because the engine could not decide would be worse than not enforcing the rule once.
      const reason = (error as Error).message ?? String(error);
      issues.push(issue('invariant', `Constraint ${invariant.key} could not be evaluated (${reason}), so it was not enforced: ${invariant.human}`, path, 'warning'));
      continue;
    }
    if (result.length === 1 && result[0] === false) {
      issues.push(issue('invariant', `Constraint ${invariant.key} not met: ${invariant.human}`, path));
    }
  }
}
