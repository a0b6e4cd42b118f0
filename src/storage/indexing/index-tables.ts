// The search index tables: one per parameter type, all keyed by `rid` (resource.rid) and `resource_type`.
// Table and column names come only from this closed list; request text never names one.
// Their indexes, and why, are in migrations/1764070000000-create-search-tables-for-every-parameter-type.ts.

export interface IndexTable {
  readonly name: string;
  /** Columns after (rid, resource_type): name and PostgreSQL array element type. */
  readonly columns: readonly (readonly [string, string])[];
}

/** Rows per table name: each row holds the values of `columns`, in order. */
export type IndexRows = Map<string, unknown[][]>;

/**
 * Where a table has `element`, it comes after the values: extractors leave it out or NULL, and only a composite's
 * components (composite-index.ts) set it, so that the components of one element can be joined. search_string's
 * `part` follows it: the HumanName or Address part a value came from (string-index.ts), NULL for a plain string.
 * search_token's `patient` follows it: the indexer sets it on every row of a resource (patientOf); then `part`: the
 * system of a ContactPoint (`phone`, `email`…), which `phone` and `email` search (SharedRows).
 */
export const INDEX_TABLES: readonly IndexTable[] = [
  { name: 'search_token', columns: [['param', 'text'], ['system', 'text'], ['code', 'text'], ['text', 'text'], ['element', 'int'], ['patient', 'text'], ['part', 'text']] },
  { name: 'search_string', columns: [['param', 'text'], ['normalized', 'text'], ['exact', 'text'], ['element', 'int'], ['part', 'text']] },
  { name: 'search_uri', columns: [['param', 'text'], ['uri', 'text']] },
  { name: 'search_date', columns: [['param', 'text'], ['low', 'timestamptz'], ['high', 'timestamptz'], ['element', 'int']] },
  { name: 'search_number', columns: [['param', 'text'], ['low', 'numeric'], ['high', 'numeric'], ['element', 'int']] },
  {
    name: 'search_quantity',
    columns: [['param', 'text'], ['system', 'text'], ['code', 'text'], ['unit', 'text'], ['low', 'numeric'], ['high', 'numeric'], ['element', 'int']],
  },
  {
    name: 'search_reference',
    columns: [['param', 'text'], ['target_type', 'text'], ['target_id', 'text'], ['url', 'text'], ['identifier_system', 'text'], ['identifier_value', 'text'], ['element', 'int']],
  },
  { name: 'search_text', columns: [['param', 'text'], ['lexemes', 'tsvector']] },
];

/** The position of `column` in a table's rows (after rid and resource_type); -1 when the table has none. */
export const columnOf = (table: string, column: string): number => INDEX_TABLES.find((t) => t.name === table)?.columns.findIndex(([name]) => name === column) ?? -1;

/** PostgreSQL text cannot hold U+0000 (JSON can): it is dropped from indexed text. */
export const indexable = (s: string): string => (s.includes('\u0000') ? s.replace(/\u0000/g, '') : s);


/**
 * The Patient a resource's `patient` search parameter names, as stored in search_token.patient: its id when it names
 * one local Patient, '' when several (a search then checks them by the reference rows), null when none. Searches
 * with `patient=` use it to find one patient's codes in one index range (migration 1764600000000).
 */
export function patientOf(rows: IndexRows): string | null {
  const ids = new Set<string>();
  for (const [param, targetType, targetId, url] of rows.get('search_reference') ?? []) {
    if (param === 'patient' && targetType === 'Patient' && url === null) ids.add(targetId as string);
  }
  if (ids.size === 0) return null;
  return ids.size === 1 ? ids.values().next().value! : '';
}
