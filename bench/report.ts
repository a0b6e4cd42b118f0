// Turns measurements into the printed table and the JSON results file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Measurement } from './measure';

/** The targets: the least acceptable ratio of a workload to its ceiling. */
export const TARGETS: Readonly<Record<string, number>> = { read: 0.6, create: 0.4 };

export interface Row extends Measurement {
  readonly ceiling: string;
  readonly ceilingRps: number;
  readonly ratio: number;
  readonly targetRatio: number | null;
  readonly meetsTarget: boolean | null;
}

export interface Report {
  readonly date: string;
  readonly options: Record<string, unknown>;
  readonly environment: Record<string, unknown>;
  /** Set when the run stopped early: `rows` then hold what was measured before. */
  readonly failure: string | null;
  readonly rows: Row[];
  /** Every measurement of every round; `rows` holds the median ones. */
  readonly runs: Measurement[];
}

/** More than this many cores busy outside the bench during a run makes its figure suspect. */
export const NOISY_CORES = 0.2;

const quiet = (m: Measurement): boolean => !m.cpu || m.cpu.other <= NOISY_CORES;

/**
 * Per name, the run with the median req/s (the lower middle for an even count), so its latencies stay
 * its own. Over all rounds, noisy or not: keeping only quiet runs would pair a quiet ceiling with a
 * noisy workload whenever one of them had no quiet run, and skew the ratio.
 */
export function medianRuns(measurements: readonly Measurement[]): Measurement[] {
  const names = [...new Set(measurements.map((m) => m.name))];
  return names.map((name) => {
    const runs = measurements.filter((m) => m.name === name).sort((a, b) => a.rps - b.rps);
    return runs[Math.floor((runs.length - 1) / 2)]!;
  });
}

/**
 * Pairs each measurement with its ceiling (`ceilingOf` names the ceiling measurement; ceilings pair with themselves).
 * `targets`: the least acceptable ratio per workload name (each bench has its own issue's targets).
 */
export function toRows(measurements: readonly Measurement[], ceilingOf: (m: Measurement) => string, targets: Readonly<Record<string, number>> = TARGETS): Row[] {
  const byName = new Map(measurements.map((m) => [m.name, m]));
  return measurements.map((m) => {
    const ceiling = ceilingOf(m);
    const ceilingRps = byName.get(ceiling)?.rps ?? NaN;
    const ratio = ceilingRps > 0 ? m.rps / ceilingRps : NaN;
    const targetRatio = m.target === 'ignis' ? (targets[m.name] ?? null) : null;
    return { ...m, ceiling, ceilingRps, ratio, targetRatio, meetsTarget: targetRatio === null ? null : ratio >= targetRatio };
  });
}

export const fixed = (n: number, digits: number): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/** A column a bench adds to the table (after `target`), e.g. the search bench's hits per query. */
export interface ExtraColumn<R extends Row> {
  readonly header: string;
  cell(row: R): string;
}

export function formatTable<R extends Row>(rows: readonly R[], extra: readonly ExtraColumn<R>[] = []): string {
  const header = ['workload', 'req/s', 'p50 ms', 'p99 ms', 'errors/non-2xx', 'ceiling', 'ceiling req/s', 'ratio', 'target', ...extra.map((c) => c.header), 'cores server/pg/loadgen/other'];
  const body = rows.map((r) => [
    r.name,
    fixed(r.rps, 0),
    fixed(r.p50Ms, 1),
    fixed(r.p99Ms, 1),
    `${r.errors}/${r.non2xx}`,
    r.ceiling,
    fixed(r.ceilingRps, 0),
    fixed(r.ratio, 2),
    r.targetRatio === null ? '' : `≥ ${r.targetRatio} ${r.meetsTarget ? 'ok' : 'MISSED'}`,
    ...extra.map((c) => c.cell(r)),
    r.cpu ? [r.cpu.server, r.cpu.postgres, r.cpu.loadgen, r.cpu.other].map((c) => fixed(c, 2)).join('/') : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const lines = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
  // Non-2xx must be seen: list the status codes of any row that had some.
  for (const r of rows) {
    const bad = Object.entries(r.statusCodes).filter(([code]) => !code.startsWith('2'));
    const parts = bad.map(([code, n]) => `${n} × HTTP ${code}`);
    if (r.errors > 0) parts.push(`${r.errors} errors (${r.timeouts} timeouts)`);
    if (parts.length > 0) lines.push(`  ${r.name}: ${parts.join(', ')}`);
  }
  const noisy = rows.filter((r) => !quiet(r));
  if (noisy.length > 0) lines.push(`  noisy: other processes used over ${NOISY_CORES} core during ${noisy.map((r) => r.name).join(', ')}; rerun on a quiet machine`);
  return lines.join('\n');
}

/** Writes `<dir>/<prefix><ISO date>.json` (colons made dashes so the name is valid everywhere) and returns its path. */
export function writeReport(dir: string, report: Report & Record<string, unknown>, prefix = ''): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${prefix}${report.date.replace(/:/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
