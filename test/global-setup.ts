// One test run: a PostgreSQL (DATABASE_URL's server, else an embedded one), a template database migrated once,
// from which every e2e suite copies its own database (test/support/test-database.ts).
import { DataSource } from 'typeorm';
import { projectPath } from '../src/conformance/project-path';
import { dataSourceOptions } from '../src/storage/data-source-options';
import { startEmbeddedPostgres } from '../src/storage/embedded-postgres';
import { createDatabase, databaseUrl, dropDatabase } from './support/test-database';

export default async function globalSetup(): Promise<void> {
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres(projectPath('.data', 'test'), 'postgres');
  const server = process.env.DATABASE_URL ?? (embedded?.url as string);
  const template = `ignis_test_${Date.now()}_${process.pid}`;
  const isolated = await createDatabase(server, template);
  const url = isolated ? databaseUrl(server, template) : server;
  const dataSource = new DataSource({ ...dataSourceOptions(url, 1), migrationsRun: false, logging: false });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env.IGNIS_TEST_SERVER_URL = server;
  if (isolated) process.env.IGNIS_TEST_TEMPLATE = template;
  (globalThis as Record<string, unknown>).__ignisTeardown = async () => {
    if (isolated) await dropDatabase(server, template);
    await embedded?.stop();
  };
}
