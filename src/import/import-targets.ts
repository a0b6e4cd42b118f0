// Where `npm run import` sends Bundles: a running server over HTTP, or the database directly through the same interactions.
import { NestFactory } from '@nestjs/core';
import type { Bundle, OperationOutcome } from 'fhir/r4';
import { AppModule } from '../app.module';
import type { IgnisConfig } from '../config/ignis-config';
import { FhirError } from '../fhir/outcome';
import { BundleInteraction } from '../interactions/bundle/bundle';
import { ResourceStore } from '../interactions/resource-store';

export interface ImportTarget {
  /** Undefined on success, else the reason. */
  send(bundle: Bundle): Promise<string | undefined>;
  close(): Promise<void>;
}

const describe = (outcome: OperationOutcome) => outcome.issue.map((i) => i.diagnostics ?? i.code).join('; ');

export function httpTarget(baseUrl: string): ImportTarget {
  return {
    async send(bundle) {
      const res = await fetch(baseUrl, { method: 'POST', headers: { 'content-type': 'application/fhir+json', prefer: 'return=minimal' }, body: JSON.stringify(bundle) });
      const text = await res.text();
      if (res.ok) return undefined;
      try {
        return `${res.status}: ${describe(JSON.parse(text) as OperationOutcome)}`;
      } catch {
        return `${res.status}: ${text.slice(0, 300)}`;
      }
    },
    close: async () => undefined,
  };
}

export async function databaseTarget(config: IgnisConfig): Promise<ImportTarget> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  const bundles = app.get(BundleInteraction);
  const store = app.get(ResourceStore);
  return {
    async send(bundle) {
      try {
        await bundles.execute({ store, baseUrl: config.baseUrl, prefer: { return: 'minimal' } }, bundle);
        return undefined;
      } catch (error) {
        if (error instanceof FhirError) return `${error.status}: ${error.issues.map((i) => i.diagnostics).join('; ')}`;
        throw error;
      }
    },
    close: () => app.close(),
  };
}
