// Starts Ignis: validated configuration, PostgreSQL (DATABASE_URL or embedded), migrations, HTTP on WORKERS
// processes (node:cluster; the primary owns the embedded database), graceful shutdown.
import 'reflect-metadata';
import cluster from 'node:cluster';
import { DataSource } from 'typeorm';
import { loadConfig, type IgnisConfig } from './config/ignis-config';
import { createLogger } from './logger';
import { createHttpApp } from './rest/http-app';
import { dataSourceOptions } from './storage/data-source-options';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './storage/embedded-postgres';
import type { Logger } from 'pino';

/** Serves HTTP in this process until SIGTERM/SIGINT, then finishes in-flight requests. */
async function serve(config: IgnisConfig, logger: Logger, onStopped: () => Promise<void>): Promise<void> {
  const app = await createHttpApp(config, logger);
  await app.listen(config.PORT, config.HOST);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    await app.close();
    await onStopped();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** Migrations run once, here, before any worker serves (workers would otherwise race to apply them). */
async function migrate(url: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(url, 1, true));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

/** The primary forks the workers, restarts one that dies, and on a signal waits for all before stopping the database. */
function supervise(config: IgnisConfig, logger: Logger, embedded?: EmbeddedDatabase): void {
  const env = { DATABASE_URL: config.DATABASE_URL };
  let stopping = false;
  for (let i = 0; i < config.WORKERS; i++) cluster.fork(env);
  cluster.on('exit', (worker, code) => {
    if (!stopping) {
      logger.error({ pid: worker.process.pid, code }, 'worker exited; starting another');
      cluster.fork(env);
    } else if (Object.keys(cluster.workers ?? {}).length === 0) {
      void embedded?.stop().then(() => process.exit(0));
      if (!embedded) process.exit(0);
    }
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    logger.info({ signal }, 'shutting down the workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  if (cluster.isWorker) return serve(config, logger, async () => undefined);

  let embedded: EmbeddedDatabase | undefined;
  if (!config.DATABASE_URL) {
    logger.info({ dataDir: config.DATA_DIR }, 'DATABASE_URL is not set: starting the embedded PostgreSQL');
    embedded = await startEmbeddedPostgres(config.DATA_DIR, 'ignis', (line) => logger.debug({ postgres: line.trim() }));
    config.DATABASE_URL = embedded.url;
  }
  await migrate(config.DATABASE_URL);
  if (config.WORKERS > 1) supervise(config, logger, embedded);
  else await serve(config, logger, async () => embedded?.stop());

  const base = config.baseUrl;
  process.stdout.write(
    `\nIgnis is listening: ${base} (${config.WORKERS} worker${config.WORKERS > 1 ? 's' : ''})\n` +
      `Try:\n  curl ${base}/metadata\n` +
      `  curl -X POST ${base}/Patient -H 'Content-Type: application/fhir+json' -d '{"resourceType":"Patient","name":[{"family":"Doe"}]}'\n\n`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
