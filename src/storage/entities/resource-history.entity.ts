import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Every version that was replaced by a newer one (the current ones are in `resource`), append-only; created by migrations/…-create-resource-tables.ts. */
@Entity({ name: 'resource_history' })
@Check('resource_history_method_check', `method IN ('POST', 'PUT', 'PATCH', 'DELETE')`)
@Index('resource_history_last_updated_idx', ['lastUpdated', 'rid', 'versionId'])
@Index('resource_history_type_last_updated_idx', ['resourceType', 'lastUpdated', 'rid', 'versionId'])
export class ResourceHistoryRow {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'resource_history_pkey' })
  rid!: string;

  @PrimaryColumn({ name: 'version_id', type: 'integer', primaryKeyConstraintName: 'resource_history_pkey' })
  versionId!: number;

  @Column({ name: 'resource_type', type: 'text' })
  resourceType!: string;

  @Column({ type: 'text' })
  id!: string;

  @Column({ name: 'last_updated', type: 'timestamptz' })
  lastUpdated!: Date;

  @Column({ type: 'text' })
  method!: 'POST' | 'PUT' | 'PATCH' | 'DELETE';

  @Column({ type: 'text', nullable: true })
  content!: string | null;
}
