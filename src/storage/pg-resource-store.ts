// ResourceStore on PostgreSQL: parameterized SQL over `resource`, `resource_history` and the index tables.
import { Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { HistoryPage, HistoryQuery, ResourceStore, SearchPage, StoredVersion, VersionWrite } from '../interactions/resource-store';
import type { IncludeSpec, PageCursor, SearchRequest } from '../search/search-request';
import { historyQuery } from './history-sql';
import { Indexer } from './indexing/indexer';
import { WriteBatcher } from './write-batcher';
import { binaryArray } from './binary-arrays';
import { asFhirError } from './postgres-errors';
import { compileSearch, type CompiledSearch, type SearchSqlOptions } from './search-sql/compile-search';
import { includeQuery } from './search-sql/include';
import type { IndexRows } from './indexing/index-tables';
import { INSERT_SQL, READ_SQL, UPDATE_SQL, VREAD_SQL, indexParams, joinContents, preparedName } from './statements';

type Queryable = Pick<Pool, 'query'> | PoolClient;

interface VersionRow {
  resource_type: string;
  id: string;
  version_id: number;
  last_updated: Date;
  deleted: boolean;
  content: string | null;
  method?: StoredVersion['method'];
}

/** Sort values as they travel in a cursor: dates as ISO text, numbers as numbers, text as text. */
const cursorValue = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);

export const toVersion = (r: VersionRow): StoredVersion => ({
  resourceType: r.resource_type,
  id: r.id,
  versionId: r.version_id,
  lastUpdated: r.last_updated,
  deleted: r.deleted,
  json: r.content,
  method: r.method,
});

export interface StoreOptions extends SearchSqlOptions {
  /** How many group-write statements of each kind (inserts, updates) may run at once (write-batcher.ts); default 1. */
  readonly writeConcurrency?: number;
  /** Whether searches that suit it run prepared (generic-plans.ts); unprepared without it. */
  readonly genericPlans?: { readonly enabled: boolean };
}

interface Writable {
  readonly version: VersionWrite;
  readonly rows: IndexRows;
}

@Injectable()
export class PgResourceStore extends ResourceStore {
  /** Creates and updates outside a transaction: concurrent ones share one statement of their kind. */
  private readonly inserts?: WriteBatcher<Writable>;
  private readonly updates?: WriteBatcher<Writable>;
  /** Inside a transaction: what waits for COMMIT. */
  private readonly committed: (() => void)[] = [];

  /** `inTransaction`: this store is bound to one client inside BEGIN … COMMIT. */
  constructor(
    private readonly db: Queryable,
    private readonly indexer: Indexer,
    private readonly pool: Pool,
    private readonly options: StoreOptions = {},
    private readonly inTransaction = false,
  ) {
    super();
    if (!inTransaction) {
      this.inserts = new WriteBatcher((items) => this.insertRows(items), options.writeConcurrency ?? 1);
      this.updates = new WriteBatcher((items) => this.updateRows(items), options.writeConcurrency ?? 1);
    }
  }

  /** `name`: the fixed statements of the hot paths are prepared once per connection, then only bound and run. */
  private async query<R>(sql: string, params: unknown[], name?: string): Promise<R[]> {
    try {
      return (await this.db.query({ text: sql, values: params, ...(name ? { name } : {}) })).rows as R[];
    } catch (error) {
      throw asFhirError(error);
    }
  }

  async read(resourceType: string, id: string): Promise<StoredVersion | undefined> {
    const rows = await this.query<VersionRow>(READ_SQL, [resourceType, id], 'ignis_read');
    return rows[0] && toVersion(rows[0]);
  }

  async vread(resourceType: string, id: string, versionId: number): Promise<StoredVersion | undefined> {
    const rows = await this.query<VersionRow>(VREAD_SQL, [resourceType, id, versionId], 'ignis_vread');
    return rows[0] && toVersion(rows[0]);
  }

  async write(v: VersionWrite): Promise<boolean> {
    const item = this.writable(v);
    if (v.expectedVersion === undefined) return this.inserts ? this.inserts.write(item) : (await this.insertRows([item])).size === 1;
    return this.updates ? this.updates.write(item) : (await this.updateRows([item])).size === 1;
  }

  async insert(versions: readonly VersionWrite[]): Promise<number> {
    return (await this.insertRows(versions.map((v) => this.writable(v)))).size;
  }

  private writable(version: VersionWrite): Writable {
    return { version, rows: version.resource ? this.indexer.index(version.resource) : new Map() };
  }

