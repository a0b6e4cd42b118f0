// Paging a large result end to end (search.html#paging): one client follows `next` links from the first page to the
// last and times every page, to show whether a page costs the same at the start, the middle and the end.
import { FHIR_JSON } from './workloads/workload';

export interface Walk {
  readonly name: string;
  readonly firstPath: string;
  readonly pages: number;
  readonly rows: number;
  readonly seconds: number;
  /** False when the time bound stopped the walk before the last page. */
  readonly complete: boolean;
  /** Milliseconds of every page (request sent → body received), in order. */
  readonly pageMs: readonly number[];
  /** The path of every page after the first (their opaque cursors), for the same pages at 50 connections. */
  readonly pagePaths: readonly string[];
}

export interface WalkSummary {
  readonly pages: number;
  readonly rows: number;
  readonly seconds: number;
  readonly complete: boolean;
  /** Mean ms per page over the first, middle and last tenth of the pages (at least 5 pages each). */
  readonly startMs: number;
  readonly middleMs: number;
  readonly endMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Least-squares slope of ms per page against page number, per 1,000 pages: about 0 when a page costs the same however deep. */
  readonly slopeMsPer1000Pages: number;
}

interface SearchSet {
  entry?: { search?: { mode?: string } }[];
  link?: { relation: string; url: string }[];
}

/** Walks from `firstPath`, for at most `maxSeconds`; any non-200 ends the bench (a broken walk measures nothing). */
export async function walk(name: string, baseUrl: string, firstPath: string, maxSeconds: number): Promise<Walk> {
  const pageMs: number[] = [];
  const pagePaths: string[] = [];
  const started = performance.now();
  let rows = 0;
  let path: string | undefined = firstPath;
  while (path !== undefined && performance.now() - started < maxSeconds * 1000) {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}${path}`, { headers: { accept: FHIR_JSON }, signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    pageMs.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${name}: page ${pageMs.length} → ${res.status}: ${text.slice(0, 300)}`);
    const bundle = JSON.parse(text) as SearchSet;
    rows += (bundle.entry ?? []).filter((e) => e.search?.mode === 'match').length;
    const next = bundle.link?.find((l) => l.relation === 'next')?.url;
    path = next === undefined ? undefined : new URL(next).pathname + new URL(next).search;
    if (path !== undefined) pagePaths.push(path);
  }
  return { name, firstPath, pages: pageMs.length, rows, seconds: (performance.now() - started) / 1000, complete: path === undefined, pageMs, pagePaths };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);

export function summarize(w: Walk): WalkSummary {
  const ms = w.pageMs;
  const tenth = Math.min(ms.length, Math.max(5, Math.floor(ms.length / 10)));
  const mid = Math.max(0, Math.floor((ms.length - tenth) / 2));
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  const xMean = (ms.length - 1) / 2;
  const yMean = mean(ms);
  let num = 0;
  let den = 0;
  ms.forEach((y, x) => ((num += (x - xMean) * (y - yMean)), (den += (x - xMean) ** 2)));
  return {
    pages: w.pages,
    rows: w.rows,
    seconds: w.seconds,
    complete: w.complete,
    startMs: mean(ms.slice(0, tenth)),
    middleMs: mean(ms.slice(mid, mid + tenth)),
    endMs: mean(ms.slice(ms.length - tenth)),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    slopeMsPer1000Pages: den > 0 ? (num / den) * 1000 : 0,
  };
}

/** At most `count` of the walk's page paths, evenly spread from the first page to the last. */
export function spread(w: Walk, count: number): string[] {
  const all = [w.firstPath, ...w.pagePaths];
  if (all.length <= count) return all;
  return Array.from({ length: count }, (_, i) => all[Math.floor((i * all.length) / count)]!);
}
