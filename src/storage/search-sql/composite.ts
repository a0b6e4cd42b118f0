// Composite search SQL: https://hl7.org/fhir/R4/search.html#composite
// Each component's value matches a row of its type's table under `<code>$<n>`; the rows must share
// (rid, element), i.e. come from the same element (the same Observation.component, useContext …).
import type { ValueCriterion } from '../../search/search-request';
import type { SearchParamDef } from '../../search/search-parameters';
import type { CompositeValue } from '../../search/values/composite';
import type { DateValue } from '../../search/values/date';
import type { NumberValue } from '../../search/values/number';
import type { QuantityValue } from '../../search/values/quantity';
import type { StringValue } from '../../search/values/string';
import type { UriValue } from '../../search/values/uri';
import type { ReferenceValue, SearchParamType, TokenValue } from '../../search/search-request';
import { componentParam } from '../indexing/composite-index';
import { typeIs, type ConditionContext } from './conditions';
import { DATE_TABLE, dateValueCondition } from './date';
import { NUMBER_TABLE, numberValueCondition } from './number';
import { QUANTITY_TABLE, quantityValueCondition } from './quantity';
import { REFERENCE_TABLE, referenceValueCondition } from './reference';
import { STRING_TABLE, stringValueCondition } from './string';
import { TOKEN_TABLE, tokenValueCondition } from './token';
import { URI_TABLE, uriValueCondition } from './uri';

type ComponentSql = { table: string; condition: (value: unknown, t: string, param: SearchParamDef, ctx: ConditionContext) => string };

const COMPONENTS: Partial<Record<SearchParamType, ComponentSql>> = {
  token: { table: TOKEN_TABLE, condition: (v, t, _, { p }) => tokenValueCondition(v as TokenValue, t, p) },
  string: { table: STRING_TABLE, condition: (v, t, _, { p }) => stringValueCondition(v as StringValue, t, p) },
  uri: { table: URI_TABLE, condition: (v, t, _, { p }) => uriValueCondition(v as UriValue, t, p) },
  date: { table: DATE_TABLE, condition: (v, t, _, { p, now }) => dateValueCondition(v as DateValue, t, p, now ?? new Date()) },
  number: { table: NUMBER_TABLE, condition: (v, t, _, { p }) => numberValueCondition(v as NumberValue, t, p) },
  quantity: { table: QUANTITY_TABLE, condition: (v, t, _, { p }) => quantityValueCondition(v as QuantityValue, t, p) },
  reference: { table: REFERENCE_TABLE, condition: (v, t, param, ctx) => referenceValueCondition(v as ReferenceValue, t, param, ctx) },
};

const component = (type: SearchParamType): ComponentSql => {
  const sql = COMPONENTS[type];
  if (!sql) throw new Error(`No composite component SQL for ${type}`);
  return sql;
};

/** One `a$b` value (or, without one, any value): rows c0, c1 … of the components, joined on (rid, element). */
function compositeMatch(value: CompositeValue | undefined, criterion: ValueCriterion, ctx: ConditionContext): string {
  const { p, resourceType } = ctx;
  const components = criterion.param.components ?? [];
  const from: string[] = [];
  const where: string[] = [];
  components.forEach((c, n) => {
    const { table, condition } = component(c.type);
    const alias = `c${n}`;
    const keys = `${typeIs(`${alias}.resource_type`, resourceType, p)} AND ${alias}.param = ${p.add(componentParam(criterion.param.code, n))}`;
    from.push(n === 0 ? `${table} ${alias}` : `JOIN ${table} ${alias} ON ${alias}.rid = c0.rid AND ${alias}.element = c0.element AND ${keys}`);
    if (n === 0) where.push(keys);
    if (value) where.push(condition(value.parts[n], alias, criterion.param, ctx));
  });
  return `SELECT c0.rid FROM ${from.join(' ')} WHERE ${where.join(' AND ')}`;
}

export function compositeCondition(criterion: ValueCriterion, ctx: ConditionContext): string {
  if (!criterion.param.components?.length) throw new Error(`Composite ${criterion.param.code} has no components`);
  // :missing — an element has the composite only when every component has a value there.
  if (criterion.modifier === 'missing') return `${ctx.alias}.rid ${criterion.values[0] === true ? 'NOT ' : ''}IN (${compositeMatch(undefined, criterion, ctx)})`;
  const matches = (criterion.values as CompositeValue[]).map((v) => compositeMatch(v, criterion, ctx));
  return `${ctx.alias}.rid IN (${matches.join(' UNION ')})`;
}
