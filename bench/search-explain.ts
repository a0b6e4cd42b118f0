// EXPLAIN (ANALYZE, BUFFERS) of every SQL statement a search shape runs. The statements are not rebuilt here: the
// bench runs Ignis's own SearchInteraction (parsing, compile-search.ts, totals, _include) in-process on a store
// whose connection explains each SELECT after running it, so the plans are those of the very SQL the server sends.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { escapeLiteral, Pool } from 'pg';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/ignis-config';
import { SearchInteraction } from '../src/interactions/search';
import { Indexer } from '../src/storage/indexing/indexer';
import { PgResourceStore } from '../src/storage/pg-resource-store';
import { ValueSetIndex } from '../src/validation/value-sets';

export interface StatementPlan {
  readonly sql: string;
  readonly params: unknown[];
  readonly executionMs: number;
  readonly planningMs: number;
  readonly sharedHit: number;
  readonly sharedRead: number;
  /** Every index the plan scans, in plan order, without repeats. */
  readonly indexes: string[];
  /** Tables read by a sequential scan: every shape should use an index. */
  readonly seqScans: string[];
  readonly text: string;
}

export interface ShapePlan {
  readonly name: string;
  readonly path: string;
  readonly statements: StatementPlan[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

function walkPlan(node: PlanNode, indexes: Set<string>, seqScans: Set<string>): void {
  if (node['Index Name']) indexes.add(node['Index Name']);
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) seqScans.add(node['Relation Name']);
  for (const child of node.Plans ?? []) walkPlan(child, indexes, seqScans);
}

/** A parameter's PostgreSQL text form (arrays as `{"a","b"}`), which the prepared statement's parameter type parses. */
function textForm(value: unknown): string {
  if (Array.isArray(value)) return `{${value.map((v) => (v === null ? 'NULL' : `"${textForm(v).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
  return value instanceof Date ? value.toISOString() : String(value);
}

/** `name`: a statement the server prepares (and runs with a generic plan); its own plan is explained, by name. */
async function explain(pool: Pool, sql: string, params: unknown[], name?: string): Promise<StatementPlan> {
  // EXECUTE takes its arguments as SQL literals, not bind parameters.
  const literals = params.map((v) => (v === null ? 'NULL' : escapeLiteral(textForm(v))));
  const [target, values] = name ? [`EXECUTE ${name}(${literals.join(', ')})`, []] : [sql, params];
  const text = (await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${target}`, values)).rows.map((r) => r['QUERY PLAN']).join('\n');
  const [json] = (await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${target}`, values)).rows[0]!['QUERY PLAN'];
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  walkPlan(json.Plan, indexes, seqScans);
  return {
    sql,
    params,
    executionMs: json['Execution Time'],
    planningMs: json['Planning Time'],
    sharedHit: json.Plan['Shared Hit Blocks'] ?? 0,
    sharedRead: json.Plan['Shared Read Blocks'] ?? 0,
    indexes: [...indexes],
    seqScans: [...seqScans],
    text,
  };
}

/** Runs each `/fhir/Type?query` path through Ignis's search code and explains every SELECT it sends. */
export async function explainShapes(dbUrl: string, baseUrl: string, shapes: readonly { name: string; path: string }[]): Promise<ShapePlan[]> {
  const config = loadConfig({ ...process.env, DATABASE_URL: dbUrl, FHIR_BASE_URL: `${baseUrl}/fhir`, LOG_LEVEL: 'warn' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  // One connection, as the server's are: its prepared statements run with generic plans (data-source-options.ts).
  const pool = new Pool({ connectionString: dbUrl, max: 1, options: '-c plan_cache_mode=force_generic_plan' });
  try {
    const search = app.get(SearchInteraction, { strict: false });
    let statements: StatementPlan[] = [];
    // The store's whole connection: run the statement as the server would, then explain it (warm, as under load).
    const explaining = {
      query: async (config: { text: string; values?: unknown[]; name?: string }) => {
        const result = await pool.query(config);
        if (/^\s*SELECT/i.test(config.text)) statements.push(await explain(pool, config.text, config.values ?? [], config.name));
        return result;
      },
    } as unknown as Pool;
    const store = new PgResourceStore(explaining, app.get(Indexer, { strict: false }), pool, { baseUrl: config.baseUrl, valueSets: new ValueSetIndex(), genericPlans: { enabled: true } });
    const out: ShapePlan[] = [];
    for (const { name, path } of shapes) {
      statements = [];
      const url = new URL(path, baseUrl);
      const type = url.pathname.split('/').filter(Boolean).pop()!;
      await search.execute({ store, baseUrl: config.baseUrl, prefer: {} }, type, [...url.searchParams]);
      out.push({ name, path, statements });
    }
    return out;
  } finally {
    await pool.end();
    await app.close();
  }
}

/** One line per shape: time in PostgreSQL, the indexes, and any sequential scan flagged loudly. */
export function planSummary(plan: ShapePlan): string {
  const ms = plan.statements.reduce((n, s) => n + s.executionMs, 0);
  const indexes = [...new Set(plan.statements.flatMap((s) => s.indexes))];
  const seq = [...new Set(plan.statements.flatMap((s) => s.seqScans))];
  const buffers = plan.statements.reduce((n, s) => n + s.sharedHit + s.sharedRead, 0);
  const flag = seq.length > 0 ? `  !!! SEQ SCAN on ${seq.join(', ')} !!!` : '  no Seq Scan';
  return `${plan.name}: ${plan.statements.length} statement(s), ${ms.toFixed(1)} ms in PostgreSQL, ${buffers} buffers; indexes ${indexes.join(', ') || '(none)'};${flag}`;
}
