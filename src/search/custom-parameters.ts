// SearchParameter resources that define new parameters (searchparameter.html): what Ignis accepts, and the hash that
// tells whether the index was built with a definition. A new or changed one is indexed on every write at once,
// and becomes searchable when a $reindex of its types has completed (interactions/reindex.ts).
import { createHash } from 'node:crypto';
import type { OperationOutcomeIssue, SearchParameter } from 'fhir/r4';
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4';
import { regexCheck } from '../fhir/fhirpath';
import { issue } from '../fhir/outcome';
import { unionParts, type SearchParameterRegistry } from './search-parameters';

const INDEXED_TYPES = new Set(['number', 'date', 'string', 'token', 'reference', 'composite', 'quantity', 'uri']);
const CODE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** The definition as far as the index cares: a change of any of these needs a $reindex. */
export function definitionHash(sp: SearchParameter): string {
  const { code, type, base, expression, target, component } = sp;
  return createHash('sha256').update(JSON.stringify({ code, type, base, expression, target, component })).digest('hex').slice(0, 32);
}

/** Problems that stop `sp` from being used as a search parameter (a parameter the registry has cannot be redefined under another url). */
export function searchParameterIssues(sp: SearchParameter, registry: SearchParameterRegistry): OperationOutcomeIssue[] {
  const problems: OperationOutcomeIssue[] = [];
  if (sp.status === 'retired') return problems;
  if (!CODE.test(sp.code ?? '')) problems.push(issue('invalid', `The code must be letters, digits, '-' or '_', starting with a letter (not '${String(sp.code).slice(0, 64)}')`, 'SearchParameter.code'));
  if (!INDEXED_TYPES.has(sp.type)) problems.push(issue('not-supported', `Search parameters of type '${sp.type}' cannot be indexed`, 'SearchParameter.type'));
  (sp.base ?? []).forEach((base, i) => {
    if (!registry.hasType(base)) problems.push(issue('invalid', `Unknown resource type '${base.slice(0, 64)}'`, `SearchParameter.base[${i}]`));
    const existing = registry.urlOf(base, sp.code);
    if (existing && existing !== sp.url) problems.push(issue('business-rule', `${base} already has a parameter '${sp.code}' (${existing})`, 'SearchParameter.code'));
    else if (existing && registry.isSharedKey(base, sp.code)) problems.push(issue('not-supported', `${base}'s '${sp.code}' cannot be redefined: other parameters search its index rows`, 'SearchParameter.code'));
  });
  const unsafeRegex = regexCheck();
  if (sp.type !== 'composite' && !sp.expression) problems.push(issue('required', 'An indexed search parameter needs an expression', 'SearchParameter.expression'));
  for (const part of sp.expression ? unionParts(sp.expression) : []) {
    try {
      fhirpath.compile(part, r4Model);
    } catch (error) {
      problems.push(issue('invalid', `The expression does not compile: ${(error as Error).message.split('\n')[0].slice(0, 200)}`, 'SearchParameter.expression'));
    }
    // It would run on every write of its base types.
    const unsafe = unsafeRegex(part);
    if (unsafe) problems.push(issue('not-supported', unsafe, 'SearchParameter.expression'));
  }
  // A composite's components are evaluated on each element its expression finds.
  (sp.component ?? []).forEach((component, i) => {
    const unsafe = unsafeRegex(component.expression ?? '');
    if (unsafe) problems.push(issue('not-supported', unsafe, `SearchParameter.component[${i}].expression`));
  });
  return problems;
}
