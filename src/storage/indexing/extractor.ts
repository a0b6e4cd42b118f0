// How the values a parameter's FHIRPath expression finds become rows of its type's index table.
import type { SearchParamType } from '../../search/search-request';
import { tokenExtractor } from './token-index';

export interface Extractor {
  /** One of INDEX_TABLES. */
  readonly table: string;
  /** Adds the rows (column values after rid and resource_type) for one value found by the expression. */
  extract(param: string, node: unknown, rows: unknown[][]): void;
}

/** The parameter types that are indexed; a type missing here is not searchable. */
export const EXTRACTORS: Partial<Record<SearchParamType, Extractor>> = {
  token: tokenExtractor,
};
