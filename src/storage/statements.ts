// The statements of the hot paths (prepared once per connection by name). The write statements: head, history and index rows of resources in one statement (one round trip).
// `resource` holds the current version of each resource, `resource_history` the versions it replaced: an update moves the replaced row.
// Rows travel as parallel arrays that the server unnests, so N new resources cost one statement, not N.
import { binaryArray, isBinaryElement } from './binary-arrays';
import { INDEX_TABLES, type IndexRows } from './indexing/index-tables';

const RESOURCE_COLUMNS = 6;
/** $1…$6 as rows: the versions to write (contents as one text, see joinContents), numbered from 1 (`n`). */
const VERSIONS = `unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], string_to_array($5::text, E'\\n', ''), $6::text[]`;
const VERSION_COLUMNS = 'resource_type, id, version_id, last_updated, content, method';
const X_VERSION_COLUMNS = VERSION_COLUMNS.split(', ').map((c) => `x.${c}`).join(', ');

/**
 * `k`: the rid written for each version by position (NULL where none was), from the rows of `w` joined on `on`; then
 * per index table, from parameter $`first`: the position (from 1) of each row's resource and one array per column.
 * Rows go to the resource written at their position, so index rows need no join on (type, id); `replace` deletes a
 * written resource's old rows first.
 */
function indexRowsSql(on: 'rid' | 'n', first: number, replace: boolean): string {
  let n = first - 1;
  const tables = INDEX_TABLES.map((table) => {
    const position = `$${++n}::int[]`;
    const columns = table.columns.map(([, type]) => `$${++n}::${type}[]`);
    const names = table.columns.map(([name]) => name);
    const drop = replace ? `, drop_${table.name} AS (DELETE FROM ${table.name} WHERE rid IN (SELECT rid FROM w))` : '';
    return `${drop}, add_${table.name} AS (
    INSERT INTO ${table.name} (rid, resource_type, ${names.join(', ')})
    SELECT k.rids[x.n], k.types[x.n], ${names.map((c) => `x.${c}`).join(', ')}
    FROM k, unnest(${[position, ...columns].join(', ')}) AS x(n, ${names.join(', ')}) WHERE k.rids[x.n] IS NOT NULL)`;
  });
  return `, k AS (
    SELECT array_agg(w.rid ORDER BY i.n) AS rids, array_agg(i.resource_type ORDER BY i.n) AS types FROM input i LEFT JOIN w USING (${on})
  )${tables.join('')}`;
}

/**
 * New resources (version 1, or a create-on-update): $1…$6 (VERSIONS), then the index rows (indexRowsSql). Returns the
 * position of each new row (of two for the same resource, one is new). The rids are drawn before the insert (from
 * `resource_rid_seq`, the sequence of resource.rid's identity); a resource that already existed is not written.
 */
function insertSql(): string {
  return `
  WITH input AS (
    SELECT nextval('resource_rid_seq') AS rid, ${X_VERSION_COLUMNS}, x.n::int AS n FROM ${VERSIONS}) WITH ORDINALITY AS x(${VERSION_COLUMNS}, n)
  ), w AS (
    INSERT INTO resource (rid, resource_type, id, version_id, last_updated, deleted, content, method) OVERRIDING SYSTEM VALUE
    SELECT rid, resource_type, id, version_id, last_updated, content IS NULL, content, method FROM input
    ON CONFLICT ON CONSTRAINT resource_type_id_key DO NOTHING
    RETURNING rid
  )${indexRowsSql('rid', RESOURCE_COLUMNS + 1, false)}
  SELECT i.n FROM input i JOIN w USING (rid)`;
}

/**
 * Next versions of existing resources, each only if it is still at the version it expects: $1…$6 (VERSIONS), $7 the
 * expected versions, then the index rows (indexRowsSql), which replace a written resource's. The replaced versions
 * (`old`, locked: a concurrent writer's version fails the check) move to history. Returns the positions written: of
 * two items for one resource, PostgreSQL updates its row once.
 */
function updateSql(): string {
  return `
  WITH input AS (
    SELECT ${X_VERSION_COLUMNS}, x.expected, x.n::int AS n FROM ${VERSIONS}, $7::int[]) WITH ORDINALITY AS x(${VERSION_COLUMNS}, expected, n)
  ), old AS (
    SELECT r.rid, r.version_id, r.resource_type, r.id, r.last_updated, r.method, r.content, i.n
    FROM resource r JOIN input i ON r.resource_type = i.resource_type AND r.id = i.id AND r.version_id = i.expected
    FOR UPDATE OF r
  ), w AS (
    UPDATE resource r SET version_id = i.version_id, last_updated = i.last_updated, deleted = i.content IS NULL, content = i.content, method = i.method
    FROM old o JOIN input i USING (n) WHERE r.rid = o.rid AND r.version_id = o.version_id
    RETURNING r.rid, i.n
  )${indexRowsSql('n', RESOURCE_COLUMNS + 2, true)}
  , add_history AS (
    INSERT INTO resource_history (rid, version_id, resource_type, id, last_updated, method, content)
    SELECT o.rid, o.version_id, o.resource_type, o.id, o.last_updated, o.method, o.content FROM old o JOIN w USING (n)
  )
  SELECT n FROM w`;
}

