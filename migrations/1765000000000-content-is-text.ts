import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `_content` now indexes the text of a resource (its string and markdown values and its narrative:
 * src/fhir/definitions/text-elements.ts), no longer every JSON string in it (ids, uris, codes, dates). The vectors
 * already stored can only be rebuilt by the indexer, so a database that holds resources gets a `$reindex` job over
 * all of them, which the server runs in the background at start-up (src/interactions/reindex.ts); until it has
 * passed a resource, `_content` still finds that resource by its old words too.
 */
export class ContentIsText1765000000000 implements MigrationInterface {
  name = 'ContentIsText1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO reindex_job (resource_type, status, total)
      SELECT NULL, 'queued', count(*) FROM resource WHERE NOT deleted HAVING count(*) > 0`);
  }

  async down(): Promise<void> {
    // Nothing to undo: the job rewrites index rows the way the running code indexes.
  }
}
