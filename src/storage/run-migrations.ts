// `npm run migration:run`: applies pending migrations to DATABASE_URL (or the embedded database) and exits.
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/ignis-config';
import { dataSourceOptions } from './data-source-options';
import { startEmbeddedPostgres } from './embedded-postgres';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres(config.DATA_DIR);
  const dataSource = new DataSource(dataSourceOptions(config.DATABASE_URL ?? (embedded?.url as string), 1, true));
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}` : 'The schema is up to date.');
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
