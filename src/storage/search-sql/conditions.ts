// One SQL condition per criterion, on the resource row aliased `r`; each parameter type has its own file.
import type { ValueCriterion } from '../../search/search-request';
import type { SearchParamType } from '../../search/search-request';
import type { SqlParams } from './sql-params';
import { tokenCondition } from './token';

export interface ConditionContext {
  readonly p: SqlParams;
  readonly resourceType: string;
  /** Alias of the `resource` row the condition is about. */
  readonly alias: string;
}

export type ConditionBuilder = (criterion: ValueCriterion, ctx: ConditionContext) => string;

export const CONDITIONS: Partial<Record<SearchParamType, ConditionBuilder>> = {
  token: tokenCondition,
};
