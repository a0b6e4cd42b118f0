import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * _text and _content keep a tsvector made by Ignis (src/storage/full-text.ts) instead of the text that PostgreSQL
 * parsed with to_tsvector in the index expression: that parser was 10–14% of the PostgreSQL time of a create,
 * and queries now build their tsquery with the same tokeniser, so both sides agree by construction.
 * Existing rows are converted in SQL the way the tokeniser reads text (runs of letters and digits of the
 * already-normalised content, positions in order); `$reindex` rewrites them exactly.
 */
export class FullTextLexemes1764500000000 implements MigrationInterface {
  name = 'FullTextLexemes1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE search_text ADD COLUMN lexemes tsvector`);
    await q.query(`UPDATE search_text SET lexemes = to_tsvector('simple', regexp_replace(content, '[^[:alnum:]]+', ' ', 'g'))`);
    await q.query(`DELETE FROM search_text WHERE lexemes = ''::tsvector`);
    await q.query(`DROP INDEX search_text_content_idx`);
    await q.query(`ALTER TABLE search_text DROP COLUMN content, ALTER COLUMN lexemes SET NOT NULL`);
    await q.query(`CREATE INDEX search_text_lexemes_idx ON search_text USING gin (lexemes)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX search_text_lexemes_idx`);
    await q.query(`ALTER TABLE search_text ADD COLUMN content text`);
    await q.query(`UPDATE search_text SET content = array_to_string(tsvector_to_array(lexemes), ' ')`);
    await q.query(`ALTER TABLE search_text DROP COLUMN lexemes, ALTER COLUMN content SET NOT NULL`);
    await q.query(`CREATE INDEX search_text_content_idx ON search_text USING gin (to_tsvector('simple', content))`);
  }
}
