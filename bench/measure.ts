// One measurement: an unrecorded autocannon warm-up, then the recorded run, reduced to the figures the report shows.
import autocannon, { type Result } from 'autocannon';
import { cpuBetween, cpuSnapshot, type CpuUse } from './cpu';
import type { Load } from './workloads/workload';

export interface LoadOptions {
  readonly connections: number;
  /** Seconds recorded. */
  readonly duration: number;
  /** Seconds of the same load run first and thrown away (JIT, pool connections, caches). */
  readonly warmup: number;
}

export interface Measurement {
  readonly name: string;
  /** 1-based; with --rounds=N every step is measured N times. */
  readonly round?: number;
  readonly target: string;
  readonly durationSec: number;
  /** All responses received. */
  readonly responses: number;
  /** 2xx responses per second: the throughput figure. Failing fast must never count as going fast. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Connection errors (timeouts included): requests with no response at all. */
  readonly errors: number;
  readonly timeouts: number;
  /** Responses whose status was not 2xx. */
  readonly non2xx: number;
  readonly statusCodes: Record<string, number>;
  /** Cores used during the recorded run, by whom; null off Linux. */
  readonly cpu: CpuUse | null;
}

function run(baseUrl: string, load: Load, connections: number, duration: number): Promise<Result> {
  return new Promise((done, fail) => {
    autocannon(
      {
        url: baseUrl,
        connections,
        duration,
        timeout: 10,
        // One event loop for the load generator: worker threads would take CPU from the server on 2 cores.
        workers: 0,
        requests: load.requests,
        ...(load.setupClient ? { setupClient: load.setupClient } : {}),
      },
      (err: unknown, result: Result) => (err ? fail(err instanceof Error ? err : new Error(String(err))) : done(result)),
    );
  });
}

export async function measure(name: string, target: string, server: { baseUrl: string; pid: number }, load: Load, opts: LoadOptions): Promise<Measurement> {
  if (opts.warmup > 0) await run(server.baseUrl, load, opts.connections, opts.warmup);
  const before = cpuSnapshot(server.pid);
  const r = await run(server.baseUrl, load, opts.connections, opts.duration);
  const cpu = cpuBetween(before, cpuSnapshot(server.pid));
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
  const durationSec = r.duration > 0 ? r.duration : opts.duration;
  return {
    name,
    target,
    durationSec,
    responses: r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx'],
    rps: r['2xx'] / durationSec,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statusCodes,
    cpu,
  };
}
