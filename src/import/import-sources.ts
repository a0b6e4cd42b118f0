// What `npm run import` reads: Bundle files (.json) and NDJSON files of resources (.ndjson), in sorted order.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Bundle, BundleEntry, Resource } from 'fhir/r4';

export interface ImportUnit {
  readonly label: string;
  readonly bundle: Bundle;
  readonly resources: number;
}

/** Files of the arguments: folders are read (not recursively) and sorted, so `0-*` shared Bundles come first. */
export function importFiles(args: readonly string[]): string[] {
  return args.flatMap((arg) => {
    if (!statSync(arg).isDirectory()) return [arg];
    return readdirSync(arg)
      .filter((f) => f.endsWith('.json') || f.endsWith('.ndjson'))
      .sort()
      .map((f) => join(arg, f));
  });
}

/** An NDJSON resource becomes a transaction entry: PUT when it has an id (kept), POST otherwise. */
function entryOf(resource: Resource): BundleEntry {
  return resource.id
    ? { resource, request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` } }
    : { resource, request: { method: 'POST', url: resource.resourceType } };
}

/** Units to send, one file at a time (bounded memory): a Bundle file is one unit; NDJSON is cut into transactions of `chunk`. */
export function* importUnits(file: string, chunk = 500): Generator<ImportUnit> {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.ndjson')) {
    const bundle = JSON.parse(text) as Bundle;
    yield { label: basename(file), bundle, resources: bundle.entry?.length ?? 0 };
    return;
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  for (let start = 0; start < lines.length; start += chunk) {
    const entry = lines.slice(start, start + chunk).map((l) => entryOf(JSON.parse(l) as Resource));
    yield { label: `${basename(file)}:${start + 1}-${start + entry.length}`, bundle: { resourceType: 'Bundle', type: 'transaction', entry }, resources: entry.length };
  }
}
