// `npm run bench:search`: searches over a million Synthea-derived resources at 50 connections, beside the read
// ceiling (bare node:http + one primary-key SELECT) measured in the same run; paging walked end to end; the EXPLAIN
// (ANALYZE, BUFFERS) of every query shape. The loaded database is kept and re-used by the next run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { POOL_SIZE, prepareCeilingTable } from './ceiling';
import { keptDatabase, waitIdle, withClient } from './database';
import { measure, type LoadOptions, type Measurement } from './measure';
import { bounded, flag, option } from './options';
import { startServer, type ServerProcess } from './processes';
import { fixed, formatTable, medianRuns, toRows, writeReport, type Row } from './report';
import { readSynthea } from './search-data';
import { explainShapes, planSummary, type ShapePlan } from './search-explain';
import { countResources, loadPopulation, readMarker, writeMarker, type LoadSession } from './search-load';
import { spread, summarize, walk, type Walk } from './search-paging';
import { probe, type Probe } from './search-probe';
import { freePort } from '../src/storage/embedded-postgres';
import { read, READ_POOL } from './workloads/read';
import { largeSets, searchLoad, searchWorkloads, type SearchWorkload } from './workloads/search-queries';

const SYNTHEA = resolve(__dirname, '..', '..', '..', 'shared', 'data', 'synthea');
/** The issue's targets for selective searches: at least this ratio to the read ceiling, p99 under this many ms. */
const TARGET_RATIO = 0.4;
const TARGET_P99_MS = 50;

/** Every workload, in the order measured; `--workloads` picks some (the paging walks run only for their `-pages` workload). */
const WORKLOADS = ['patient-name', 'patient-identifier', 'observation-patient-code-date', 'observation-chained-name', 'patient-revinclude', 'count-large', 'condition-code-pages', 'observation-category-pages'];

