// Parameters that shape the result rather than select resources: _count, _sort, _include, _revinclude, _total, _cursor
// (https://hl7.org/fhir/R4/search.html#return).
import { FhirError, invalid, issue } from '../fhir/outcome';
import type { SearchParameterRegistry } from './search-parameters';
import type { IncludeSpec, SortKey } from './search-request';

export const RESULT_PARAMETERS = new Set(['_format', '_pretty', '_summary', '_elements', '_count', '_total', '_cursor', '_sort', '_include', '_revinclude', '_include:iterate', '_revinclude:iterate', '_include:recurse', '_revinclude:recurse']);

export function nonNegative(name: string, raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new FhirError(400, [issue('invalid', `${name} must be a non-negative integer, not '${raw.slice(0, 20)}'`, name)]);
  return Number(raw);
}

/** `_sort=a,-b` on parameters of the type; `_id` and `_lastUpdated` included. */
export function parseSort(resourceType: string, raw: string, registry: SearchParameterRegistry, sortable: (code: string, type: string) => boolean): SortKey[] {
  return raw.split(',').map((part) => {
    const descending = part.startsWith('-');
    const code = descending ? part.slice(1) : part;
    const param = registry.get(resourceType, code);
    if (!param || !sortable(code, param.type)) throw invalid(`Cannot sort ${resourceType} by '${code.slice(0, 60)}'`, '_sort');
    return { param, descending };
  });
}

/** `Source:param[:Target]`, or `*`; `_revinclude`'s Source is the type that refers to the matches. */
export function parseInclude(name: string, raw: string, resourceType: string, registry: SearchParameterRegistry): IncludeSpec {
  const reverse = name.startsWith('_revinclude');
  const iterate = name.endsWith(':iterate') || name.endsWith(':recurse');
  if (raw === '*') return { reverse, sourceType: resourceType, iterate };
  const [sourceType, code, targetType] = raw.split(':');
  if (!sourceType || !code) throw invalid(`${name} must be Type:parameter[:TargetType] or *, not '${raw.slice(0, 80)}'`, name);
  if (code === '*') return { reverse, sourceType, targetType, iterate };
  const param = registry.get(sourceType, code);
  if (param?.type !== 'reference') throw invalid(`'${code}' is not a reference parameter of ${sourceType}`, name);
  if (targetType && param.target && !param.target.includes(targetType)) throw invalid(`${sourceType}.${code} cannot refer to ${targetType}`, name);
  if (!iterate && !reverse && sourceType !== resourceType) throw invalid(`_include must start with ${resourceType} (or use _include:iterate)`, name);
  return { reverse, sourceType, param, targetType, iterate };
}
