// Who used the 2 cores during a measurement (server, PostgreSQL, load generator, anything else), from /proc on Linux.
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time in cores (1 = one core busy the whole run). */
export interface CpuUse {
  readonly server: number;
  readonly postgres: number;
  readonly loadgen: number;
  /** Busy time no bench process accounts for: other work on the machine, which makes the run noisy. */
  readonly other: number;
}

interface Snapshot {
  readonly wallMs: number;
  readonly busy: number;
  readonly server: number;
  readonly postgres: Map<number, number>;
  readonly self: number;
}

/** USER_HZ: /proc counts CPU time in 1/100 s on every mainstream Linux. */
const HZ = 100;

function pidTicks(pid: number | 'self'): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime: fields 14 and 15 of proc(5)
  } catch {
    return 0; // gone already
  }
}

/** Ticks per live `postgres` process: per pid, so a backend that exits between two snapshots is not subtracted. */
function postgresTicks(): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') out.set(Number(entry), pidTicks(Number(entry)));
    } catch {
      // exited while we looked
    }
  }
  return out;
}

/** A snapshot, or null where /proc is not there (the bench then reports no CPU figures). */
export function cpuSnapshot(serverPid: number): Snapshot | null {
  try {
    const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
    const busy = user! + nice! + system! + irq! + softirq! + steal!;
    return { wallMs: Date.now(), busy, server: pidTicks(serverPid), postgres: postgresTicks(), self: pidTicks('self') };
  } catch {
    return null;
  }
}

/**
 * Average cores used between two snapshots. PostgreSQL processes that ended in between (autovacuum
 * workers) lose their time, which then shows up under `other`; so `other` is an upper bound.
 */
export function cpuBetween(a: Snapshot | null, b: Snapshot | null): CpuUse | null {
  if (!a || !b || b.wallMs <= a.wallMs) return null;
  const seconds = (b.wallMs - a.wallMs) / 1000;
  const cores = (ticks: number): number => Math.max(0, ticks) / HZ / seconds;
  const server = cores(b.server - a.server);
  let pgTicks = 0;
  for (const [pid, ticks] of b.postgres) pgTicks += ticks - (a.postgres.get(pid) ?? 0);
  const postgres = cores(pgTicks);
  const loadgen = cores(b.self - a.self);
  return { server, postgres, loadgen, other: Math.max(0, cores(b.busy - a.busy) - server - postgres - loadgen) };
}
