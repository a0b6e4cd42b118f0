import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Token search index (https://hl7.org/fhir/R4/search.html#token): one row per (resource, parameter, system, code).
 * Rows of a resource are replaced in the same statement that writes the resource, and removed on delete.
 */
export class CreateTokenIndexTable1764064900000 implements MigrationInterface {
  name = 'CreateTokenIndexTable1764064900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE search_token (
        rid           bigint NOT NULL,
        resource_type text   NOT NULL,
        param         text   NOT NULL,
        system        text,
        code          text
      )`);
    await q.query(`CREATE INDEX search_token_code_idx ON search_token (resource_type, param, code, system) INCLUDE (rid)`);
    await q.query(`CREATE INDEX search_token_rid_idx ON search_token (rid)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE search_token`);
  }
}
