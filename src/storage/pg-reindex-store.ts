// ReindexStore on PostgreSQL: jobs in `reindex_job` (TypeORM), index rows rewritten with one statement per batch.
import { Injectable } from '@nestjs/common';
import type { Resource } from 'fhir/r4';
import type { Pool } from 'pg';
import { DataSource, type Repository } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { IndexedParameter, ReindexJob, ReindexStatus, ReindexStore } from '../interactions/reindex-store';
import { ReindexJobRow } from './entities/reindex-job.entity';
import { SearchParameterIndexRow } from './entities/search-parameter-index.entity';
import { Indexer } from './indexing/indexer';
import { asFhirError } from './postgres-errors';
import { REINDEX_SQL, indexParams } from './statements';

interface CurrentRow {
  rid: string;
  version_id: number;
  content: string;
}

const toJob = (row: ReindexJobRow): ReindexJob => ({
  id: row.id,
  resourceType: row.resourceType ?? undefined,
  status: row.status,
  total: Number(row.total),
  processed: Number(row.processed),
  lastRid: row.lastRid,
  parameters: row.parameters,
  error: row.error ?? undefined,
  createdAt: row.createdAt,
  finishedAt: row.finishedAt ?? undefined,
});

@Injectable()
export class PgReindexStore extends ReindexStore {
  private readonly jobs: Repository<ReindexJobRow>;
  /** Hand-written statements go to the pool TypeORM shares (its query() reshapes UPDATE … RETURNING results). */
  private readonly pool: Pool;

  constructor(
    private readonly db: DataSource,
    private readonly indexer: Indexer,
  ) {
    super();
    this.jobs = db.getRepository(ReindexJobRow);
    this.pool = (db.driver as PostgresDriver).master as Pool;
  }

  private async query<R>(sql: string, params: unknown[]): Promise<R[]> {
    try {
      return (await this.pool.query(sql, params)).rows as R[];
    } catch (error) {
      throw asFhirError(error);
    }
  }

  async create(resourceType: string | undefined, parameters: readonly IndexedParameter[]): Promise<ReindexJob> {
    const [{ total }] = await this.query<{ total: string }>(
      `SELECT count(*) AS total FROM resource WHERE NOT deleted AND ($1::text IS NULL OR resource_type = $1)`,
      [resourceType ?? null],
    );
    const row = this.jobs.create({ resourceType: resourceType ?? null, status: 'queued', total, parameters: [...parameters] });
    return toJob(await this.jobs.save(row));
  }

  async get(id: string): Promise<ReindexJob | undefined> {
    const row = /^\d{1,18}$/.test(id) ? await this.jobs.findOneBy({ id }) : null;
    return row ? toJob(row) : undefined;
  }

  async claim(staleMs: number): Promise<ReindexJob | undefined> {
    const rows = await this.query<{ id: string }>(
      `UPDATE reindex_job SET status = 'running', heartbeat = now()
       WHERE id = (SELECT id FROM reindex_job
                   WHERE status = 'queued' OR (status = 'running' AND heartbeat < now() - $1 * interval '1 millisecond')
                   ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [staleMs],
    );
    return rows[0] && this.get(rows[0].id);
  }

  async progress(id: string, processed: number, lastRid: string): Promise<ReindexStatus> {
    const rows = await this.query<{ status: ReindexStatus }>(
      `UPDATE reindex_job SET processed = $2, last_rid = $3, heartbeat = now() WHERE id = $1 RETURNING status`,
      [id, processed, lastRid],
    );
    return rows[0]?.status ?? 'cancelled';
  }

  async finish(id: string, status: 'completed' | 'failed', error?: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const ended = await tx.getRepository(ReindexJobRow).update({ id, status: 'running' }, { status, error: error ?? null, finishedAt: new Date() });
      const job = await tx.getRepository(ReindexJobRow).findOneBy({ id });
      if (status !== 'completed' || !ended.affected || !job?.parameters.length) return;
      const indexedAt = new Date();
      await tx.getRepository(SearchParameterIndexRow).upsert(job.parameters.map((p) => ({ ...p, indexedAt })), ['resourceType', 'code']);
    });
  }

  async cancel(id: string): Promise<boolean> {
    if (!/^\d{1,18}$/.test(id)) return false;
    const rows = await this.query<{ id: string }>(
      `UPDATE reindex_job SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [id],
    );
    return rows.length === 1;
  }

  async indexedParameters(): Promise<IndexedParameter[]> {
    const rows = await this.db.getRepository(SearchParameterIndexRow).find();
    return rows.map(({ resourceType, code, hash }) => ({ resourceType, code, hash }));
  }

  async reindexAfter(resourceType: string | undefined, afterRid: string, limit: number): Promise<{ read: number; lastRid: string }> {
    // One type walks resource_type_rid_idx, every type the primary key: both in rid order.
    const rows = resourceType
      ? await this.query<CurrentRow>(`SELECT rid, version_id, content FROM resource WHERE resource_type = $1 AND rid > $2 AND NOT deleted ORDER BY rid LIMIT $3`, [resourceType, afterRid, limit])
      : await this.query<CurrentRow>(`SELECT rid, version_id, content FROM resource WHERE rid > $1 AND NOT deleted ORDER BY rid LIMIT $2`, [afterRid, limit]);
    if (rows.length > 0) await this.rewrite(rows);
    return { read: rows.length, lastRid: rows.length ? rows[rows.length - 1].rid : afterRid };
  }

  async reindexOne(resourceType: string, id: string): Promise<boolean> {
    const rows = await this.query<CurrentRow>(`SELECT rid, version_id, content FROM resource WHERE resource_type = $1 AND id = $2 AND NOT deleted`, [resourceType, id]);
    return rows.length === 1 && (await this.rewrite(rows)) === 1;
  }

  private async rewrite(rows: readonly CurrentRow[]): Promise<number> {
    const params = [
      rows.map((r) => r.rid),
      rows.map((r) => r.version_id),
      ...indexParams('bigint', rows.map((r) => ({ key: r.rid, rows: this.indexer.index(JSON.parse(r.content) as Resource) }))),
    ];
    return (await this.query<{ rewritten: number }>(REINDEX_SQL, params))[0].rewritten;
  }
}
