import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReindexStatus } from '../../interactions/reindex-store';

/** One `$reindex` job and its progress; created by migrations/…-create-reindex-tables.ts. */
@Entity({ name: 'reindex_job' })
@Check('reindex_job_status_check', `status IN ('queued', 'running', 'completed', 'cancelled', 'failed')`)
export class ReindexJobRow {
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'reindex_job_pkey' })
  id!: string;

  /** Null: every type. */
  @Column({ name: 'resource_type', type: 'text', nullable: true })
  resourceType!: string | null;

  @Column({ type: 'text' })
  status!: ReindexStatus;

  @Column({ type: 'bigint', default: 0 })
  total!: string;

  @Column({ type: 'bigint', default: 0 })
  processed!: string;

  /** Resources are rewritten in rid order: the job resumes after this one. */
  @Column({ name: 'last_rid', type: 'bigint', default: 0 })
  lastRid!: string;

  /** The custom parameter definitions (type, code, hash) the job indexes with. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  parameters!: { resourceType: string; code: string; hash: string }[];

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Set by the process running the job; a stale heartbeat lets another process take the job over. */
  @Column({ type: 'timestamptz', nullable: true })
  heartbeat!: Date | null;
}