/**
 * New index rows for resources still at the versions read: $1 rids, $2 versions, then per index table: rids and one
 * array per column. A resource changed since (its writer indexed it) or deleted is left alone.
 */
function reindexSql(): string {
  let n = 2;
  const indexes = INDEX_TABLES.map((table) => {
    const names = table.columns.map(([name]) => name);
    const columns = [`$${++n}::bigint[]`, ...table.columns.map(([, type]) => `$${++n}::${type}[]`)];
    return `, drop_${table.name} AS (DELETE FROM ${table.name} WHERE rid IN (SELECT rid FROM cur))
  , add_${table.name} AS (
    INSERT INTO ${table.name} (rid, resource_type, ${names.join(', ')})
    SELECT cur.rid, cur.resource_type, ${names.map((c) => `x.${c}`).join(', ')}
    FROM unnest(${columns.join(', ')}) AS x(rid, ${names.join(', ')}) JOIN cur USING (rid))`;
  });
  return `
  WITH cur AS (
    SELECT r.rid, r.resource_type FROM resource r JOIN unnest($1::bigint[], $2::int[]) AS v(rid, version_id) USING (rid)
    WHERE r.version_id = v.version_id AND NOT r.deleted FOR UPDATE OF r
  )${indexes.join('')}
  SELECT count(*)::int AS rewritten FROM cur`;
}

/**
 * The contents of new resources as one text, a line each ('' for a deletion): JSON.stringify never writes a raw line
 * break. As a text[] parameter, each content's quotes would be escaped by pg and unescaped by PostgreSQL's array_in,
 * which cost ~30 µs of Node and ~10 µs of PostgreSQL time per 1.5 kB resource (measured); a split costs neither.
 */
export const joinContents = (contents: readonly (string | null)[]): string => contents.map((c) => c ?? '').join('\n');

export const READ_SQL = 'SELECT resource_type, id, version_id, last_updated, deleted, content FROM resource WHERE resource_type = $1 AND id = $2';

/** The current row when it is that version (no second lookup), else the history row it replaced. */
export const VREAD_SQL = `SELECT v.* FROM resource r CROSS JOIN LATERAL (
    SELECT r.resource_type, r.id, r.version_id, r.last_updated, r.deleted, r.content, r.method WHERE r.version_id = $3
    UNION ALL
    SELECT h.resource_type, h.id, h.version_id, h.last_updated, h.content IS NULL, h.content, h.method FROM resource_history h
    WHERE h.rid = r.rid AND h.version_id = $3 AND r.version_id > $3
  ) v WHERE r.resource_type = $1 AND r.id = $2`;

export const INSERT_SQL = insertSql();
export const UPDATE_SQL = updateSql();
export const REINDEX_SQL = reindexSql();

/**
 * Per index table, one array per column of the rows of many resources, each row led by its resource's `key` (a
 * position in the statement, or a rid). Text and integer arrays go binary (binary-arrays.ts), the others as text.
 */
export function indexParams(keyType: 'int' | 'bigint', rowsByResource: readonly { key: unknown; rows: IndexRows }[]): unknown[] {
  return INDEX_TABLES.flatMap((table) => {
    const width = table.columns.length;
    const keys: unknown[] = [];
    const columns: unknown[][] = Array.from({ length: width }, () => []);
    for (const { key, rows } of rowsByResource) {
      for (const row of rows.get(table.name) ?? []) {
        keys.push(key);
        for (let c = 0; c < width; c++) columns[c].push(row[c] ?? null);
      }
    }
    return [binaryArray(keyType, keys), ...columns.map((values, c) => asParameter(table.columns[c][1], values))];
  });
}

const asParameter = (type: string, values: unknown[]): unknown => (isBinaryElement(type) ? binaryArray(type, values) : values);

const prepared = new Map<string, string>();
/** Bounds the statements a connection keeps prepared (PostgreSQL holds each one's plan for the connection's life). */
const MAX_PREPARED = 256;

/** A name to prepare a search statement under, the same for the same text; undefined once MAX_PREPARED are named. */
export function preparedName(sql: string): string | undefined {
  let name = prepared.get(sql);
  if (name === undefined && prepared.size < MAX_PREPARED) prepared.set(sql, (name = `ignis_search_${prepared.size}`));
  return name;
}
