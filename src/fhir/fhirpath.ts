// FHIRPath (http://hl7.org/fhirpath/N1/) through HL7's fhirpath.js, with the R4 model bound once.
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4';

export type CompiledPath = (resource: unknown) => unknown[];

/** Compiles an expression once; the returned function evaluates it against a resource. */
export function compilePath(expression: string): CompiledPath {
  const evaluate = fhirpath.compile(expression, r4Model);
  return (resource) => evaluate(resource as Record<string, unknown>) as unknown[];
}
