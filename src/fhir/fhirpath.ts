// FHIRPath (http://hl7.org/fhirpath/N1/) through HL7's fhirpath.js, with the R4 model bound once.
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4';
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
