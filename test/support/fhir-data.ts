// Real FHIR data from ../shared/data (read in place, never copied). Suites skip with a message when it is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, Resource } from 'fhir/r4';
import { projectPath } from '../../src/conformance/project-path';

export const SHARED_DATA = projectPath('..', 'shared', 'data');

export function sharedDataAvailable(folder: string): boolean {
  const present = existsSync(join(SHARED_DATA, folder));
  if (!present) console.warn(`Skipping: ${join(SHARED_DATA, folder)} is absent (the shared FHIR test data is not beside this checkout)`);
  return present;
}

/** The official R4 examples, one resource per file, as [file, resource]. */
export function r4Examples(): [string, Resource][] {
  const dir = join(SHARED_DATA, 'r4-examples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Resource]);
}

/** The Synthea Bundles in file order (the two shared 0-* batch Bundles first). */
export function syntheaBundles(): [string, Bundle][] {
  const dir = join(SHARED_DATA, 'synthea');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Bundle]);
}
