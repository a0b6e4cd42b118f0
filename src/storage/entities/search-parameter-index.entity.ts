import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The definition (hash) of a custom search parameter the index was completely built with; see reindex-job.entity.ts. */
@Entity({ name: 'search_parameter_index' })
export class SearchParameterIndexRow {
  @PrimaryColumn({ name: 'resource_type', type: 'text', primaryKeyConstraintName: 'search_parameter_index_pkey' })
  resourceType!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'search_parameter_index_pkey' })
  code!: string;

  @Column({ type: 'text' })
  hash!: string;

  @Column({ name: 'indexed_at', type: 'timestamptz' })
  indexedAt!: Date;
}
