// OperationOutcome.issue.expression: https://hl7.org/fhir/R4/operationoutcome-definitions.html#OperationOutcome.issue.expression
// @medplum/core writes choice elements as `Observation.value[x].value`; clients see `valueQuantity` in
// their JSON, so we resolve `[x]` against the resource (`Observation.valueQuantity.value`) and return the
// value found there, which some corrections need (e.g. re-testing a base64Binary).
import { isObject } from '../fhir/resource';

const SEGMENT = /^([^[]+)(\[x\])?(?:\[(\d+)\])?$/;

export interface ResolvedPath {
  readonly expression: string | undefined;
  readonly value: unknown;
}

export function toExpression(resource: Record<string, unknown>, path: string | undefined): ResolvedPath {
  if (!path) return { expression: undefined, value: undefined };
  const [root, ...segments] = path.split('.');
  const parts = [root];
  let current: unknown = resource;
  for (const segment of segments) {
    const match = SEGMENT.exec(segment);
    if (!match) {
      parts.push(segment);
      current = undefined;
      continue;
    }
    const [, name, choice, index] = match;
    const object = isObject(current) ? current : undefined;
    const key = choice && object ? (Object.keys(object).find((k) => isChoiceOf(k, name)) ?? `${name}[x]`) : name;
    current = object?.[key];
    if (index !== undefined) current = Array.isArray(current) ? current[Number(index)] : undefined;
    parts.push(index === undefined ? key : `${key}[${index}]`);
  }
  return { expression: parts.join('.'), value: current };
}

/** `valueQuantity` is a choice of `value`; `_valueQuantity` (extensions of a primitive choice) is not. */
function isChoiceOf(key: string, name: string): boolean {
  return key.length > name.length && key.startsWith(name) && /[A-Z]/.test(key.charAt(name.length));
}
