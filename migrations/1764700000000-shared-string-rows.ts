import type { MigrationInterface, QueryRunner } from 'typeorm';
import { borrowingParameters } from './shared-rows';

/**
 * String parameters on a part of a HumanName or Address (`family`, `given`, `address-city`…) and those with the
 * same expression as another (`phonetic` = `name`) search the rows of the whole (`name`, `address`): each value is
 * indexed once, with the part it came from (SharedRows in src/search/search-parameters.ts). A Patient had 20 string
 * rows, with 3 index entries each, for 10 distinct values; its create spent more time on them than on anything else.
 *
 * Existing rows: a part parameter's rows become the whole's rows of that part, the whole's own copies of them go, and
 * the rows of a second parameter on the same expression go. The whole's other values (prefix, line…) keep part NULL:
 * no parameter searches those parts. The prefix index also carries `part`, so a part search stays index-only.
 */
export class SharedStringRows1764700000000 implements MigrationInterface {
  name = 'SharedStringRows1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE search_string ADD COLUMN part text`);
    for (const { resourceType: type, borrowers: shared } of borrowingParameters('string')) {
      for (const { code, rows } of shared) {
        if (rows?.part === undefined) await q.query(`DELETE FROM search_string WHERE resource_type = $1 AND param = $2`, [type, code]);
        else await q.query(`UPDATE search_string SET param = $3, part = $4 WHERE resource_type = $1 AND param = $2`, [type, code, rows.key, rows.part]);
      }
      for (const key of new Set(shared.map((p) => p.rows?.key))) {
        await q.query(
          `DELETE FROM search_string w USING search_string p
           WHERE w.resource_type = $1 AND w.param = $2 AND w.part IS NULL
             AND p.rid = w.rid AND p.resource_type = $1 AND p.param = $2 AND p.part IS NOT NULL AND p.normalized = w.normalized AND p.exact = w.exact`,
          [type, key],
        );
      }
    }
    await q.query(`DROP INDEX search_string_prefix_idx`);
    await q.query(`CREATE INDEX search_string_prefix_idx ON search_string (resource_type, param, normalized_key text_pattern_ops) INCLUDE (rid, part)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The shared rows stay shared: a $reindex of the types with HumanName or Address parameters restores separate ones.
    await q.query(`DROP INDEX search_string_prefix_idx`);
    await q.query(`CREATE INDEX search_string_prefix_idx ON search_string (resource_type, param, normalized_key text_pattern_ops) INCLUDE (rid)`);
    await q.query(`ALTER TABLE search_string DROP COLUMN part`);
  }
}
