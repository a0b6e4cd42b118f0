// Required bindings: https://hl7.org/fhir/R4/terminologies.html#required
// "To be conformant, the concept in this element SHALL be from the specified value set." For a `code`
// that is the code itself; for a Coding the system|code pair; for a CodeableConcept at least one of its
// codings (others may be translations into other systems), so a text-only CodeableConcept is not enough.
import type { ElementDefinitionBinding, OperationOutcomeIssue } from 'fhir/r4';
import { issue } from '../fhir/outcome';
import { isObject } from '../fhir/resource';
import type { Expansion, ValueSetIndex } from './value-sets';

/** The data types a required binding can be checked on without a terminology server. */
export type BoundType = 'code' | 'Coding' | 'CodeableConcept';

export interface RequiredBinding {
  readonly type: BoundType;
  readonly expansion: Expansion;
}

const BOUND_TYPES = new Set<string>(['code', 'Coding', 'CodeableConcept']);

/** The checkable binding of an element of `type`, or undefined (not required, or not enumerable). */
export function requiredBinding(binding: ElementDefinitionBinding | undefined, type: string, valueSets: ValueSetIndex): RequiredBinding | undefined {
  if (binding?.strength !== 'required' || !binding.valueSet || !BOUND_TYPES.has(type)) return undefined;
  const expansion = valueSets.expand(binding.valueSet);
  return expansion && { type: type as BoundType, expansion };
}

/** Adds a `code-invalid` issue at `path` when `value` is not drawn from the binding's value set. */
export function checkBinding(binding: RequiredBinding, value: unknown, path: string, issues: OperationOutcomeIssue[]): void {
  const { expansion } = binding;
  switch (binding.type) {
    case 'code':
      // A non-string is a JSON type error that the structural pass reports.
      if (typeof value === 'string' && !expansion.codes.has(value)) {
        issues.push(issue('code-invalid', `The code '${value}' is not in the required value set ${expansion.url}`, path));
      }
      return;
    case 'Coding':
      if (isObject(value) && !inExpansion(value, expansion)) {
        issues.push(issue('code-invalid', `The coding ${describe(value)} is not in the required value set ${expansion.url}`, path));
      }
      return;
    case 'CodeableConcept': {
      if (!isObject(value)) return;
      const codings = Array.isArray(value.coding) ? value.coding.filter(isObject) : [];
      if (codings.some((coding) => inExpansion(coding, expansion))) return;
      const found = codings.length ? `none of ${codings.map(describe).join(', ')} is` : 'it has no coding';
      issues.push(issue('code-invalid', `A coding from the required value set ${expansion.url} is needed, but ${found} in it`, path));
    }
  }
}

function inExpansion(coding: Record<string, unknown>, expansion: Expansion): boolean {
  return typeof coding.system === 'string' && typeof coding.code === 'string' && expansion.codings.has(`${coding.system}|${coding.code}`);
}

function describe(coding: Record<string, unknown>): string {
  return `${String(coding.system ?? '(no system)')}|${String(coding.code ?? '(no code)')}`;
}
