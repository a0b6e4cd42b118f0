import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The current version of a resource lives in `resource` only; `resource_history` keeps the versions it replaced (an
 * update moves the replaced row there in the same statement). Every version was stored twice: a create wrote its
 * content, a heap row and three B-tree entries into history as well as the head. `resource` gains the method that
 * wrote its version, and the view `resource_version` (every version: both tables) is what history and vread read.
 */
export class CurrentVersionStoredOnce1764900000000 implements MigrationInterface {
  name = 'CurrentVersionStoredOnce1764900000000';

  async up(q: QueryRunner): Promise<void> {
    // A create is the commonest writer: only the other rows are rewritten by the backfill.
    await q.query(`ALTER TABLE resource ADD COLUMN method text NOT NULL DEFAULT 'POST'
      CONSTRAINT resource_method_check CHECK (method IN ('POST', 'PUT', 'PATCH', 'DELETE'))`);
    await q.query(`UPDATE resource r SET method = h.method FROM resource_history h
      WHERE h.rid = r.rid AND h.version_id = r.version_id AND h.method <> 'POST'`);
    await q.query(`ALTER TABLE resource ALTER COLUMN method DROP DEFAULT`);
    await q.query(`DELETE FROM resource_history h USING resource r WHERE h.rid = r.rid AND h.version_id = r.version_id`);
    // System and type history page the current versions newest first too, merged with the replaced ones by (last_updated, rid).
    await q.query(`CREATE INDEX resource_last_updated_idx ON resource (last_updated, rid)`);
    await q.query(`CREATE INDEX resource_type_last_updated_rid_idx ON resource (resource_type, last_updated, rid)`);
    await q.query(`DROP INDEX resource_type_last_updated_idx`);
    await q.query(`ALTER INDEX resource_type_last_updated_rid_idx RENAME TO resource_type_last_updated_idx`);
    await q.query(`CREATE VIEW resource_version AS
      SELECT rid, version_id, resource_type, id, last_updated, method, content FROM resource_history
      UNION ALL
      SELECT rid, version_id, resource_type, id, last_updated, method, content FROM resource`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW resource_version`);
    await q.query(`DROP INDEX resource_last_updated_idx`);
    await q.query(`CREATE INDEX resource_type_last_updated_plain_idx ON resource (resource_type, last_updated)`);
    await q.query(`DROP INDEX resource_type_last_updated_idx`);
    await q.query(`ALTER INDEX resource_type_last_updated_plain_idx RENAME TO resource_type_last_updated_idx`);
    await q.query(`INSERT INTO resource_history (rid, version_id, resource_type, id, last_updated, method, content)
      SELECT rid, version_id, resource_type, id, last_updated, method, content FROM resource`);
    await q.query(`ALTER TABLE resource DROP COLUMN method`);
  }
}
