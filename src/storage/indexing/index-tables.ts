// The search index tables: one per parameter type, all keyed by `rid` (resource.rid) and `resource_type`.
// Table and column names come only from this closed list; request text never names one.

export interface IndexTable {
  readonly name: string;
  /** Columns after (rid, resource_type): name and PostgreSQL array element type. */
  readonly columns: readonly (readonly [string, string])[];
}

/** Rows per table name: each row holds the values of `columns`, in order. */
export type IndexRows = Map<string, unknown[][]>;

export const INDEX_TABLES: readonly IndexTable[] = [
  { name: 'search_token', columns: [['param', 'text'], ['system', 'text'], ['code', 'text']] },
];
