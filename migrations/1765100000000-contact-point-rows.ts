import type { MigrationInterface, QueryRunner } from 'typeorm';
import { borrowingParameters } from './shared-rows';

/**
 * Token parameters on the ContactPoints of one system (`phone`, `email`: `Patient.telecom.where(system='phone')`)
 * search the rows of the parameter on all of them (`telecom`), which now carry the ContactPoint's system as their
 * `part` (SharedRows in src/search/search-parameters.ts): a Patient with three ContactPoints has three token rows for
 * them instead of six, and each row costs its heap tuple and two index entries on every write.
 *
 * Existing rows: each `phone`/`email` row becomes a `telecom` row of that part, and the `telecom` row without a part
 * it duplicates goes. The `telecom` rows of other systems (fax, sms…) keep no part: no parameter searches by those.
 * No index changes: a part is checked on the rows of one value, which the existing indexes find.
 */
export class ContactPointRows1765100000000 implements MigrationInterface {
  name = 'ContactPointRows1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE search_token ADD COLUMN part text`);
    for (const { resourceType: type, borrowers: shared } of borrowingParameters('token')) {
      for (const { code, rows } of shared) {
        await q.query(
          `INSERT INTO search_token (rid, resource_type, param, system, code, text, element, patient, part)
           SELECT rid, resource_type, $3, system, code, text, element, patient, $4 FROM search_token WHERE resource_type = $1 AND param = $2`,
          [type, code, rows?.key, rows?.part],
        );
        await q.query(`DELETE FROM search_token WHERE resource_type = $1 AND param = $2`, [type, code]);
      }
      for (const key of new Set(shared.map((p) => p.rows?.key))) {
        await q.query(
          `DELETE FROM search_token w USING search_token p
           WHERE w.resource_type = $1 AND w.param = $2 AND w.part IS NULL
             AND p.rid = w.rid AND p.resource_type = $1 AND p.param = $2 AND p.part IS NOT NULL
             AND p.code IS NOT DISTINCT FROM w.code AND p.system IS NOT DISTINCT FROM w.system`,
          [type, key],
        );
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { resourceType: type, borrowers } of borrowingParameters('token')) {
      for (const { code, rows } of borrowers) {
        await q.query(
          `INSERT INTO search_token (rid, resource_type, param, system, code, text, element, patient)
           SELECT rid, resource_type, $2, system, code, text, element, patient FROM search_token WHERE resource_type = $1 AND param = $3 AND part = $4`,
          [type, code, rows?.key, rows?.part],
        );
      }
    }
    await q.query(`ALTER TABLE search_token DROP COLUMN part`);
  }
}