const log = (msg: string): void => void process.stderr.write(`[bench:search] ${msg}\n`);
const git = (args: string[]): string => {
  try {
    return execFileSync('git', args, { cwd: resolve(__dirname, '..', '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};

interface SearchRow extends Row {
  readonly probe?: Probe;
  readonly selective: boolean;
}

async function main(): Promise<void> {
  const load: LoadOptions = { duration: bounded('duration', 10, 1, 600), connections: bounded('connections', 50, 1, 1000), warmup: bounded('warmup', 2, 0, 60) };
  const target = bounded('resources', 1_000_000, 1, 20_000_000);
  const loadClients = bounded('load-clients', 4, 1, 32);
  const walkSeconds = bounded('walk-seconds', 600, 10, 3600);
  const pool = bounded('patients', 1000, 10, 100_000);
  const rounds = bounded('rounds', 1, 1, 10);
  const dbName = option('database', 'ignis_search_bench');
  const chosen = option('workloads', WORKLOADS.join(',')).split(',');
  if (chosen.some((n) => !WORKLOADS.includes(n))) throw new Error(`--workloads must be among ${WORKLOADS.join(',')}`);
  const server = resolve(option('server', join(__dirname, '../src/main.js')));
  const outDir = resolve(option('out', join(__dirname, '../../bench/results')));
  if (!existsSync(server)) throw new Error(`${server} not found: build first (npm run build), or pass --server=…`);
  const synthea = resolve(option('data', SYNTHEA));
  if (!existsSync(synthea)) return log(`Skipping: ${synthea} is absent (the shared Synthea data is not beside this checkout)`);
  const date = new Date().toISOString();
  const stamp = `search-${date.replace(/:/g, '-')}`;
  mkdirSync(outDir, { recursive: true });

  const data = readSynthea(synthea);
  const copies = Math.max(1, Math.ceil((target - data.sharedResources) / data.perCopy));
  log(`${data.patients.length} patient Bundles × ${copies} copies + ${data.sharedResources} shared = ${data.sharedResources + copies * data.perCopy} resources`);
  const { url } = await keptDatabase(dbName, flag('reload'), log);

  const children = new Set<ServerProcess>();
  const cleanup = async (): Promise<void> => {
    for (const child of children) await child.stop().catch(() => undefined);
    children.clear();
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const startIgnis = async (): Promise<ServerProcess> => {
    const env = { DATABASE_URL: url, HOST: '127.0.0.1', FHIR_BASE_URL: `${baseUrl}/fhir`, LOG_LEVEL: 'warn', DB_POOL_SIZE: String(POOL_SIZE) };
    const child = await startServer(server, [], env, port, join(outDir, `${stamp}-ignis.log`), 180_000);
    children.add(child);
    log(`ignis is pid ${child.pid} on port ${port}`);
    return child;
  };

  try {
    let ignis = await startIgnis();
    // 1. The population: re-used when the marker says it is this one, complete, and the rows are there.
    const marker = await readMarker(url);
    const present = await countResources(url);
    const same = marker?.digest === data.digest && marker.copies === copies;
    let sessions: readonly LoadSession[] = same ? marker.sessions : [];
    let vacuumSeconds = same ? marker.vacuumSeconds : undefined;
    if (same && marker.complete && present >= copies * data.perCopy) {
      log(`re-using ${dbName}: ${present} resources (loaded ${sessions.map((s) => `${s.resources} at ${Math.round(s.resourcesPerSec)}/s`).join(', ')}); --reload to load again`);
    } else {
      if (!same && present > 0) throw new Error(`${dbName} holds ${present} resources of another population (marker ${JSON.stringify(marker ?? null).slice(0, 200)}): pass --reload`);
      await writeMarker(url, { digest: data.digest, copies, complete: false, resources: present, sessions });
      const session = await loadPopulation(baseUrl, url, data, copies, loadClients, log);
      sessions = [...sessions, session];
      log(`loaded ${session.resources} resources in ${session.seconds.toFixed(0)} s: ${Math.round(session.resourcesPerSec)} resources/s; VACUUM ANALYZE…`);
      const t0 = performance.now();
      await withClient(url, async (c) => (await c.query('VACUUM ANALYZE'), await c.query('CHECKPOINT')));
      vacuumSeconds = (performance.now() - t0) / 1000;
      await writeMarker(url, { digest: data.digest, copies, complete: true, resources: await countResources(url), sessions, vacuumSeconds });
      // A fresh server for the measurements, as after a restart: nothing of the load left in its heap.
      await ignis.stop();
      children.delete(ignis);
      ignis = await startIgnis();
    }
    const resources = await countResources(url);
    if (flag('load-only')) return log(`${dbName} holds ${resources} resources; --load-only: no measurements`);

    // 2. The queries, from the data.
    const sets = await largeSets(url);
    log(`largest Condition code ${sets.conditionCode}: ${sets.conditionMatches}; Observation category ${sets.observationCategory}: ${sets.observationMatches}`);
    const workloads: SearchWorkload[] = (await searchWorkloads(url, sets, pool)).filter((w) => chosen.includes(w.name));
    const settle = async (): Promise<void> => {
      if (!(await waitIdle(url, 300))) log('the database was still busy after 300 s; measuring anyway');
    };
    const probes = new Map<string, Probe>();
    const ceilingRows = await prepareCeilingTable(url, READ_POOL);
    const ceilingServer = await startServer(join(__dirname, 'ceiling.js'), ['read'], { DATABASE_URL: url }, await freePort(), join(outDir, `${stamp}-ceiling-read.log`), 30_000);
    children.add(ceilingServer);
    const measurements: (Measurement & { loadavg: number[] })[] = [];
    // This machine's speed drifts by up to 2× within minutes: each workload is paired with the ceiling run just before it.
    const ceilingOf = new Map<string, string>();
    let ceilings = 0;
    const run = async (name: string, targetKind: 'ceiling' | 'ignis', child: ServerProcess, paths: Parameters<typeof measure>[3]): Promise<void> => {
      await settle();
      await withClient(url, (c) => c.query('CHECKPOINT'));
      log(`${name} (${load.warmup}s warm-up + ${load.duration}s at ${load.connections} connections)`);
      measurements.push({ ...(await measure(name, targetKind, child, paths, load)), loadavg: loadavg() });
      const exit = child.exitStatus();
      if (exit) throw new Error(`${name}: the server under test ended (${exit}); see its log in ${outDir}`);
    };
    /**
     * Per workload: a probe (one request at a time), the read ceiling, then the workload at `connections`; with
     * `--rounds=N` the pairs go round N times, and the table shows each one's median run (its ceiling keeps its name).
     */
    const measureAll = async (list: readonly SearchWorkload[]): Promise<void> => {
      for (let round = 1; round <= rounds; round++) {
        for (const w of list) {
          await settle();
          if (!probes.has(w.name)) {
            probes.set(w.name, await probe(baseUrl, w.paths, 20, !w.name.endsWith('-pages')));
            log(`probe ${w.name}: ${JSON.stringify(probes.get(w.name))}`);
          }
          const ceiling = ceilingOf.get(w.name) ?? `ceiling-read-${++ceilings}`;
          ceilingOf.set(w.name, ceiling);
          if (rounds > 1) log(`round ${round}/${rounds}`);
          await run(ceiling, 'ceiling', ceilingServer, read.load(ceilingRows, load.connections));
          await run(w.name, 'ignis', ignis, searchLoad(w.paths, load.connections));
        }
      }
    };
    // 3. The searches at `connections`, beside the read ceiling.
    if (workloads.length > 0) await measureAll(workloads);

    // 4. Paging walks (one client, every page timed), then their pages at `connections`.
    const walks: Walk[] = [];
    const pages: SearchWorkload[] = [];
    for (const [name, path] of [
      ['condition-code', `/fhir/Condition?code=${encodeURIComponent(sets.conditionCode)}&_count=50`],
      ['observation-category', `/fhir/Observation?category=${encodeURIComponent(sets.observationCategory)}&_count=50`],
    ] as const) {
      if (!chosen.includes(`${name}-pages`)) continue;
      await settle();
      log(`walking ${path} to the end (at most ${walkSeconds} s)`);
      const w = await walk(name, baseUrl, path, walkSeconds);
      walks.push(w);
      const s = summarize(w);
      log(`  ${s.pages} pages, ${s.rows} rows in ${s.seconds.toFixed(1)} s${s.complete ? '' : ' (stopped by the time bound)'}: ${s.startMs.toFixed(1)} / ${s.middleMs.toFixed(1)} / ${s.endMs.toFixed(1)} ms per page at start / middle / end`);
      // The same pages at `connections`: every page of a short walk, 1,000 spread over a long one.
      pages.push({ name: `${name}-pages`, shape: `${path.slice(6, path.indexOf('?'))}?…&_count=50, ${Math.min(1000, w.pages)} of its ${w.pages} pages`, selective: false, paths: spread(w, 1000) });
    }
    if (pages.length > 0) await measureAll(pages);
    workloads.push(...pages);
    await cleanup();

    // 5. EXPLAIN (ANALYZE, BUFFERS) of each shape, and of the first, middle and last page of each walk.
    // Page n's path is pagePaths[n - 2] (the first page has no cursor); a short walk names a page only once.
    const page = (w: Walk, n: number) => ({ name: `${w.name} page ${n}`, path: n === 1 ? w.firstPath : w.pagePaths[n - 2]! });
    const shapes = [
      ...workloads.filter((w) => !w.name.endsWith('-pages')).map((w) => ({ name: w.name, path: w.paths[0]! })),
      ...walks.flatMap((w) => [...new Set([1, Math.ceil(w.pages / 2), w.pages])].map((n) => page(w, n))),
    ];
    log(`EXPLAIN (ANALYZE, BUFFERS) of ${shapes.length} shapes`);
    const plans: ShapePlan[] = await explainShapes(url, baseUrl, shapes);
    writeFileSync(join(outDir, `${stamp}-plans.txt`), plans.map((p) => [`### ${p.name}: ${p.path}`, ...p.statements.map((s) => `-- ${s.sql}\n-- params: ${JSON.stringify(s.params)}\n${s.text}\n`)].join('\n')).join('\n\n'));

    // 6. The report.
    const byName = new Map(workloads.map((w) => [w.name, w]));
    const targets = Object.fromEntries(workloads.filter((w) => w.selective).map((w) => [w.name, TARGET_RATIO]));
    const rows: SearchRow[] = toRows(medianRuns(measurements), (m) => ceilingOf.get(m.name) ?? m.name, targets).map((r) => ({ ...r, probe: probes.get(r.name), selective: byName.get(r.name)?.selective ?? false }));
    const ceilingRuns = measurements.filter((m) => m.target === 'ceiling').map((m) => m.rps);
    // Each run's ratio to the ceiling measured just before it, in run order (the median of these sits near the table's).
    const roundRatios = rounds === 1 ? [] : [...byName.keys()].map((name) => {
      const ratios = measurements.flatMap((m, i) => (m.name === name && i > 0 ? [fixed(m.rps / measurements[i - 1]!.rps, 2)] : []));
      return `${name}: ${ratios.join(', ')}`;
    });
    const table = formatTable(rows.filter((r) => r.target === 'ignis'), [
      { header: `p99 < ${TARGET_P99_MS}`, cell: (r) => (r.selective ? (r.p99Ms < TARGET_P99_MS ? 'ok' : 'MISSED') : '') },
      { header: 'hits/incl/total', cell: (r) => (r.probe ? `${fixed(r.probe.hits, 1)}/${fixed(r.probe.included, 0)}/${r.probe.total === null ? '-' : fixed(r.probe.total, 0)}` : '') },
      { header: 'kB', cell: (r) => (r.probe ? fixed(r.probe.kB, 1) : '') },
      { header: 'solo ms', cell: (r) => (r.probe ? fixed(r.probe.soloMs, 1) : '') },
    ]);
    const walkLines = walks.map((w) => {
      const s = summarize(w);
      return `${w.name.padEnd(22)} ${String(s.pages).padStart(6)} pages ${String(s.rows).padStart(8)} rows ${s.seconds.toFixed(1).padStart(7)} s   ms/page start ${fixed(s.startMs, 1)}  middle ${fixed(s.middleMs, 1)}  end ${fixed(s.endMs, 1)}  p50 ${fixed(s.p50Ms, 1)}  p99 ${fixed(s.p99Ms, 1)}  slope ${fixed(s.slopeMsPer1000Pages, 2)} ms/1000 pages${s.complete ? '' : '  (INCOMPLETE: time bound)'}`;
    });
    const loadavgs = measurements.map((m) => m.loadavg[0]!);
    const environment = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      node: process.version,
      // BENCH_COMMIT names what was measured when the bench runs from an export of the tree, outside git.
      commit: git(['rev-parse', 'HEAD']) || process.env.BENCH_COMMIT,
      dirtyFiles: git(['status', '--porcelain']).split('\n').filter(Boolean).length,
      postgres: await withClient(url, async (c) => Object.fromEntries((await c.query<{ name: string; setting: string }>(`SELECT name, setting FROM pg_settings WHERE name IN ('server_version','shared_buffers','work_mem','effective_cache_size','random_page_cost','jit')`)).rows.map((s) => [s.name, s.setting]))),
      databaseSize: await withClient(url, async (c) => (await c.query<{ s: string }>('SELECT pg_size_pretty(pg_database_size(current_database())) AS s')).rows[0]!.s),
      loadavg1mDuringRuns: { min: Math.min(...loadavgs), max: Math.max(...loadavgs) },
    };
    const file = writeReport(outDir, { date, options: { ...load, rounds, target, copies, loadClients, walkSeconds, patients: pool, database: dbName, server, workloads: chosen }, environment, failure: null, rows, runs: measurements, resources, sessions, vacuumSeconds, sets, walks: walks.map((w) => ({ name: w.name, firstPath: w.firstPath, ...summarize(w), pageMs: w.pageMs.map((m) => Math.round(m * 100) / 100) })), plans: plans.map((p) => ({ ...p, statements: p.statements.map(({ text: _, ...s }) => s) })), workloads: workloads.map(({ paths, ...w }) => ({ ...w, requests: paths.length, example: paths[0] })) }, 'search-');
    const lastLoad = sessions[sessions.length - 1];
    process.stdout.write(
      [
        '',
        `${dbName}: ${resources} resources (${copies} copies of ${data.patients.length} Synthea patients + ${data.sharedResources} shared), ${environment.databaseSize}` +
          (lastLoad ? `; loaded at ${Math.round(lastLoad.resourcesPerSec)} resources/s with ${lastLoad.clients} clients (${lastLoad.resources} in ${lastLoad.seconds.toFixed(0)} s), VACUUM ANALYZE ${fixed(vacuumSeconds ?? NaN, 0)} s` : ''),
        `largest Condition code ${sets.conditionCode}: ${sets.conditionMatches} (top 5: ${sets.topConditionCodes.map((c) => `${c.code.split('|')[1]} ${c.n}`).join(', ')}); Observation categories: ${sets.categories.map((c) => `${c.code.split('|')[1]} ${c.n}`).join(', ')}`,
        '',
        table,
        `read ceiling runs (req/s, one before each workload): ${ceilingRuns.map((c) => fixed(c, 0)).join(', ')}`,
        ...(roundRatios.length ? ['each round’s ratio to the ceiling run just before it:', ...roundRatios.map((r) => `  ${r}`)] : []),
        '',
        ...walkLines,
        '',
        ...plans.map(planSummary),
        '',
        `load average (1 min) during the runs: ${loadavgs.map((l) => l.toFixed(2)).join(', ')}`,
        `results: ${file}`,
        `plans: ${join(outDir, `${stamp}-plans.txt`)}`,
        '',
      ].join('\n'),
    );
  } finally {
    await cleanup();
  }
}

main().catch((err: unknown) => {
  log(err instanceof Error ? ((process.env.BENCH_DEBUG ? err.stack : undefined) ?? err.message) : String(err));
  process.exit(1);
});
