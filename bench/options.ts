// Command-line options shared by the benches: `--name=value`, else BENCH_<NAME>, else a default.

/** `--name=value` on the command line, else BENCH_<NAME>, else the default. */
export function option(name: string, fallback: string): string {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg?.slice(name.length + 3) ?? process.env[`BENCH_${name.toUpperCase()}`] ?? fallback;
}

/** A numeric option, refused outside [min, max] so a typo cannot start an hour-long run. */
export function bounded(name: string, fallback: number, min: number, max: number): number {
  const n = Number(option(name, String(fallback)));
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number in [${min}, ${max}]`);
  return n;
}

/** A bare `--name` switch (or BENCH_<NAME>=1). */
export function flag(name: string): boolean {
  return process.argv.includes(`--${name}`) || process.env[`BENCH_${name.toUpperCase()}`] === '1';
}
