// Loads Synthea Bundles through the server (POST [base], each as a transaction) and reads back what it stored, in
// load order, with the ids it assigned and the references it rewrote (urn:uuid: and conditional references).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, Resource } from 'fhir/r4';
import { SHARED_DATA } from '../fhir-data';
import { BASE, FHIR_JSON, type TestApp } from '../start-app';

async function post(t: TestApp, file: string): Promise<string[]> {
  const bundle = JSON.parse(readFileSync(join(SHARED_DATA, 'synthea', file), 'utf8')) as Bundle;
  // The shared batches (organizations, practitioners: conditional creates) go as one transaction, not 780 commits.
  const res = await t.http.post('/fhir').set('content-type', FHIR_JSON).send(JSON.stringify({ ...bundle, type: 'transaction' }));
  if (res.status !== 200) throw new Error(`${file}: ${res.status} ${res.text.slice(0, 500)}`);
  // An entry answers a Location (Type/id/_history/v) when it created a resource.
  return ((JSON.parse(res.text) as Bundle).entry ?? []).flatMap((e) => (e.response?.location ? [e.response.location.split('/_history/')[0]] : []));
}

/** Every current resource, from the system history (which never goes through search). */
async function storedResources(t: TestApp): Promise<Map<string, Resource>> {
  const stored = new Map<string, Resource>();
  let next: string | undefined = '/fhir/_history?_count=1000';
  while (next) {
    const page = JSON.parse((await t.http.get(next)).text) as Bundle;
    for (const e of page.entry ?? []) {
      const key = e.resource && `${e.resource.resourceType}/${e.resource.id}`;
      if (key && !stored.has(key)) stored.set(key, e.resource as Resource);
    }
    next = page.link?.find((l) => l.relation === 'next')?.url.replace(BASE, '/fhir');
  }
  return stored;
}

export async function loadSynthea(t: TestApp, files: readonly string[]): Promise<Resource[]> {
  const created: string[] = [];
  for (const file of files) created.push(...(await post(t, file)));
  const stored = await storedResources(t);
  if (stored.size !== created.length) throw new Error(`Created ${created.length} resources but the history holds ${stored.size}`);
  return created.map((key) => stored.get(key) as Resource);
}
