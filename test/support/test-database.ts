// Test databases: global setup migrates one template; each e2e suite gets its own copy, so suites never share data.
import { Client } from 'pg';

const withServer = async <T>(serverUrl: string, work: (c: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates `name` (from `template` when given); false when the server does not allow it. */
export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<boolean> {
  try {
    await withServer(serverUrl, (c) => c.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
    return true;
  } catch (error) {
    console.warn(`Could not create database ${name}: ${(error as Error).message}`);
    return false;
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** A database for one suite: a copy of the run's template, or the shared database where copies cannot be made. */
export async function suiteDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = process.env.IGNIS_TEST_SERVER_URL as string;
  const template = process.env.IGNIS_TEST_TEMPLATE;
  if (!template) return { url: server, drop: async () => undefined };
  const name = `${template}_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  if (!(await createDatabase(server, name, template))) return { url: databaseUrl(server, template), drop: async () => undefined };
  return { url: databaseUrl(server, name), drop: () => dropDatabase(server, name) };
}
