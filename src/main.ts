// Starts Ignis: validated configuration, PostgreSQL (DATABASE_URL or embedded), HTTP, graceful shutdown.
import 'reflect-metadata';
import { loadConfig } from './config/ignis-config';
import { createLogger } from './logger';
import { createHttpApp } from './rest/http-app';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './storage/embedded-postgres';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  let embedded: EmbeddedDatabase | undefined;
  if (!config.DATABASE_URL) {
    logger.info({ dataDir: config.DATA_DIR }, 'DATABASE_URL is not set: starting the embedded PostgreSQL');
    embedded = await startEmbeddedPostgres(config.DATA_DIR, 'ignis', (line) => logger.debug({ postgres: line.trim() }));
    config.DATABASE_URL = embedded.url;
  }
  const app = await createHttpApp(config, logger);
  await app.listen(config.PORT, config.HOST);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const base = config.baseUrl;
  process.stdout.write(
    `\nIgnis is listening: ${base}\n` +
      `Try:\n  curl ${base}/metadata\n` +
      `  curl -X POST ${base}/Patient -H 'Content-Type: application/fhir+json' -d '{"resourceType":"Patient","name":[{"family":"Doe"}]}'\n\n`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
