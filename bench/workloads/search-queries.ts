// The search workloads' requests, with values taken from the loaded data: many different patients, names and
// identifiers, cycled, so that no run is one cached row. https://hl7.org/fhir/R4/search.html
import type { Client, Request } from 'autocannon';
import { withClient } from '../database';
import { SYNTHEA_SYSTEM } from '../search-data';
import { FHIR_JSON, type Load } from './workload';

export interface SearchWorkload {
  readonly name: string;
  /** The query shape of the issue, as a reader knows it. */
  readonly shape: string;
  /** A selective search (a handful of hits): the issue's targets apply (ratio and p99). */
  readonly selective: boolean;
  /** Request paths (`/fhir/…?…`), cycled by every connection from its own starting point. */
  readonly paths: readonly string[];
}

/** The large sets the paging and count workloads run on, found in the data. */
export interface LargeSets {
  /** `system|code` of the Condition code with the most resources, and their number. */
  readonly conditionCode: string;
  readonly conditionMatches: number;
  /** The smallest Observation category with at least 100,000 resources (else the largest), and its number. */
  readonly observationCategory: string;
  readonly observationMatches: number;
  /** The figures behind both choices, for the report: the five largest of each. */
  readonly topConditionCodes: readonly { code: string; n: number }[];
  readonly categories: readonly { code: string; n: number }[];
}

interface PatientPick {
  readonly id: string;
  readonly family: string;
  readonly identifier: string;
}

const q = encodeURIComponent;
/** Paging walks a set of at least this many rows (the issue's "100k-row result set"). */
export const LARGE = 100_000;

async function patients(url: string, limit: number): Promise<PatientPick[]> {
  const rows = await withClient(url, async (c) => (await c.query<{ id: string; content: string }>(`SELECT id, content FROM resource WHERE resource_type = 'Patient' AND NOT deleted`)).rows);
  const picks = rows.flatMap(({ id, content }) => {
    const p = JSON.parse(content) as { name?: { use?: string; family?: string }[]; identifier?: { system?: string; value?: string }[] };
    const family = (p.name?.find((n) => n.use === 'official') ?? p.name?.[0])?.family;
    const identifier = p.identifier?.find((i) => i.system === SYNTHEA_SYSTEM)?.value;
    return family && identifier ? [{ id, family, identifier }] : [];
  });
  // Ordered by the Synthea identifier, which the copies derive deterministically: the same people on every run.
  picks.sort((a, b) => (a.identifier < b.identifier ? -1 : 1));
  return picks.slice(0, limit);
}

/** Per patient: its most frequent Observation code, and a `ge` date that leaves about its three latest such Observations. */
async function observationPicks(url: string, ids: readonly string[]): Promise<Map<string, { code: string; date: string }>> {
  const sql = `SELECT ref.target_id AS patient, tok.system, tok.code, d.low
    FROM search_reference ref
    JOIN search_token tok ON tok.rid = ref.rid AND tok.resource_type = 'Observation' AND tok.param = 'code' AND tok.code IS NOT NULL
    JOIN search_date d ON d.rid = ref.rid AND d.resource_type = 'Observation' AND d.param = 'date'
    WHERE ref.resource_type = 'Observation' AND ref.param = 'patient' AND ref.target_type = 'Patient' AND ref.target_id = ANY($1::text[])`;
  const rows = await withClient(url, async (c) => (await c.query<{ patient: string; system: string | null; code: string; low: Date }>(sql, [ids])).rows);
  const byPatient = new Map<string, Map<string, Date[]>>();
  for (const r of rows) {
    const codes = byPatient.get(r.patient) ?? new Map<string, Date[]>();
    byPatient.set(r.patient, codes);
    const key = `${r.system ?? ''}|${r.code}`;
    codes.set(key, [...(codes.get(key) ?? []), r.low]);
  }
  const out = new Map<string, { code: string; date: string }>();
  for (const [patient, codes] of byPatient) {
    const [code, dates] = [...codes].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0]!;
    const sorted = dates.map((d) => d.toISOString().slice(0, 10)).sort();
    out.set(patient, { code, date: sorted[Math.max(0, sorted.length - 3)]! });
  }
  return out;
}

