// Ingest of the Synthea transaction Bundles (../shared/data/synthea) with 1, 2 and 4 concurrent clients, each on a
// fresh database, beside the bulk-insert ceiling measured in the same run: multi-row INSERTs (100 rows) of the same
// resource JSON into one table with a primary key and no other index, by as many clients. `npm run bench:ingest`.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { createBenchDatabase, withClient } from './database';
import { startServer } from './processes';

const ROOT = resolve(__dirname, '..', '..');
const SYNTHEA = resolve(ROOT, '..', 'shared', 'data', 'synthea');
const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,2,4').split(',').map(Number);
const WORKERS = Number(process.env.WORKERS ?? 1);
const log = (msg: string) => process.stderr.write(`${msg}\n`);

interface Row {
  clients: number;
  ignisPerSec: number;
  ceilingPerSec: number;
  ratio: number;
  seconds: number;
  failures: number;
}

/** Bulk-insert ceiling: every resource's JSON, 100 rows per INSERT, `clients` connections in parallel. */
async function ceiling(url: string, resources: string[], clients: number): Promise<number> {
  await withClient(url, (c) => c.query('DROP TABLE IF EXISTS ceiling_bulk; CREATE TABLE ceiling_bulk (id bigint PRIMARY KEY, content jsonb NOT NULL)'));
  const pool = new Pool({ connectionString: url, max: clients });
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < resources.length) {
      const start = next;
      next += 100;
      const chunk = resources.slice(start, start + 100);
      await pool.query('INSERT INTO ceiling_bulk (id, content) SELECT * FROM unnest($1::bigint[], $2::jsonb[])', [chunk.map((_, i) => start + i), chunk]);
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  return resources.length / seconds;
}

/** POSTs every Bundle (the 0-* shared ones first, alone) with `clients` in parallel; resources per second. */
async function ingest(baseUrl: string, bundles: [string, string, number][], clients: number): Promise<{ perSec: number; seconds: number; failures: number }> {
  const post = async ([file, body, entries]: [string, string, number]) => {
    const res = await fetch(`${baseUrl}/fhir`, { method: 'POST', headers: { 'content-type': 'application/fhir+json', prefer: 'return=minimal' }, body });
    const text = await res.text();
    if (res.status !== 200) log(`  ${file}: ${res.status} ${text.slice(0, 200)}`);
    return res.status === 200 ? entries : -1;
  };
  const started = performance.now();
  let resources = 0;
  let failures = 0;
  const shared = bundles.filter(([f]) => f.startsWith('0-'));
  const patients = bundles.filter(([f]) => !f.startsWith('0-'));
  for (const b of shared) (await post(b)) >= 0 ? (resources += b[2]) : failures++;
  let next = 0;
  const worker = async () => {
    while (next < patients.length) {
      const b = patients[next++];
      (await post(b)) >= 0 ? (resources += b[2]) : failures++;
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { perSec: resources / seconds, seconds, failures };
}

async function main(): Promise<void> {
  if (!existsSync(SYNTHEA)) {
    log(`Skipping: ${SYNTHEA} is absent (the shared Synthea data is not beside this checkout)`);
    return;
  }
  const files = readdirSync(SYNTHEA).filter((f) => f.endsWith('.json')).sort();
  const bundles = files.map((f): [string, string, number] => {
    const body = readFileSync(join(SYNTHEA, f), 'utf8');
    return [f, body, (JSON.parse(body) as { entry?: unknown[] }).entry?.length ?? 0];
  });
  const resources = bundles.flatMap(([, body]) => ((JSON.parse(body) as { entry?: { resource: unknown }[] }).entry ?? []).map((e) => JSON.stringify(e.resource)));
  log(`${bundles.length} Bundles, ${resources.length} resources; clients ${CLIENTS.join(', ')}; WORKERS=${WORKERS}; ${availableParallelism()} cores`);
  const rows: Row[] = [];
  for (const clients of CLIENTS) {
    const db = await createBenchDatabase(log);
    try {
      const server = await startServer(join(ROOT, 'dist', 'src', 'main.js'), [], { DATABASE_URL: db.url, HOST: '127.0.0.1', LOG_LEVEL: 'warn', WORKERS: String(WORKERS) }, 18090, '/dev/null', 60_000);
      try {
        const run = await ingest(server.baseUrl, bundles, clients);
        const ceilingPerSec = await ceiling(db.url, resources, clients);
        rows.push({ clients, ignisPerSec: Math.round(run.perSec), ceilingPerSec: Math.round(ceilingPerSec), ratio: Math.round((run.perSec / ceilingPerSec) * 1000) / 1000, seconds: Math.round(run.seconds * 10) / 10, failures: run.failures });
        log(`clients ${clients}: ${Math.round(run.perSec)} resources/s (${run.seconds.toFixed(1)} s, ${run.failures} failed), ceiling ${Math.round(ceilingPerSec)} rows/s`);
      } finally {
        await server.stop();
      }
    } finally {
      await db.dispose();
    }
  }
  console.log('| clients | Ignis resources/s | bulk-insert ceiling rows/s | ratio | seconds | failed bundles |\n|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.clients} | ${r.ignisPerSec} | ${r.ceilingPerSec} | ${r.ratio} | ${r.seconds} | ${r.failures} |`);
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `ingest-${new Date().toISOString().replace(/:/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), workers: WORKERS, resources: resources.length, rows }, null, 2));
  log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
