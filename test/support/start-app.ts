// Boots the whole application over the run's test database, as main.ts does, and gives a supertest agent.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { loadConfig } from '../../src/config/ignis-config';
import { createLogger } from '../../src/logger';
import { createHttpApp } from '../../src/rest/http-app';
import { suiteDatabase } from './test-database';

export const BASE = 'http://ignis.test/fhir';
export const FHIR_JSON = 'application/fhir+json';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly http: TestAgent;
  close(): Promise<void>;
}

/** The app over a database of its own (a copy of the run's migrated template); logs go nowhere unless `logger` is given. */
export async function startApp(env: Record<string, string> = {}, logger?: Logger): Promise<TestApp> {
  const database = await suiteDatabase();
  const config = loadConfig({ DATABASE_URL: database.url, FHIR_BASE_URL: BASE, LOG_LEVEL: 'silent', DB_POOL_SIZE: '4', ...env });
  const app = await createHttpApp(config, logger ?? createLogger(config.LOG_LEVEL));
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: request(app.getHttpServer()),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