async function counts(url: string, type: string, param: string): Promise<{ code: string; n: number }[]> {
  // left(…, 128): the indexed form, so this is an index-only scan (the values are short).
  const sql = `SELECT left(system, 128) AS system, left(code, 128) AS code, count(*)::int AS n FROM search_token
    WHERE resource_type = $1 AND param = $2 AND left(code, 128) IS NOT NULL GROUP BY 1, 2 ORDER BY n DESC, code`;
  const rows = await withClient(url, async (c) => (await c.query<{ system: string | null; code: string; n: number }>(sql, [type, param])).rows);
  return rows.map((r) => ({ code: `${r.system ?? ''}|${r.code}`, n: r.n }));
}

export async function largeSets(url: string): Promise<LargeSets> {
  const conditions = await counts(url, 'Condition', 'code');
  const categories = await counts(url, 'Observation', 'category');
  if (conditions.length === 0 || categories.length === 0) throw new Error('no Condition codes or Observation categories: is the population loaded?');
  const category = [...categories].reverse().find((c) => c.n >= LARGE) ?? categories[0]!;
  return {
    conditionCode: conditions[0]!.code,
    conditionMatches: conditions[0]!.n,
    observationCategory: category.code,
    observationMatches: category.n,
    topConditionCodes: conditions.slice(0, 5),
    categories: categories.slice(0, 5),
  };
}

/** The selective workloads and the large count; the paging workloads come from the walks (search-paging.ts). */
export async function searchWorkloads(url: string, sets: LargeSets, pool: number): Promise<SearchWorkload[]> {
  const people = await patients(url, pool);
  // The observation query needs a per-patient scan of its Observations: a few hundred patients are plenty.
  const observed = await observationPicks(url, people.filter((_, i) => i % Math.ceil(people.length / 300) === 0).map((p) => p.id));
  return [
    { name: 'patient-name', shape: 'Patient?name=', selective: true, paths: people.map((p) => `/fhir/Patient?name=${q(p.family)}`) },
    { name: 'patient-identifier', shape: 'Patient?identifier=', selective: true, paths: people.map((p) => `/fhir/Patient?identifier=${q(`${SYNTHEA_SYSTEM}|${p.identifier}`)}`) },
    {
      name: 'observation-patient-code-date',
      shape: 'Observation?patient=X&code=Y&date=ge…',
      selective: true,
      paths: [...observed].map(([id, o]) => `/fhir/Observation?patient=${q(`Patient/${id}`)}&code=${q(o.code)}&date=ge${o.date}`),
    },
    { name: 'observation-chained-name', shape: 'Observation?subject:Patient.name=', selective: false, paths: people.map((p) => `/fhir/Observation?subject:Patient.name=${q(p.family)}`) },
    { name: 'patient-revinclude', shape: 'Patient?_id=X&_revinclude=Observation:subject', selective: false, paths: people.map((p) => `/fhir/Patient?_id=${q(p.id)}&_revinclude=Observation:subject`) },
    { name: 'count-large', shape: `Observation?category=…&_summary=count (${sets.observationMatches} matches)`, selective: false, paths: [`/fhir/Observation?category=${q(sets.observationCategory)}&_summary=count`] },
  ];
}

/** Every connection cycles the whole list, from its own starting point, so the 50 are not in lock-step on one row. */
export function searchLoad(paths: readonly string[], connections: number): Load {
  const requests: Request[] = paths.map((path) => ({ method: 'GET', path, headers: { accept: FHIR_JSON } }));
  let slot = 0;
  return {
    requests,
    setupClient: (client: Client) => {
      const start = Math.floor(((slot++ % connections) * requests.length) / connections);
      client.setRequests([...requests.slice(start), ...requests.slice(0, start)]);
    },
  };
}
