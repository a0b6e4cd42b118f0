// Helpers for the search suites (test/e2e/search/*): load resources with known ids, run a search, read its ids.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, Resource } from 'fhir/r4';
import { DataSource } from 'typeorm';
import type { ValueCriterion } from '../../src/search/search-request';
import { CONDITIONS, type ConditionContext } from '../../src/storage/search-sql/conditions';
import { SqlParams } from '../../src/storage/search-sql/sql-params';
import { SHARED_DATA } from './fhir-data';
import { FHIR_JSON, type TestApp } from './start-app';

/** One official R4 example by file name (../shared/data/r4-examples). */
export const r4Example = <T extends Resource = Resource>(file: string): T => JSON.parse(readFileSync(join(SHARED_DATA, 'r4-examples', file), 'utf8')) as T;

/** PUTs each resource at its id (update-as-create), so that searches can name exact ids. */
export async function putAll(t: TestApp, resources: readonly Resource[]): Promise<void> {
  for (const resource of resources) {
    const res = await t.http.put(`/fhir/${resource.resourceType}/${resource.id}`).set('content-type', FHIR_JSON).send(JSON.stringify(resource));
    if (res.status !== 201 && res.status !== 200) throw new Error(`PUT ${resource.resourceType}/${resource.id}: ${res.status} ${res.text.slice(0, 500)}`);
  }
}

/** GET `[base]/Type?query` with strict handling (an unsupported parameter is a 400, never silently ignored). */
export const search = (t: TestApp, typeAndQuery: string) => t.http.get(`/fhir/${typeAndQuery}`).set('prefer', 'handling=strict');

/** The sorted ids of the matches of a search that must succeed. */
export async function ids(t: TestApp, typeAndQuery: string): Promise<string[]> {
  const res = await search(t, `${typeAndQuery}${typeAndQuery.includes('?') ? '&' : '?'}_count=1000`);
  if (res.status !== 200) throw new Error(`${typeAndQuery}: ${res.status} ${res.text.slice(0, 500)}`);
  const bundle = JSON.parse(res.text) as Bundle;
  return (bundle.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource?.id as string).sort();
}

/**
 * Runs value criteria straight through the SQL condition builders with a context the HTTP path may not pass yet
 * (baseUrl, valueSets, now), against the suite's database; returns the sorted ids.
 */
export async function idsWithContext(t: TestApp, request: { resourceType: string; criteria: ValueCriterion[] }, ctx: Partial<ConditionContext>): Promise<string[]> {
  const p = new SqlParams();
  const where = [`r.resource_type = ${p.add(request.resourceType)}`, 'NOT r.deleted'];
  for (const c of request.criteria) where.push((CONDITIONS[c.param.type] as NonNullable<(typeof CONDITIONS)['token']>)(c, { ...ctx, p, resourceType: request.resourceType, alias: 'r' }));
  const rows = (await t.app.get(DataSource).query(`SELECT r.id FROM resource r WHERE ${where.join(' AND ')}`, p.values)) as { id: string }[];
  return rows.map((r) => r.id).sort();
}
