// One database per test run: a fresh database on DATABASE_URL's server, else in an embedded PostgreSQL; migrations once.
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/storage/data-source-options';
import { startEmbeddedPostgres } from '../src/storage/embedded-postgres';
import { projectPath } from '../src/conformance/project-path';

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/** Creates `ignis_test_<n>` next to the database of `serverUrl`; falls back to that database itself if it may not. */
async function freshDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `ignis_test_${Date.now()}_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    console.warn(`Could not create a test database (${(error as Error).message}); using DATABASE_URL as it is`);
    await admin.end();
    return { url: serverUrl, drop: async () => undefined };
  }
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export default async function globalSetup(): Promise<void> {
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres(projectPath('.data', 'test'), 'postgres');
  const database = await freshDatabase(process.env.DATABASE_URL ?? (embedded?.url as string));
  const dataSource = new DataSource({ ...dataSourceOptions(database.url, 1), migrationsRun: false, logging: false });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env.IGNIS_TEST_DATABASE_URL = database.url;
  (globalThis as Record<string, unknown>).__ignisTeardown = async () => {
    await database.drop();
    await embedded?.stop();
  };
}
