import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The current version of every resource (`resource`) and every version ever written (`resource_history`).
 * `rid` is a compact surrogate key that index tables point at; (resource_type, id) is the FHIR identity.
 * `content` is the exact JSON we serve (TEXT, not JSONB: reads stream it without a parse, and key order is kept).
 */
export class CreateResourceTables1764064800000 implements MigrationInterface {
  name = 'CreateResourceTables1764064800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE resource (
        rid           bigint GENERATED ALWAYS AS IDENTITY,
        resource_type text        NOT NULL,
        id            text        NOT NULL,
        version_id    integer     NOT NULL,
        last_updated  timestamptz NOT NULL,
        deleted       boolean     NOT NULL DEFAULT false,
        content       text,
        CONSTRAINT resource_pkey PRIMARY KEY (rid),
        CONSTRAINT resource_type_id_key UNIQUE (resource_type, id)
      )`);
    await q.query(`
      CREATE TABLE resource_history (
        rid           bigint      NOT NULL,
        version_id    integer     NOT NULL,
        resource_type text        NOT NULL,
        id            text        NOT NULL,
        last_updated  timestamptz NOT NULL,
        method        text        NOT NULL,
        content       text,
        CONSTRAINT resource_history_pkey PRIMARY KEY (rid, version_id),
        CONSTRAINT resource_history_method_check CHECK (method IN ('POST', 'PUT', 'PATCH', 'DELETE'))
      )`);
    // System- and type-level history page newest first by (last_updated, rid, version_id) keyset.
    await q.query(`CREATE INDEX resource_history_last_updated_idx ON resource_history (last_updated, rid, version_id)`);
    await q.query(`CREATE INDEX resource_history_type_last_updated_idx ON resource_history (resource_type, last_updated, rid, version_id)`);
    await q.query(`CREATE INDEX resource_type_last_updated_idx ON resource (resource_type, last_updated)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE resource_history`);
    await q.query(`DROP TABLE resource`);
  }
}
