import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `$reindex` (src/interactions/reindex.ts): its background jobs, and which definition of each custom search
 * parameter the index was last completely built with (a parameter is searchable only once that matches).
 */
export class CreateReindexTables1764300000000 implements MigrationInterface {
  name = 'CreateReindexTables1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reindex_job (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT reindex_job_pkey PRIMARY KEY,
        resource_type text,
        status text NOT NULL CONSTRAINT reindex_job_status_check CHECK (status IN ('queued', 'running', 'completed', 'cancelled', 'failed')),
        total bigint NOT NULL DEFAULT 0,
        processed bigint NOT NULL DEFAULT 0,
        last_rid bigint NOT NULL DEFAULT 0,
        parameters jsonb NOT NULL DEFAULT '[]',
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        heartbeat timestamptz
      )`);
    await q.query(`
      CREATE TABLE search_parameter_index (
        resource_type text NOT NULL,
        code text NOT NULL,
        hash text NOT NULL,
        indexed_at timestamptz NOT NULL,
        CONSTRAINT search_parameter_index_pkey PRIMARY KEY (resource_type, code)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE search_parameter_index`);
    await q.query(`DROP TABLE reindex_job`);
  }
}
