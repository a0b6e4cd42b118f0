// The search oracle: https://hl7.org/fhir/R4/search.html — for a few hundred queries generated from Synthea data
// loaded through the server, the server's matches equal the set computed in memory from each parameter's FHIRPath
// expression and the spec's matching rules (test/support/oracle). Where they differ, one of the two has a bug.
import type { Resource } from 'fhir/r4';
import { sharedDataAvailable } from '../../support/fhir-data';
import { Catalogue } from '../../support/oracle/catalogue';
import { generateQueries, PLAN } from '../../support/oracle/generate';
import { LoadedData } from '../../support/oracle/loaded-data';
import { SearchOracle } from '../../support/oracle/oracle';
import { queryUrl, type OracleQuery } from '../../support/oracle/oracle-query';
import { SearchValues } from '../../support/oracle/search-values';
import { serverIds } from '../../support/oracle/server-search';
import { loadSynthea } from '../../support/oracle/synthea-load';
import { BASE, startApp, type TestApp } from '../../support/start-app';

/** The two shared batch Bundles (organizations, practitioners) and eight of the smallest patients: about 2,500 resources. */
const FILES = [
  '0-hospitalInformation1625911868739.json',
  '0-practitionerInformation1625911868739.json',
  '8a4c9c04-1524-9f1c-d65b-9b17e4520fef.json',
  '8708d3e1-f718-96bb-03f0-f2a6564ae1cd.json',
  '085e81c0-7a95-ef02-16ef-aa1b4344deed.json',
  'be9d18f7-f230-dadc-049e-c13d3a4ac079.json',
  '5f66ecbb-b445-1290-4b55-9fc3ddfd569e.json',
  'beb53716-4df8-a51c-c58e-a8b814b8ac88.json',
  'e1dbcb04-9c64-e94c-2bd0-d7b199d369e5.json',
  'f500d29f-be62-9008-43c5-e2c173dde9bd.json',
];
const SEED = 4_011_2024;
const GROUPS = [...new Set(PLAN.map(([group]) => group))];
const describeWithData = sharedDataAvailable('synthea') ? describe : describe.skip;

/** Most queries read all matches in one page; every third pages through them 50 at a time (search.html#paging). */
const pageSize = (i: number) => (i % 3 === 2 ? 50 : 1000);

interface Mismatch {
  readonly query: string;
  readonly shape: string;
  readonly error?: string;
  readonly missing?: string[];
  readonly extra?: string[];
  readonly duplicated?: string[];
}

let t: TestApp;
let resources: Resource[];
let oracle: SearchOracle;
let groups: Map<string, OracleQuery[]>;

/** Runs each query on the server and in the oracle; lists the ids the server missed and those it added. */
async function mismatches(queries: readonly OracleQuery[]): Promise<Mismatch[]> {
  const found: Mismatch[] = [];
  for (const [i, query] of queries.entries()) {
    const url = queryUrl(query, BASE);
    const now = Date.now();
    const answer = await serverIds(t, url, pageSize(i));
    if ('error' in answer) {
      found.push({ query: url, shape: query.label, error: answer.error });
      continue;
    }
    const expected = new Set(oracle.expectedIds(query, now));
    const returned = new Set(answer.ids);
    const missing = [...expected].filter((id) => !returned.has(id));
    const extra = [...returned].filter((id) => !expected.has(id));
    const duplicated = answer.ids.filter((id, j) => answer.ids[j - 1] === id);
    if (missing.length > 0 || extra.length > 0 || duplicated.length > 0) found.push({ query: url, shape: query.label, missing, extra, duplicated });
  }
  return found;
}

describeWithData('search.html — the server against an in-memory oracle, over Synthea patients', () => {
  beforeAll(async () => {
    t = await startApp();
    resources = await loadSynthea(t, FILES);
    const data = new LoadedData(resources, BASE);
    const values = new SearchValues(data);
    oracle = new SearchOracle(data, values);
    groups = generateQueries(new Catalogue(data, values), SEED);
  }, 300_000);
  afterAll(() => t?.close());

  it('generates a few hundred queries from the loaded data', () => {
    expect(resources.length).toBeGreaterThan(2_000);
    expect([...groups.values()].flat().length).toBeGreaterThanOrEqual(300);
  });

  it.each(GROUPS)('%s: the server finds exactly what the oracle finds', async (group) => {
    const queries = groups.get(group) ?? [];
    expect(queries.length).toBeGreaterThan(0);
    expect(await mismatches(queries)).toEqual([]);
  }, 300_000);
});
