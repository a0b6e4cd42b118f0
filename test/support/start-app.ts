// Boots the whole application over the run's test database, as main.ts does, and gives a supertest agent.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { loadConfig } from '../../src/config/ignis-config';
import { createLogger } from '../../src/logger';
import { createHttpApp } from '../../src/rest/http-app';

export const BASE = 'http://ignis.test/fhir';
export const FHIR_JSON = 'application/fhir+json';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly http: TestAgent;
  close(): Promise<void>;
}

export async function startApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ DATABASE_URL: process.env.IGNIS_TEST_DATABASE_URL, FHIR_BASE_URL: BASE, LOG_LEVEL: 'silent', DB_POOL_SIZE: '4', ...env });
  const app = await createHttpApp(config, createLogger(config.LOG_LEVEL));
  await app.getHttpAdapter().getInstance().ready();
  return { app, http: request(app.getHttpServer()), close: () => app.close() };
}
