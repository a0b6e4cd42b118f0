// Loads the search population into the kept database through Ignis's own write path (transaction Bundles POSTed to
// a running server: validation, conditional references, indexing of every parameter), resumably, and marks it done.
import { withClient } from './database';
import { copyBundle, copyUuid, SYNTHEA_SYSTEM, type SourceBundle, type Synthea } from './search-data';

/** One loading session: what it sent and how fast (a resumed load has several). */
export interface LoadSession {
  readonly date: string;
  readonly clients: number;
  readonly bundles: number;
  readonly resources: number;
  readonly seconds: number;
  readonly resourcesPerSec: number;
}

/** The row that says what the kept database holds; a run re-uses the database only when it matches. */
export interface Marker {
  readonly digest: string;
  readonly copies: number;
  readonly complete: boolean;
  readonly resources: number;
  readonly sessions: readonly LoadSession[];
  readonly vacuumSeconds?: number;
}

const MARKER_TABLE = 'bench_search_marker';

export async function readMarker(url: string): Promise<Marker | undefined> {
  return withClient(url, async (c) => {
    await c.query(`CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} (id int PRIMARY KEY CHECK (id = 1), info jsonb NOT NULL)`);
    return (await c.query<{ info: Marker }>(`SELECT info FROM ${MARKER_TABLE}`)).rows[0]?.info;
  });
}

export async function writeMarker(url: string, marker: Marker): Promise<void> {
  await withClient(url, (c) => c.query(`INSERT INTO ${MARKER_TABLE} (id, info) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET info = EXCLUDED.info`, [JSON.stringify(marker)]));
}

export const countResources = (url: string): Promise<number> =>
  withClient(url, async (c) => Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM resource WHERE NOT deleted')).rows[0]!.n));

/** Copies already in the database, by their Patient's Synthea identifier: a Bundle is a transaction, so all or nothing. */
async function loadedKeys(url: string): Promise<Set<string>> {
  const sql = `SELECT code FROM search_token WHERE resource_type = 'Patient' AND param = 'identifier' AND left(system, 128) = $1`;
  return withClient(url, async (c) => new Set((await c.query<{ code: string }>(sql, [SYNTHEA_SYSTEM])).rows.map((r) => r.code)));
}

async function post(baseUrl: string, body: string): Promise<string | undefined> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${baseUrl}/fhir`, { method: 'POST', headers: { 'content-type': 'application/fhir+json', prefer: 'return=minimal' }, body, signal: AbortSignal.timeout(300_000) });
    const text = await res.text();
    if (res.status === 200) return undefined;
    if (attempt === 2) return `${res.status}: ${text.slice(0, 300)}`;
    await new Promise((done) => setTimeout(done, 1000));
  }
}

/**
 * Sends the shared Bundles (batches of conditional creates: a second time creates nothing), then every copy of every
 * patient Bundle not yet loaded, copy after copy, with `clients` in flight. Throws if any Bundle failed twice.
 */
export async function loadPopulation(baseUrl: string, dbUrl: string, data: Synthea, copies: number, clients: number, log: (msg: string) => void): Promise<LoadSession> {
  const loaded = await loadedKeys(dbUrl);
  const todo: [number, SourceBundle][] = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const b of data.patients) if (!b.patientKey || !loaded.has(copyUuid(copy, b.patientKey))) todo.push([copy, b]);
  }
  const total = todo.reduce((n, [, b]) => n + b.entries, 0);
  log(`loading ${todo.length} Bundles (${total} resources; ${data.patients.length * copies - todo.length} already there) with ${clients} clients`);
  const failures: string[] = [];
  const started = performance.now();
  let resources = 0;
  for (const b of data.shared) {
    const failure = await post(baseUrl, b.text);
    if (failure) failures.push(`${b.file}: ${failure}`);
  }
  let next = 0;
  let reported = started;
  const worker = async (): Promise<void> => {
    while (next < todo.length && failures.length === 0) {
      const [copy, bundle] = todo[next++]!;
      const failure = await post(baseUrl, copyBundle(bundle, copy, copies));
      if (failure) failures.push(`copy ${copy} of ${bundle.file}: ${failure}`);
      else resources += bundle.entries;
      const now = performance.now();
      if (now - reported > 15_000) {
        reported = now;
        const rate = resources / ((now - started) / 1000);
        log(`  ${resources}/${total} resources (copy ${copy + 1}/${copies}), ${Math.round(rate)}/s, about ${Math.round((total - resources) / rate / 60)} min left`);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = (performance.now() - started) / 1000;
  if (failures.length > 0) throw new Error(`loading failed (the database keeps what was loaded; a rerun resumes):\n  ${failures.slice(0, 5).join('\n  ')}`);
  return { date: new Date().toISOString(), clients, bundles: todo.length, resources, seconds, resourcesPerSec: resources / Math.max(seconds, 0.001) };
}
