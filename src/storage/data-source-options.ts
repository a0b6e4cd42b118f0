// TypeORM options shared by the server and `npm run migration:run`: migrations only, never synchronize.
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ReindexJobRow } from './entities/reindex-job.entity';
import { ResourceHistoryRow } from './entities/resource-history.entity';
import { ResourceRow } from './entities/resource.entity';
import { SearchParameterIndexRow } from './entities/search-parameter-index.entity';

/** Bounds every statement so that no query runs unbounded. */
export const STATEMENT_TIMEOUT_MS = 30_000;

/** The options of a pool; `migrating`: no statement timeout, since a migration over a large table takes what it takes. */
export function dataSourceOptions(url: string, poolSize: number, migrating = false): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [ResourceRow, ResourceHistoryRow, ReindexJobRow, SearchParameterIndexRow],
    migrations: MIGRATIONS,
    migrationsRun: !migrating,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'migration'],
    // Prepared statements (the hot paths', and searches once the database is large: generic-plans.ts) are planned
    // once, with their parameters unknown: each has one good plan whatever the values, and planning a one-hit
    // search cost more than running it. Unnamed statements are planned for their values, as always.
    extra: { max: poolSize, statement_timeout: migrating ? 0 : STATEMENT_TIMEOUT_MS, application_name: 'ignis', options: '-c plan_cache_mode=force_generic_plan' },
  };
}
