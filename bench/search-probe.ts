// Before a workload is measured: a sample of its requests, one at a time, to check they succeed and to say what a
// query returns (matches per page, included resources, total matches, response size) beside its throughput.
import { FHIR_JSON } from './workloads/workload';

export interface Probe {
  /** Means over the sample. */
  readonly hits: number;
  readonly included: number;
  /** Total matches of the query (its `_summary=count`), when asked for. */
  readonly total: number | null;
  readonly kB: number;
  /** Median ms of one request alone on the server (no concurrency). */
  readonly soloMs: number;
  readonly sample: number;
}

interface SearchSet {
  total?: number;
  entry?: { search?: { mode?: string } }[];
}

async function get(baseUrl: string, path: string): Promise<{ bundle: SearchSet; bytes: number; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}${path}`, { headers: { accept: FHIR_JSON }, signal: AbortSignal.timeout(60_000) });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}: ${text.slice(0, 300)}`);
  return { bundle: JSON.parse(text) as SearchSet, bytes: Buffer.byteLength(text), ms };
}

/** `sample` requests spread over `paths`; with `countTotals`, each again with `_summary=count` for its total. */
export async function probe(baseUrl: string, paths: readonly string[], sample: number, countTotals: boolean): Promise<Probe> {
  const picked = Array.from({ length: Math.min(sample, paths.length) }, (_, i) => paths[Math.floor((i * paths.length) / Math.min(sample, paths.length))]!);
  let hits = 0;
  let included = 0;
  let bytes = 0;
  let total = 0;
  let totals = 0;
  const times: number[] = [];
  for (const path of picked) {
    const { bundle, bytes: b, ms } = await get(baseUrl, path);
    times.push(ms);
    bytes += b;
    hits += (bundle.entry ?? []).filter((e) => e.search?.mode === 'match').length;
    included += (bundle.entry ?? []).filter((e) => e.search?.mode === 'include').length;
    const counted = countTotals && !path.includes('_summary=count') ? (await get(baseUrl, `${path}&_summary=count`)).bundle.total : bundle.total;
    if (typeof counted === 'number') ((total += counted), totals++);
  }
  const n = Math.max(picked.length, 1);
  times.sort((a, b) => a - b);
  return { hits: hits / n, included: included / n, total: totals > 0 ? total / totals : null, kB: bytes / n / 1024, soloMs: times[Math.floor(times.length / 2)] ?? NaN, sample: picked.length };
}
