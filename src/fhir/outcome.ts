// OperationOutcome and the one error type of Ignis: https://hl7.org/fhir/R4/operationoutcome.html
import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';

export type IssueCode = OperationOutcomeIssue['code'];

/** An error the client can act on; `issues` become the OperationOutcome of the response. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly issues: OperationOutcomeIssue[],
  ) {
    super(issues[0]?.diagnostics ?? 'FHIR error');
  }
}

export function issue(code: IssueCode, diagnostics: string, expression?: string, severity: OperationOutcomeIssue['severity'] = 'error'): OperationOutcomeIssue {
  return { severity, code, diagnostics, ...(expression ? { expression: [expression] } : {}) };
}

export const invalid = (diagnostics: string, expression?: string) => new FhirError(400, [issue('invalid', diagnostics, expression)]);
export const notSupported = (diagnostics: string, status = 400) => new FhirError(status, [issue('not-supported', diagnostics)]);
export const notFound = (diagnostics: string) => new FhirError(404, [issue('not-found', diagnostics)]);
export const gone = (type: string, id: string) => new FhirError(410, [issue('deleted', `${type}/${id} has been deleted`)]);
export const conflict = (diagnostics: string) => new FhirError(409, [issue('conflict', diagnostics)]);
export const preconditionFailed = (diagnostics: string) => new FhirError(412, [issue('conflict', diagnostics)]);
export const tooLarge = (diagnostics: string) => new FhirError(413, [issue('too-costly', diagnostics)]);

export function outcome(issues: OperationOutcomeIssue[]): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: issues };
}

/** An informational outcome, e.g. for `Prefer: return=OperationOutcome` on success. */
export function information(diagnostics: string): OperationOutcome {
  return outcome([issue('informational', diagnostics, undefined, 'information')]);
}

export function hasErrors(issues: readonly OperationOutcomeIssue[]): boolean {
  return issues.some((i) => i.severity === 'error' || i.severity === 'fatal');
}

/** A fault of the server: 500 with a correlation id to find the logged cause; nothing of the cause leaks. */
export function internalError(): FhirError & { correlation: string } {
  const correlation = globalThis.crypto.randomUUID();
  return Object.assign(new FhirError(500, [issue('exception', `Internal server error; reference ${correlation}`)]), { correlation });
}
