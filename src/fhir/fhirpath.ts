// FHIRPath (http://hl7.org/fhirpath/N1/) through HL7's fhirpath.js, with the R4 model bound once.
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4';
import { isSafePattern } from 'redos-detector';
import { compileElementPath } from './element-path';

/** `env` sets environment variables such as `%resource` (the root, when evaluating on an element of it). */
export type CompiledPath = (resource: unknown, env?: Record<string, unknown>) => unknown[];

/**
 * Compiles an expression once; the returned function evaluates it against a resource, or, with `base` (the
 * element's path, e.g. `Observation.component`), against an element, so that choice types like `value` resolve.
 */
export function compilePath(expression: string, base?: string): CompiledPath {
  const fast = compileElementPath(expression, base);
  if (fast) return fast;
  const evaluate = fhirpath.compile(base ? { base, expression } : expression, r4Model);
  return (resource, env) => evaluate(resource as Record<string, unknown>, env as Record<string, never>) as unknown[];
}

/** A call of matches() or replaceMatches(): fhirpath.js runs its first argument as a JavaScript regular expression. */
export const REGEX_FUNCTION = /(?:^|[^A-Za-z0-9_])`?(?:replaceMatches|matches)`?\s*\(/;
/** A FHIRPath string literal, its text with the escapes still in. */
const STRING = /'((?:[^'\\]|\\.)*)'/g;
/** A call, once each literal is replaced by its number: the number of the literal it is given first, if any. */
const REGEX_CALL = new RegExp(`${REGEX_FUNCTION.source}\\s*(?:'(\\d+)')?`, 'g');
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f' };
const unescapeString = (text: string) =>
  text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => (e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? e)));

/**
 * How long checking the patterns of one resource (a SearchParameter, a profile) may take in all: it runs on the event
 * loop when the resource is written, and a profile can hold any number of invariants. What is not proven safe in time
 * is refused.
 */
const CHECK_MS = 500;

/** Why `pattern` is refused, or undefined when redos-detector proves it safe with the flags fhirpath.js gives it ('su'). */
function patternProblem(pattern: string, timeout: number): string | undefined {
  if (timeout <= 0) return `The pattern '${pattern.slice(0, 80)}' was not checked: the resource's patterns took too long to check`;
  try {
    const result = isSafePattern(pattern, { unicode: true, dotAll: true, timeout });
    if (result.safe) return undefined;
    if (result.error === 'timedOut') return `The pattern '${pattern.slice(0, 80)}' could not be proven safe from unbounded backtracking in time`;
  } catch {
    // not a pattern it can read, nor then one to run
  }
  return `The pattern '${pattern.slice(0, 80)}' can backtrack without bound on some inputs`;
}

/**
 * A check of the regular expressions of expressions, all sharing `budgetMs`: it returns why an expression's patterns
 * cannot be run on the event loop, or undefined when they can (or it has none). A pattern that backtracks exponentially
 * can run for minutes on a short string (`^(a+)+$` takes seconds on 27 characters), and an expression stored on the
 * server (a SearchParameter's, a profile's invariant) runs on every write it applies to: each pattern must be a string
 * literal that redos-detector proves safe.
 */
export function regexCheck(budgetMs = CHECK_MS): (expression: string) => string | undefined {
  const deadline = Date.now() + budgetMs;
  return (expression) => {
    const literals: string[] = [];
    const code = expression.replace(STRING, (_, text: string) => `'${literals.push(unescapeString(text)) - 1}'`);
    const calls = [...code.matchAll(REGEX_CALL)];
    if (calls.some((call) => call[1] === undefined)) return 'The pattern of matches() or replaceMatches() must be a string literal';
    for (const call of calls) {
      const problem = patternProblem(literals[Number(call[1])], deadline - Date.now());
      if (problem) return problem;
    }
    return undefined;
  };
}
