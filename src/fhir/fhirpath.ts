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

/** How long the check may take on one pattern (it runs on the event loop, when the expression is written); past it, the pattern is refused. */
const CHECK_MS = 300;

/** Whether redos-detector finds that no input can make `pattern` backtrack out of bounds, with the flags fhirpath.js gives it ('su'). */
function isSafe(pattern: string): boolean {
  try {
    return isSafePattern(pattern, { unicode: true, dotAll: true, timeout: CHECK_MS }).safe;
  } catch {
    return false; // not a pattern it can read, nor then one to run
  }
}

/**
 * Why an expression's regular expressions cannot be run on the event loop, or undefined when they can (or it has
 * none). A pattern that backtracks exponentially can run for minutes on a short string (`^(a+)+$` takes seconds on
 * 27 characters), and an expression stored on the server (a SearchParameter's, a profile's invariant) runs on every
 * write it applies to: each pattern must be a string literal that redos-detector proves safe.
 */
export function unsafeRegex(expression: string): string | undefined {
  const literals: string[] = [];
  const code = expression.replace(STRING, (_, text: string) => `'${literals.push(unescapeString(text)) - 1}'`);
  const calls = [...code.matchAll(REGEX_CALL)];
  if (calls.length === 0) return undefined;
  if (calls.some((call) => call[1] === undefined)) return 'The pattern of matches() or replaceMatches() must be a string literal';
  const unsafe = calls.map((call) => literals[Number(call[1])]).find((pattern) => !isSafe(pattern));
  return unsafe === undefined ? undefined : `The pattern '${unsafe.slice(0, 80)}' can backtrack without bound on some inputs`;
}
