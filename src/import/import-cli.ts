// `npm run import -- [--url <FHIR base>] [--concurrency N] <folders or files>`: loads Bundles and NDJSON into Ignis.
// Without --url it writes straight into DATABASE_URL (or the embedded database) through the same interactions.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/ignis-config';
import { startEmbeddedPostgres } from '../storage/embedded-postgres';
import { importFiles, importUnits, type ImportUnit } from './import-sources';
import { databaseTarget, httpTarget, type ImportTarget } from './import-targets';

function progress(done: number, total: number, resources: number, seconds: number): void {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files, ${resources} resources, ${Math.round(resources / Math.max(seconds, 0.001))}/s`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
  else if (done === total || done % 10 === 0) process.stderr.write(`${line}\n`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { url: { type: 'string' }, concurrency: { type: 'string', default: '2' } }, allowPositionals: true });
  if (positionals.length === 0) {
    console.error('usage: npm run import -- [--url http://localhost:8080/fhir] [--concurrency 2] <folder or files…>');
    return 2;
  }
  const files = importFiles(positionals);
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const embedded = values.url || config.DATABASE_URL ? undefined : await startEmbeddedPostgres(config.DATA_DIR);
  if (embedded) config.DATABASE_URL = embedded.url;
  const target: ImportTarget = values.url ? httpTarget(values.url.replace(/\/+$/, '')) : await databaseTarget(config);

  const started = performance.now();
  const failures: string[] = [];
  let resources = 0;
  let filesDone = 0;
  const send = async (unit: ImportUnit) => {
    const failure = await target.send(unit.bundle);
    if (failure) failures.push(`${unit.label}: ${failure}`);
    else resources += unit.resources;
  };
  // Files named 0-* (shared Organizations, Practitioners) load before the rest, which refer to them.
  const first = files.filter((f) => /(^|\/)0-[^/]*$/.test(f));
  const rest = files.filter((f) => !first.includes(f));
  for (const file of first) {
    for (const unit of importUnits(file)) await send(unit);
    progress(++filesDone, files.length, resources, (performance.now() - started) / 1000);
  }
  let next = 0;
  const worker = async () => {
    while (next < rest.length) {
      for (const unit of importUnits(rest[next++])) await send(unit);
      progress(++filesDone, files.length, resources, (performance.now() - started) / 1000);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Number(values.concurrency)) }, worker));
  await target.close();
  await embedded?.stop();

  const seconds = (performance.now() - started) / 1000;
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(`Imported ${resources} resources from ${files.length} files in ${seconds.toFixed(1)} s (${Math.round(resources / seconds)} resources/s); ${failures.length} failed`);
  for (const failure of failures) console.log(`  FAILED ${failure}`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