  /** One statement for all `items`; returns the positions of those that were new. */
  private insertRows(items: readonly Writable[]): Promise<Set<number>> {
    return this.writeRows(INSERT_SQL, 'ignis_insert', items, []);
  }

  /** One statement for all `items`; returns the positions of those still at their expected version (now written). */
  private updateRows(items: readonly Writable[]): Promise<Set<number>> {
    return this.writeRows(UPDATE_SQL, 'ignis_update', items, [binaryArray('int', items.map(({ version }) => version.expectedVersion))]);
  }

  /** The parameters both group statements share: the versions' columns, `extra` columns, then the index rows by position. */
  private async writeRows(sql: string, name: string, items: readonly Writable[], extra: unknown[]): Promise<Set<number>> {
    const versions = items.map((i) => i.version);
    const params = [
      binaryArray('text', versions.map((v) => v.resourceType)),
      binaryArray('text', versions.map((v) => v.id)),
      binaryArray('int', versions.map((v) => v.versionId)),
      versions.map((v) => v.lastUpdated),
      joinContents(versions.map((v) => v.json)),
      binaryArray('text', versions.map((v) => v.method)),
      ...extra,
      ...indexParams('int', items.map(({ rows }, i) => ({ key: i + 1, rows }))),
    ];
    return new Set((await this.query<{ n: number }>(sql, params, name)).map((r) => r.n - 1));
  }

  async history(query: HistoryQuery): Promise<HistoryPage> {
    const { sql, params } = historyQuery(query);
    const rows = await this.query<VersionRow & { rid: string }>(sql, params);
    const versions = rows.slice(0, query.count).map(toVersion);
    const last = rows[query.count - 1];
    const next = rows.length > query.count ? { lastUpdated: last.last_updated.toISOString(), key: `${last.rid}.${last.version_id}` } : undefined;
    return { versions, next };
  }

  async search(request: SearchRequest): Promise<SearchPage> {
    const compiled = compileSearch(request, this.options);
    // _summary=count asks for no page: only the count runs.
    if (request.count === 0) return { matches: [], total: await this.total(request, compiled) };
    const rows = await this.query<VersionRow & { rid: string } & Record<string, unknown>>(compiled.sql, compiled.params, this.prepared(compiled.prepare, compiled.sql));
    const more = rows.length > request.count;
    const page = rows.slice(0, request.count);
    if (compiled.reverse) page.reverse();
    const at = (row: (typeof rows)[number], direction: PageCursor['direction']): PageCursor => ({
      direction,
      values: Array.from({ length: compiled.sortKeys }, (_, i) => cursorValue(row[`s${i}`])),
      rid: row.rid,
    });
    const first = page[0];
    const last = page[page.length - 1];
    const next = last && (compiled.reverse || more) ? at(last, 'next') : undefined;
    const previous = first && (compiled.reverse ? more : request.cursor !== undefined) ? at(first, 'previous') : undefined;
    return { matches: page.map(toVersion), total: await this.total(request, compiled), next, previous };
  }

  private prepared(suits: boolean, sql: string): string | undefined {
    return suits && this.options.genericPlans?.enabled ? preparedName(sql) : undefined;
  }

  /** `_total=accurate` counts; `estimate` asks the planner, which costs nothing on a large table. */
  private async total(request: SearchRequest, compiled: CompiledSearch): Promise<number | undefined> {
    if (!compiled.count) return undefined;
    const { sql, params, prepare } = compiled.count;
    if (request.total === 'accurate') return (await this.query<{ total: number }>(sql, params, this.prepared(prepare, sql)))[0].total;
    const [plan] = await this.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    return Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']);
  }

  async include(matches: readonly StoredVersion[], specs: readonly IncludeSpec[]): Promise<StoredVersion[]> {
    const { sql, params } = includeQuery(matches, specs);
    return (await this.query<VersionRow>(sql, params)).map(toVersion);
  }

  afterCommit(fn: () => void): void {
    if (this.inTransaction) this.committed.push(fn);
    else fn();
  }

  async lock(key: string): Promise<void> {
    if (!this.inTransaction) throw new Error('lock() needs a transaction');
    await this.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
  }

  async transaction<T>(work: (store: ResourceStore) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const store = new PgResourceStore(client, this.indexer, this.pool, this.options, true);
      const result = await work(store);
      await client.query('COMMIT');
      for (const fn of store.committed) fn();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw asFhirError(error);
    } finally {
      client.release();
    }
  }
}
