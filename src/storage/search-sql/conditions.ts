// One SQL condition per criterion, on the resource row aliased `r`; each parameter type has its own file.
import type { SearchParamType, ValueCriterion } from '../../search/search-request';
import { compositeCondition } from './composite';
import { dateCondition } from './date';
import { numberCondition } from './number';
import { quantityCondition } from './quantity';
import { referenceCondition } from './reference';
import type { SqlParams } from './sql-params';
import { stringCondition } from './string';
import { tokenCondition } from './token';
import { uriCondition } from './uri';

/** A value set's members, as `system|code` and as bare codes (for `code` elements); src/validation/value-sets.ts ValueSetIndex fits. */
export interface ValueSetExpander {
  expand(canonical: string): { readonly codings: ReadonlySet<string>; readonly codes: ReadonlySet<string> } | undefined;
}

export interface RidBound {
  readonly op: '<' | '>';
  readonly rid: string;
}

/** `column op $n` for a rid bound (its parameter added only where it is used). */
export const ridBoundSql = (column: string, bound: RidBound, p: SqlParams): string => `${column} ${bound.op} ${p.add(bound.rid)}::bigint`;

/** `column` is `resourceType`, or one of them for a search across types. */
export function typeIs(column: string, resourceType: string | readonly string[], p: SqlParams): string {
  return typeof resourceType === 'string' ? `${column} = ${p.add(resourceType)}` : `${column} = ANY(${p.add(resourceType)}::text[])`;
}

export interface ConditionContext {
  readonly p: SqlParams;
  /** The searched type, or the types of a search across types. */
  readonly resourceType: string | readonly string[];
  /** Alias of the `resource` row the condition is about. */
  readonly alias: string;
  /** The server's base URL (no trailing slash): a reference value `[base]/Type/id` is the local `Type/id`. */
  readonly baseUrl?: string;
  /** Expansions for token `:in` / `:not-in`; without it those modifiers are refused (400). */
  readonly valueSets?: ValueSetExpander;
  /** "Now" for the `ap` prefix on dates; the current time when absent. */
  readonly now?: Date;
  /**
   * A page of a search ordered by rid alone: the page's rid bound, repeated on the index rows that select `alias`,
   * so that PostgreSQL starts reading them at the page instead of at the first match.
   */
  readonly ridBound?: RidBound;
  /** The search's `patient=` criterion, when its token rows can be looked up by (patient, code). */
  readonly patients?: PatientScope;
}

/**
 * A `patient=` criterion on local Patients, as token rows of the same resources answer it: search_token.patient
 * (patientOf in index-tables.ts) is one of `ids`, or '' (several patients) and the criterion's own rows (`rows`,
 * its reference rows' subquery) hold the rid.
 */
export interface PatientScope {
  readonly ids: readonly string[];
  readonly rows: string;
}

export type ConditionBuilder = (criterion: ValueCriterion, ctx: ConditionContext) => string;

export const CONDITIONS: Partial<Record<SearchParamType, ConditionBuilder>> = {
  token: tokenCondition,
  string: stringCondition,
  uri: uriCondition,
  date: dateCondition,
  number: numberCondition,
  quantity: quantityCondition,
  reference: referenceCondition,
  composite: compositeCondition,
};
