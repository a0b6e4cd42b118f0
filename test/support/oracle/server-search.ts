// Runs a query on the server and collects the ids of every match, page after page (search.html#paging).
import type { Bundle } from 'fhir/r4';
import { BASE, type TestApp } from '../start-app';

export type ServerAnswer = { readonly ids: string[] } | { readonly error: string };

/** The ids of every match (sorted, duplicates kept), reading pages of `pageSize` through the `next` links. */
export async function serverIds(t: TestApp, typeAndQuery: string, pageSize: number): Promise<ServerAnswer> {
  const ids: string[] = [];
  let next: string | undefined = `/fhir/${typeAndQuery}&_count=${pageSize}`;
  while (next) {
    const res = await t.http.get(next).set('prefer', 'handling=strict');
    if (res.status !== 200) return { error: `${res.status} ${res.text.slice(0, 300)}` };
    const bundle = JSON.parse(res.text) as Bundle;
    for (const e of bundle.entry ?? []) if (e.search?.mode === 'match') ids.push(e.resource?.id as string);
    next = bundle.link?.find((l) => l.relation === 'next')?.url.replace(BASE, '/fhir');
  }
  return { ids: ids.sort() };
}
