import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** The current version of each resource; the table is created by migrations/…-create-resource-tables.ts. */
@Entity({ name: 'resource' })
@Check('resource_method_check', `method IN ('POST', 'PUT', 'PATCH', 'DELETE')`)
@Index('resource_last_updated_idx', ['lastUpdated', 'rid'])
@Unique('resource_type_id_key', ['resourceType', 'id'])
@Index('resource_type_last_updated_idx', ['resourceType', 'lastUpdated', 'rid'])
@Index('resource_type_rid_idx', ['resourceType', 'rid'], { where: 'NOT deleted' })
export class ResourceRow {
  @PrimaryColumn({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'resource_pkey' })
  rid!: string;

  @Column({ name: 'resource_type', type: 'text' })
  resourceType!: string;

  @Column({ type: 'text' })
  id!: string;

  @Column({ name: 'version_id', type: 'integer' })
  versionId!: number;

  @Column({ name: 'last_updated', type: 'timestamptz' })
  lastUpdated!: Date;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;

  @Column({ type: 'text', nullable: true })
  content!: string | null;

  /** The interaction that wrote this version, for history Bundles. */
  @Column({ type: 'text' })
  method!: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
}
