// TypeORM options shared by the server and `npm run migration:run`: migrations only, never synchronize.
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ReindexJobRow } from './entities/reindex-job.entity';
import { ResourceHistoryRow } from './entities/resource-history.entity';
import { ResourceRow } from './entities/resource.entity';
import { SearchParameterIndexRow } from './entities/search-parameter-index.entity';

/** Bounds every statement so that no query runs unbounded. */
export const STATEMENT_TIMEOUT_MS = 30_000;

export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [ResourceRow, ResourceHistoryRow, ReindexJobRow, SearchParameterIndexRow],
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'migration'],
    extra: { max: poolSize, statement_timeout: STATEMENT_TIMEOUT_MS, application_name: 'ignis' },
  };
}
