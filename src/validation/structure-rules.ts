// Structural rules of the base definitions checked during the walk: https://hl7.org/fhir/R4/validation.html#simple
// Required elements (min 1), nulls (json.html#null: only inside an array that `_x` makes parallel), and
// Reference targets. They used to come from @medplum/core's validator; the diagnostics keep its wording.
import type { OperationOutcomeIssue } from 'fhir/r4';
import { issue } from '../fhir/outcome';
import { CORE_PROFILE, type ElementInfo, type TypeInfo } from './type-index';

type Json = Record<string, unknown>;

/**
 * Every element with min 1 that `obj` lacks; `_x` alone (extensions without a value) counts as present.
 * A null or an empty object does not: it is no value (json.html), so both findings are reported.
 */
export function checkRequired(obj: Json, type: TypeInfo, path: string, issues: OperationOutcomeIssue[]): void {
  for (const required of type.required) {
    if (!required.keys.some((key) => present(obj[key]) || present(obj[`_${key}`]))) {
      // A choice given as null or {} is named as the client wrote it (medicationReference), not medication[x].
      const given = required.keys.length > 1 ? required.keys.find((key) => obj[key] !== undefined) : undefined;
      issues.push(issue('required', 'Missing required property', `${path}.${given ?? required.name}`));
    }
  }
}

function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  return typeof value !== 'object' || Array.isArray(value) || !isEmptyObject(value as Json);
}

export function isEmptyObject(obj: Json): boolean {
  for (const _ in obj) return false;
  return true;
}

/** json.html#null: a null stands in an array only where the parallel `_x` (or `x`) entry holds something. */
export function checkNulls(values: unknown[], partner: unknown, path: string, issues: OperationOutcomeIssue[]): void {
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== null) continue;
    const other = Array.isArray(partner) ? partner[i] : undefined;
    if (other === null || other === undefined) issues.push(issue('structure', 'Invalid null value', `${path}[${i}]`));
  }
}

/**
 * references.html#Reference: the type named by a relative (or conditional) reference must be one the
 * element allows. A warning, as medplum reported it: absolute, urn: and contained references are not judged.
 */
export function checkReferenceTarget(value: Json, element: ElementInfo, resourceTypes: ReadonlySet<string>, path: string, issues: OperationOutcomeIssue[]): void {
  const reference = value.reference;
  if (!element.targets || typeof reference !== 'string' || reference.startsWith('#')) return;
  const got = reference.includes('?') ? reference.split('?')[0] : reference.split('/')[0];
  if (!resourceTypes.has(got) || element.targets.includes(got)) return;
  const expected = element.targets.map((type) => CORE_PROFILE + type).join('", "');
  issues.push(issue('structure', `Invalid reference: got "${got}", expected "${expected}"`, path, 'warning'));
}
