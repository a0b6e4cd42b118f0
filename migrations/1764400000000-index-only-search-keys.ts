import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search indexes that answer from the index alone, in rid order where they can, with statistics that know how
 * the key columns depend on each other. Measured at a million resources (bench/README.md).
 *
 * - Key columns: the `left(column, 128)` bound (see the 1764070000000 migration) becomes a stored generated column
 *   `<column>_key`. PostgreSQL's planner uses an index-only scan only when every column a query names is in the
 *   index, and an index on the expression `left(code, 128)` does not hold `code`: every match cost a heap visit.
 *   On plain key columns a count or a page reads the index and the visibility map only.
 * - rid is the last key column (not an INCLUDE) of the equality indexes: the rows of one code or one reference
 *   target come in rid order, which is the order of a search without _sort, so a page past a cursor is a short
 *   range scan however large the result (search_token keeps system_key as INCLUDE: `code` and `system|code`
 *   share the index, and a code's rows stay in rid order across systems).
 * - Extended statistics on (resource_type, param, key…): the columns are strongly correlated (a param belongs to one
 *   resource type, a code to one param), and without them the planner multiplies selectivities and guesses a few
 *   hundred rows for a code that has 150,000, then hashes instead of walking an index in order.
 */
const KEYS: Record<string, readonly string[]> = {
  search_token: ['system', 'code', 'text'],
  search_string: ['normalized'],
  search_uri: ['uri'],
  search_quantity: ['system', 'code', 'unit'],
  search_reference: ['url', 'identifier_system', 'identifier_value'],
};

const INDEXES: readonly (readonly [string, string])[] = [
  ['search_token_code_idx', 'search_token (resource_type, param, code_key, rid) INCLUDE (system_key)'],
  ['search_token_text_idx', 'search_token (resource_type, param, text_key text_pattern_ops) INCLUDE (rid) WHERE text_key IS NOT NULL'],
  ['search_string_prefix_idx', 'search_string (resource_type, param, normalized_key text_pattern_ops) INCLUDE (rid)'],
  ['search_uri_uri_idx', 'search_uri (resource_type, param, uri_key text_pattern_ops) INCLUDE (rid)'],
  ['search_quantity_code_idx', 'search_quantity (resource_type, param, code_key, low, high, system_key) INCLUDE (rid)'],
  ['search_quantity_unit_idx', 'search_quantity (resource_type, param, unit_key, low, high) INCLUDE (rid)'],
  ['search_reference_target_idx', 'search_reference (resource_type, param, target_type, target_id, rid)'],
  ['search_reference_url_idx', 'search_reference (resource_type, param, url_key) INCLUDE (rid) WHERE url_key IS NOT NULL'],
  [
    'search_reference_identifier_idx',
    'search_reference (resource_type, param, identifier_value_key, identifier_system_key) INCLUDE (rid) WHERE identifier_value_key IS NOT NULL',
  ],
];

const STATISTICS: readonly (readonly [string, string])[] = [
  ['search_token_stats', 'search_token (resource_type, param, code_key, system_key)'],
  ['search_string_stats', 'search_string (resource_type, param)'],
  ['search_uri_stats', 'search_uri (resource_type, param)'],
  ['search_date_stats', 'search_date (resource_type, param)'],
  ['search_number_stats', 'search_number (resource_type, param)'],
  ['search_quantity_stats', 'search_quantity (resource_type, param, code_key)'],
  ['search_reference_stats', 'search_reference (resource_type, param, target_type)'],
];

/** `search_token (a, b)` → `ON a, b FROM search_token`. */
const statisticsTarget = (spec: string) => spec.replace(/^(\w+) \((.*)\)$/, 'ON $2 FROM $1');

export class IndexOnlySearchKeys1764400000000 implements MigrationInterface {
  name = 'IndexOnlySearchKeys1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // Dropped first: adding a stored column rewrites the table and rebuilds every index it still has.
    for (const [name] of INDEXES) await q.query(`DROP INDEX ${name}`);
    for (const [table, columns] of Object.entries(KEYS)) {
      await q.query(`ALTER TABLE ${table} ${columns.map((c) => `ADD COLUMN ${c}_key text GENERATED ALWAYS AS (left(${c}, 128)) STORED`).join(', ')}`);
    }
    for (const [name, spec] of INDEXES) await q.query(`CREATE INDEX ${name} ON ${spec}`);
    for (const [name, spec] of STATISTICS) await q.query(`CREATE STATISTICS ${name} (dependencies, mcv) ${statisticsTarget(spec)}`);
    for (const table of ['search_token', 'search_string', 'search_uri', 'search_date', 'search_number', 'search_quantity', 'search_reference']) {
      await q.query(`ANALYZE ${table}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of STATISTICS) await q.query(`DROP STATISTICS ${name}`);
    for (const [table, columns] of Object.entries(KEYS)) {
      // Dropping a key column drops the indexes on it; the next loop puts back the expression indexes.
      await q.query(`ALTER TABLE ${table} ${columns.map((c) => `DROP COLUMN ${c}_key`).join(', ')}`);
    }
    await q.query(`DROP INDEX IF EXISTS search_reference_target_idx`);
    await q.query(`CREATE INDEX search_token_code_idx ON search_token (resource_type, param, left(code, 128), left(system, 128)) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_token_text_idx ON search_token (resource_type, param, left(text, 128) text_pattern_ops) INCLUDE (rid) WHERE text IS NOT NULL`);
    await q.query(`CREATE INDEX search_string_prefix_idx ON search_string (resource_type, param, left(normalized, 128) text_pattern_ops) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_uri_uri_idx ON search_uri (resource_type, param, left(uri, 128) text_pattern_ops) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_quantity_code_idx ON search_quantity (resource_type, param, left(code, 128), low, high, left(system, 128)) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_quantity_unit_idx ON search_quantity (resource_type, param, left(unit, 128), low, high) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_reference_target_idx ON search_reference (resource_type, param, target_type, target_id) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_reference_url_idx ON search_reference (resource_type, param, left(url, 128)) INCLUDE (rid) WHERE url IS NOT NULL`);
    await q.query(`
      CREATE INDEX search_reference_identifier_idx ON search_reference (resource_type, param, left(identifier_value, 128), left(identifier_system, 128))
      INCLUDE (rid) WHERE identifier_value IS NOT NULL`);
  }
}
