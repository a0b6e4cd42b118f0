import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Search pages walk a type's current resources in rid order (keyset paging); this index makes each page a range scan. */
export class IndexResourcesByTypeAndRid1764064950000 implements MigrationInterface {
  name = 'IndexResourcesByTypeAndRid1764064950000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX resource_type_rid_idx ON resource (resource_type, rid) WHERE NOT deleted`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX resource_type_rid_idx`);
  }
}
