// Typed search requests: https://hl7.org/fhir/R4/search.html
export type SearchParamType = 'number' | 'date' | 'string' | 'token' | 'reference' | 'composite' | 'quantity' | 'uri' | 'special';

/** A token value `[system]|[code]`: system undefined = any system, null = no system (`|code`). */
export interface TokenValue {
  readonly system?: string | null;
  readonly code?: string;
}

export interface IdCriterion {
  readonly kind: 'id';
  readonly ids: string[];
}

export interface TokenCriterion {
  readonly kind: 'token';
  readonly code: string;
  readonly modifier?: 'not';
  /** OR of values. */
  readonly values: TokenValue[];
}

export type SearchCriterion = IdCriterion | TokenCriterion;

export interface SearchRequest {
  readonly resourceType: string;
  /** AND of criteria. */
  readonly criteria: SearchCriterion[];
  readonly count: number;
  readonly offset: number;
  readonly total: 'none' | 'accurate';
}
