// Token search SQL: https://hl7.org/fhir/R4/search.html#token (and _id, a column of `resource`)
import { FhirError, issue } from '../../fhir/outcome';
import type { SearchParamDef } from '../../search/search-parameters';
import type { TokenValue, ValueCriterion } from '../../search/search-request';
import type { OfTypeValue, TokenTextValue, ValueSetValue } from '../../search/values/token';
import { ofTypeCode, ofTypeParam } from '../indexing/token-index';
import type { ConditionContext } from './conditions';
import { matchingRows, missingCondition, paramRows } from './index-rows';
import { textEquals, textIn, textIsNotNull, textIsNull, textStartsWith } from './indexed-text';
import type { SqlParams } from './sql-params';

export const TOKEN_TABLE = 'search_token';

/** One `[system]|[code]` on the row alias `t`; a row with neither (a CodeableConcept.text) never matches. */
export function tokenValueCondition(value: TokenValue, t: string, p: SqlParams): string {
  const parts: string[] = [];
  if (value.code !== undefined) parts.push(textEquals(`${t}.code`, value.code, p));
  else if (typeof value.system !== 'string') parts.push(textIsNotNull(`${t}.code`));
  if (value.system === null) parts.push(textIsNull(`${t}.system`));
  else if (value.system !== undefined) parts.push(textEquals(`${t}.system`, value.system, p));
  return `(${parts.join(' AND ')})`;
}

/** `:in`: a coding in the expansion, or a bare code (a `code` element) among its codes. */
function inValueSet(value: ValueSetValue, param: SearchParamDef, ctx: ConditionContext): string {
  const expansion = ctx.valueSets?.expand(value.valueSet);
  if (!expansion) throw new FhirError(400, [issue('not-supported', `Value set '${value.valueSet.slice(0, 200)}' is not one Ignis can expand`, param.code)]);
  const codes = [...expansion.codes];
  if (codes.length === 0) return 'false';
  return `(${textIn('t.code', codes, ctx.p)} AND (t.system IS NULL OR t.system || '|' || t.code = ANY(${ctx.p.add([...expansion.codings])}::text[])))`;
}

function idCondition(criterion: ValueCriterion, { p, alias }: ConditionContext): string {
  if (criterion.modifier === 'missing') return criterion.values[0] === true ? 'false' : 'true';
  const negate = criterion.modifier === 'not' ? 'NOT ' : '';
  return `${negate}${alias}.id = ANY(${p.add((criterion.values as TokenValue[]).map((v) => v.code ?? ''))}::text[])`;
}

/**
 * Whether a token criterion's rows are read by (patient, code) when its search also has patient= (ConditionContext
 * `patients`): plain codes only, not `_id` (a column) nor a modifier.
 */
export const answersPatient = (criterion: ValueCriterion): boolean => criterion.param.code !== '_id' && criterion.modifier === undefined;

/** `:not` and `:not-in` keep the resources that have no matching value (including those with no value at all). */
export function tokenCondition(criterion: ValueCriterion, ctx: ConditionContext): string {
  const { param, modifier } = criterion;
  if (param.code === '_id') return idCondition(criterion, ctx);
  const { p } = ctx;
  const { code, part } = paramRows(param, 't', p);
  if (modifier === 'missing') return missingCondition(TOKEN_TABLE, code, criterion, ctx, part);
  switch (modifier) {
    case 'text':
      return matchingRows(TOKEN_TABLE, code, (criterion.values as TokenTextValue[]).map((v) => textStartsWith('t.text', v.text, p)), ctx, false, part);
    case 'of-type':
      return matchingRows(TOKEN_TABLE, ofTypeParam(param.code), (criterion.values as OfTypeValue[]).map((v) => `(${textEquals('t.code', ofTypeCode(v.code, v.value), p)} AND ${textEquals('t.system', v.system, p)})`), ctx);
    case 'in':
    case 'not-in':
      return matchingRows(TOKEN_TABLE, code, (criterion.values as ValueSetValue[]).map((v) => inValueSet(v, param, ctx)), ctx, modifier === 'not-in', part);
    default: {
      // The search's patient= criterion, answered by these rows: one index range holds one patient's codes.
      const { patients } = ctx;
      const patient = patients && answersPatient(criterion) ? `t.patient = ANY(${p.add(patients.ids)}::text[]) AND (t.patient <> '' OR t.rid IN (${patients.rows}))` : undefined;
      const narrowing = [part, patient].filter((n) => n !== undefined).join(' AND ') || undefined;
      return matchingRows(TOKEN_TABLE, code, (criterion.values as TokenValue[]).map((v) => tokenValueCondition(v, 't', p)), ctx, modifier === 'not', narrowing);
    }
  }
}
