// Typed search requests: https://hl7.org/fhir/R4/search.html
import type { SearchParamDef } from './search-parameters';

export type SearchParamType = 'number' | 'date' | 'string' | 'token' | 'reference' | 'composite' | 'quantity' | 'uri' | 'special';

/** A token value `[system]|[code]`: system undefined = any system, null = no system (`|code`). */
export interface TokenValue {
  readonly system?: string | null;
  readonly code?: string;
}

/** A reference value: `Type/id`, a bare `id` (type from the `:Type` modifier, if any), an absolute `url`, or `:identifier`'s token. */
export interface ReferenceValue {
  readonly type?: string;
  readonly id?: string;
  readonly url?: string;
  readonly identifier?: TokenValue;
}

/** `param[:modifier]=v1,v2`: the values OR together; `values` hold what the type's parser made of them. */
export interface ValueCriterion {
  readonly kind: 'value';
  readonly param: SearchParamDef;
  readonly modifier?: string;
  readonly values: readonly unknown[];
}

/**
 * `reference[:Type].next…` (search.html#chaining): resources whose reference points at a resource matching `next`.
 * Without `:Type`, every target type that has the chained parameter is tried (OR).
 */
export interface ChainCriterion {
  readonly kind: 'chain';
  readonly param: SearchParamDef;
  readonly targets: readonly { readonly type: string; readonly next: SearchCriterion }[];
}

/** `_has:Type:reference:next…` (search.html#has): resources that a `sourceType` matching `next` refers to. */
export interface HasCriterion {
  readonly kind: 'has';
  readonly sourceType: string;
  readonly reference: SearchParamDef;
  readonly next: SearchCriterion;
}

/** Membership of a compartment (compartmentdefinition.html): one of `links` of the resource's type refers to `compartment/id`. */
export interface CompartmentCriterion {
  readonly kind: 'compartment';
  readonly compartment: string;
  readonly id: string;
  /** Per resource type, the reference parameters that link it to the compartment. */
  readonly links: ReadonlyMap<string, readonly string[]>;
}

export type SearchCriterion = ValueCriterion | ChainCriterion | HasCriterion | CompartmentCriterion;

/** `_sort` (search.html#sort): one key; resources without a value sort last either way. */
export interface SortKey {
  readonly param: SearchParamDef;
  readonly descending: boolean;
}

/**
 * `_include=Source:param[:Target]` and `_revinclude` (search.html#include): `param` undefined is `*` (every
 * reference parameter). `iterate` also applies the spec to what was included.
 */
export interface IncludeSpec {
  readonly reverse: boolean;
  readonly sourceType: string;
  readonly param?: SearchParamDef;
  readonly targetType?: string;
  readonly iterate: boolean;
}

/** Where a page starts: after (`next`) or before (`previous`) a row, by its sort values and rid. */
export interface PageCursor {
  readonly direction: 'next' | 'previous';
  readonly values: readonly unknown[];
  readonly rid: string;
}

export interface SearchRequest {
  /** One type, or several (system search, `Patient/x/*`): then only `_id`, `_lastUpdated` and compartment criteria apply. */
  readonly resourceType: string | readonly string[];
  /** AND of criteria. */
  readonly criteria: readonly SearchCriterion[];
  readonly count: number;
  readonly sort: readonly SortKey[];
  readonly cursor?: PageCursor;
  readonly total: 'none' | 'estimate' | 'accurate';
  readonly include: readonly IncludeSpec[];
}
