// A fresh, throw-away PostgreSQL database for one bench run: a new database on DATABASE_URL's server, or an embedded cluster.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/storage/embedded-postgres';

export interface BenchDatabase {
  /** Connection URL of the fresh database. */
  readonly url: string;
  /** Where it lives, for the report: `server` (DATABASE_URL) or `embedded`. */
  readonly kind: 'server' | 'embedded';
  /** Drops the database (or stops the cluster and removes its folder). Safe to call twice. */
  dispose(): Promise<void>;
}

/** Runs `fn` with a short-lived client on `url` (no pool: these are one-off admin statements). */
export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(log: (msg: string) => void): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  return serverUrl ? createOnServer(serverUrl, log) : createEmbedded(log);
}

async function createOnServer(serverUrl: string, log: (msg: string) => void): Promise<BenchDatabase> {
  // A timestamped name so two runs (or a crashed earlier one) never share data.
  const name = `ignis_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 17)}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  log(`created database ${name} on ${url.host}`);
  let disposed = false;
  return {
    url: url.toString(),
    kind: 'server',
    async dispose() {
      if (disposed) return;
      disposed = true;
      // FORCE (PG 13+) ends connections a killed child may have left behind.
      await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      log(`dropped database ${name}`);
    },
  };
}

async function createEmbedded(log: (msg: string) => void): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'ignis-bench-'));
  // As root the cluster runs as the OS user `postgres`, which must be able to traverse this folder.
  chmodSync(dir, 0o711);
  let db;
  try {
    db = await startEmbeddedPostgres(dir, 'ignis_bench');
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  log(`started embedded PostgreSQL in ${dir}`);
  const started = db;
  let disposed = false;
  return {
    url: started.url,
    kind: 'embedded',
    async dispose() {
      if (disposed) return;
      disposed = true;
      await started.stop().catch((err: unknown) => log(`stopping embedded PostgreSQL: ${String(err)}`));
      rmSync(dir, { recursive: true, force: true });
      log(`removed ${dir}`);
    },
  };
}

/**
 * A database that outlives the run (the search bench's million resources take minutes to load): `name` on
 * DATABASE_URL's server (default the local PostgreSQL), created when absent, or dropped and created again when
 * `recreate`. Never dropped by the bench.
 */
export async function keptDatabase(name: string, recreate: boolean, log: (msg: string) => void): Promise<{ url: string; created: boolean }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name '${name}' must be a plain lower-case identifier`);
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const created = await withClient(serverUrl, async (c) => {
    if (recreate) {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      log(`dropped database ${name}`);
    }
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await c.query(`CREATE DATABASE ${name}`);
    log(`created database ${name} on ${url.host}`);
    return true;
  });
  return { url: url.toString(), created };
}

/**
 * Waits (at most `maxSeconds`) until no other statement has run in `url`'s database for 2 s: when a load generator
 * stops, the requests it left queued in the server still run, and would land in the next measurement. True when idle.
 */
export async function waitIdle(url: string, maxSeconds: number): Promise<boolean> {
  const sql = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`;
  return withClient(url, async (c) => {
    const deadline = Date.now() + maxSeconds * 1000;
    // A server's connection is briefly idle between two queued requests: only 8 idle samples in a row count.
    for (let idle = 0; Date.now() < deadline; ) {
      idle = (await c.query<{ n: number }>(sql)).rows[0]!.n === 0 ? idle + 1 : 0;
      if (idle >= 8) return true;
      await new Promise((done) => setTimeout(done, 250));
    }
    return false;
  });
}
