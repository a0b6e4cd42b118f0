import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { IgnisConfig } from '../config/ignis-config';
import { ResourceStore } from '../interactions/resource-store';
import { dataSourceOptions } from './data-source-options';
import { GenericPlans } from './generic-plans';
import { Indexer } from './indexing/indexer';
import { PgReindexStore } from './pg-reindex-store';
import { PgResourceStore } from './pg-resource-store';
import { ReindexStore } from '../interactions/reindex-store';
import { ValueSetIndex } from '../validation/value-sets';

const poolOf = (dataSource: DataSource) => (dataSource.driver as PostgresDriver).master as Pool;

/** TypeORM owns the schema (migrations at start-up); hot paths share its pg pool with hand-written SQL. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [IgnisConfig],
      useFactory: (config: IgnisConfig) => dataSourceOptions(config.DATABASE_URL as string, config.DB_POOL_SIZE),
    }),
  ],
  providers: [
    Indexer,
    { provide: ReindexStore, useClass: PgReindexStore },
    {
      provide: GenericPlans,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => {
        const plans = new GenericPlans(poolOf(dataSource));
        plans.start();
        return plans;
      },
    },
    {
      provide: ResourceStore,
      inject: [DataSource, Indexer, IgnisConfig, ValueSetIndex, GenericPlans],
      useFactory: (dataSource: DataSource, indexer: Indexer, config: IgnisConfig, valueSets: ValueSetIndex, genericPlans: GenericPlans) => {
        const pool = poolOf(dataSource);
        // Group inserts and group updates together never take more than half the pool (a quarter each, at least one):
        // the rest stays free for reads and searches.
        const writeConcurrency = Math.max(1, Math.min(config.DB_WRITE_CONCURRENCY, Math.floor(config.DB_POOL_SIZE / 4)));
        return new PgResourceStore(pool, indexer, pool, { baseUrl: config.baseUrl, valueSets, writeConcurrency, genericPlans });
      },
    },
  ],
  exports: [ResourceStore, ReindexStore],
})
export class StorageModule {}
