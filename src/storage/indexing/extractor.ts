// How the values a parameter's FHIRPath expression finds become rows of its type's index table.
import type { SearchParamType } from '../../search/search-request';
import { dateExtractor } from './date-index';
import { numberExtractor } from './number-index';
import { quantityExtractor } from './quantity-index';
import { referenceExtractor } from './reference-index';
import { stringExtractor } from './string-index';
import { contentExtractor, narrativeExtractor } from './text-index';
import { tokenExtractor } from './token-index';
import { uriExtractor } from './uri-index';

/** What extraction may need to know beyond the value: the server's base, to read absolute references to itself as local. */
export interface IndexContext {
  readonly baseUrl?: string;
}

export interface Extractor {
  /** One of INDEX_TABLES. */
  readonly table: string;
  /** Adds the rows (column values after rid and resource_type) for one value found by the expression. */
  extract(param: string, node: unknown, rows: unknown[][], context: IndexContext): void;
}

/** The parameter types that are indexed; a type missing here is not searchable. Composites: composite-index.ts. */
export const EXTRACTORS: Partial<Record<SearchParamType, Extractor>> = {
  token: tokenExtractor,
  string: stringExtractor,
  uri: uriExtractor,
  date: dateExtractor,
  number: numberExtractor,
  quantity: quantityExtractor,
  reference: referenceExtractor,
};

/** Parameters indexed otherwise than by their type: `_text` and `_content` are full text (string by type). */
export const PARAMETER_EXTRACTORS: Readonly<Record<string, Extractor>> = {
  _text: narrativeExtractor,
  _content: contentExtractor,
};

/** Parameters that are columns of `resource` (search SQL reads them there), never index rows. */
export const COLUMN_PARAMETERS: ReadonlySet<string> = new Set(['_id', '_lastUpdated']);
