// Reference search SQL: https://hl7.org/fhir/R4/search.html#reference (chaining and _has: compile-search.ts).
// Local targets are (target_type, target_id) with url NULL; other servers' URLs and canonicals match on url.
import type { SearchParamDef } from '../../search/search-parameters';
import type { ReferenceValue, ValueCriterion } from '../../search/search-request';
import { referenceTarget } from '../indexing/reference-index';
import type { ConditionContext } from './conditions';
import { matchingRows, missingCondition } from './index-rows';
import { textEquals, textIsNotNull, textIsNull } from './indexed-text';

export const REFERENCE_TABLE = 'search_reference';

export function referenceValueCondition(value: ReferenceValue, t: string, param: SearchParamDef, ctx: Pick<ConditionContext, 'p' | 'baseUrl'>): string {
  const { p } = ctx;
  if (value.identifier) {
    // :identifier (search.html#reference): the token rules on Reference.identifier.
    const { system, code } = value.identifier;
    const parts = [textIsNotNull(`${t}.identifier_value`), code !== undefined ? textEquals(`${t}.identifier_value`, code, p) : 'true'];
    if (system === null) parts.push(textIsNull(`${t}.identifier_system`));
    else if (system !== undefined) parts.push(textEquals(`${t}.identifier_system`, system, p));
    return `(${parts.join(' AND ')})`;
  }
  if (value.url !== undefined) {
    // An absolute URL on this server's base is the local Type/id.
    const target = referenceTarget(value.url, ctx.baseUrl);
    if ('url' in target) return textEquals(`${t}.url`, target.url, p);
    return `(${t}.target_type = ${p.add(target.type)} AND ${t}.target_id = ${p.add(target.id)})`;
  }
  if (value.type !== undefined) return `(${t}.target_type = ${p.add(value.type)} AND ${t}.target_id = ${p.add(value.id)})`;
  // A bare id: any type the parameter may refer to (listed, so that the index on (…, target_type, target_id) serves it).
  const types = param.target ? `${t}.target_type = ANY(${p.add(param.target)}::text[])` : `${t}.target_type IS NOT NULL`;
  return `(${types} AND ${t}.target_id = ${p.add(value.id)})`;
}

export function referenceCondition(criterion: ValueCriterion, ctx: ConditionContext): string {
  const { param, modifier } = criterion;
  if (modifier === 'missing') return missingCondition(REFERENCE_TABLE, param.code, criterion, ctx);
  return matchingRows(REFERENCE_TABLE, param.code, (criterion.values as ReferenceValue[]).map((v) => referenceValueCondition(v, 't', param, ctx)), ctx);
}
