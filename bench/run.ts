// `npm run bench`: on a fresh database, Ignis's create/read/vread/update and the two ceilings under autocannon; prints and saves the table.
import { existsSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { POOL_SIZE, prepareCeilingTable } from './ceiling';
import { createBenchDatabase, withClient, type BenchDatabase } from './database';
import { measure, type LoadOptions, type Measurement } from './measure';
import { bounded, option } from './options';
import { startServer, type ServerProcess } from './processes';
import { formatTable, medianRuns, toRows, writeReport } from './report';
import { freePort } from '../src/storage/embedded-postgres';
import { create } from './workloads/create';
import { read, READ_POOL } from './workloads/read';
import { update } from './workloads/update';
import { vread } from './workloads/vread';
import { seedPatients, type Load, type Workload } from './workloads/workload';

const WORKLOADS: readonly Workload[] = [create, read, vread, update];
const CEILING = { read: 'ceiling-read', insert: 'ceiling-insert' } as const;

interface Step {
  readonly name: string;
  readonly target: 'ceiling' | 'ignis';
  readonly server: ServerProcess;
  readonly load: Load;
}

const log = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);

async function main(): Promise<void> {
  const load: LoadOptions = { duration: bounded('duration', 10, 1, 600), connections: bounded('connections', 50, 1, 1000), warmup: bounded('warmup', 2, 0, 60) };
  const rounds = bounded('rounds', 1, 1, 10);
  const names = option('workloads', WORKLOADS.map((w) => w.name).join(',')).split(',');
  const workloads = WORKLOADS.filter((w) => names.includes(w.name));
  if (workloads.length !== names.length) throw new Error(`--workloads must be among ${WORKLOADS.map((w) => w.name).join(',')}`);
  const server = resolve(option('server', join(__dirname, '../src/main.js')));
  if (!existsSync(server)) throw new Error(`${server} not found: build first (npm run build), or pass --server=…`);
  const outDir = resolve(option('out', join(__dirname, '../../bench/results')));
  const date = new Date().toISOString();
  const logFile = (name: string): string => join(outDir, `${date.replace(/:/g, '-')}-${name}.log`);
  mkdirSync(outDir, { recursive: true }); // now: child logs go there too

  const children = new Set<ServerProcess>();
  let db: BenchDatabase | undefined;
  const cleanup = async (): Promise<void> => {
    for (const child of children) await child.stop().catch(() => undefined);
    children.clear();
    await db?.dispose().catch((err: unknown) => log(`dispose: ${String(err)}`));
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

  const measurements: Measurement[] = [];
  let pgSettings: { name: string; setting: string }[] = [];
  // A failure after some measurements still prints and saves those, then fails the run.
  let failure: unknown;
  try {
    db = await createBenchDatabase(log);
    const url = db.url;
    const settings = "('server_version','shared_buffers','fsync','synchronous_commit','max_connections')";
    pgSettings = await withClient(url, async (c) => (await c.query<{ name: string; setting: string }>(`SELECT name, setting FROM pg_settings WHERE name IN ${settings}`)).rows);
    const start = async (name: string, script: string, args: string[], env: NodeJS.ProcessEnv, port: number, timeoutMs: number): Promise<ServerProcess> => {
      const child = await startServer(script, args, env, port, logFile(name), timeoutMs);
      log(`${name} is pid ${child.pid} on port ${port}`);
      children.add(child);
      return child;
    };

    // Ignis first, so its migrations run on a database that is really empty.
    const port = await freePort();
    const env = { DATABASE_URL: url, HOST: '127.0.0.1', FHIR_BASE_URL: `http://127.0.0.1:${port}/fhir`, LOG_LEVEL: 'warn', DB_POOL_SIZE: String(POOL_SIZE) };
    log(`starting ${server}`);
    const ignis = await start('ignis', server, [], env, port, 180_000);
    const ceilingRows = await prepareCeilingTable(url, READ_POOL);

    // Each ceiling is measured right before the workloads it bounds: the insert ceiling is fsync-bound and the
    // disk's speed drifts, so pairs measured minutes apart would compare different machines. Idle servers cost nothing.
    const steps: Step[] = [];
    let seeded = 0;
    for (const kind of ['read', 'insert'] as const) {
      const mine = workloads.filter((w) => w.ceiling === kind);
      if (mine.length === 0) continue;
      const ceiling = await start(CEILING[kind], join(__dirname, 'ceiling.js'), [kind], { DATABASE_URL: url }, await freePort(), 30_000);
      const spec = kind === 'read' ? read.load(ceilingRows, load.connections) : create.load([], load.connections);
      steps.push({ name: CEILING[kind], target: 'ceiling', server: ceiling, load: spec });
      for (const w of mine) {
        const count = w.seedCount(load.connections);
        if (count > 0) log(`seeding ${count} Patients for ${w.name}`);
        const pool = count > 0 ? await seedPatients(ignis.baseUrl, count, 1 + seeded) : [];
        seeded += count;
        steps.push({ name: w.name, target: 'ignis', server: ignis, load: w.load(pool, load.connections) });
      }
    }
    for (let round = 1; round <= rounds; round++) {
      for (const step of steps) {
        // Flush what the previous step dirtied, so a checkpoint does not land inside this measurement.
        await withClient(url, async (c) => (await c.query('VACUUM ANALYZE'), await c.query('CHECKPOINT')));
        log(`round ${round}/${rounds}: ${step.name} (${load.warmup}s warm-up + ${load.duration}s)`);
        measurements.push({ ...(await measure(step.name, step.target, step.server, step.load, load)), round });
        const exit = step.server.exitStatus();
        if (exit) throw new Error(`${step.name}: the server under test ended (${exit}) during the run; see its log in ${outDir}`);
      }
    }
  } catch (err) {
    failure = err;
  } finally {
    await cleanup();
  }
  if (measurements.length === 0) throw failure;

  const ceilingOf = (m: Measurement): string => (m.target === 'ceiling' ? m.name : CEILING[WORKLOADS.find((w) => w.name === m.name)!.ceiling]);
  const rows = toRows(medianRuns(measurements), ceilingOf);
  const environment = { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, postgres: Object.fromEntries(pgSettings.map((s) => [s.name, s.setting])), database: db?.kind, loadavgAtEnd: loadavg() };
  const file = writeReport(outDir, { date, options: { ...load, rounds, workloads: names, server }, environment, failure: failure ? String(failure) : null, rows, runs: measurements });
  process.stdout.write(`\n${formatTable(rows)}\n\nresults: ${file}\n`);
  if (failure) throw failure;
}

main().catch((err: unknown) => {
  // The message says what failed (a child's failure carries its log's tail); the stack only with BENCH_DEBUG=1.
  log(err instanceof Error ? ((process.env.BENCH_DEBUG ? err.stack : undefined) ?? err.message) : String(err));
  process.exit(1);
});
