// Typed search requests: https://hl7.org/fhir/R4/search.html
import type { SearchParamDef } from './search-parameters';

export type SearchParamType = 'number' | 'date' | 'string' | 'token' | 'reference' | 'composite' | 'quantity' | 'uri' | 'special';

/** A token value `[system]|[code]`: system undefined = any system, null = no system (`|code`). */
export interface TokenValue {
  readonly system?: string | null;
  readonly code?: string;
}

/** `param[:modifier]=v1,v2`: the values OR together; `values` hold what the type's parser made of them. */
export interface ValueCriterion {
  readonly kind: 'value';
  readonly param: SearchParamDef;
  readonly modifier?: string;
  readonly values: readonly unknown[];
}

/** `reference[:Type].next…` (search.html#chaining): resources whose reference points at a `targetType` matching `next`. */
export interface ChainCriterion {
  readonly kind: 'chain';
  readonly param: SearchParamDef;
  readonly targetType: string;
  readonly next: SearchCriterion;
}

/** `_has:Type:reference:next…` (search.html#has): resources that a `sourceType` matching `next` refers to. */
export interface HasCriterion {
  readonly kind: 'has';
  readonly sourceType: string;
  readonly reference: SearchParamDef;
  readonly next: SearchCriterion;
}

export type SearchCriterion = ValueCriterion | ChainCriterion | HasCriterion;

export interface SearchRequest {
  readonly resourceType: string;
  /** AND of criteria. */
  readonly criteria: readonly SearchCriterion[];
  readonly count: number;
  readonly offset: number;
  readonly total: 'none' | 'accurate';
}
