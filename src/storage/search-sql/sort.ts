// _sort and keyset paging (search.html#sort, #paging): a page starts after (or before) the last row's sort values
// and rid, so it costs the same however deep it is and stays right while others write.
import type { PageCursor, SortKey } from '../../search/search-request';
import type { SqlParams } from './sql-params';
import { paramRows } from './index-rows';

/** Per index table: the column that orders ascending and the one that orders descending. */
const SORT_COLUMNS: Record<string, readonly [string, string]> = {
  token: ['code', 'code'],
  string: ['normalized', 'normalized'],
  uri: ['uri', 'uri'],
  date: ['low', 'high'],
  number: ['low', 'high'],
  quantity: ['low', 'high'],
  reference: ['target_id', 'target_id'],
};
const TABLES: Record<string, string> = {
  token: 'search_token',
  string: 'search_string',
  uri: 'search_uri',
  date: 'search_date',
  number: 'search_number',
  quantity: 'search_quantity',
  reference: 'search_reference',
};

export interface OrderKey {
  readonly expression: string;
  readonly descending: boolean;
}

/** The sort keys as SQL on `alias`; a resource with several values sorts by its least (or, descending, greatest). */
export function orderKeys(sort: readonly SortKey[], alias: string, p: SqlParams): OrderKey[] {
  return sort.map(({ param, descending }) => {
    if (param.code === '_id') return { expression: `${alias}.id`, descending };
    if (param.code === '_lastUpdated') return { expression: `${alias}.last_updated`, descending };
    const [asc, desc] = SORT_COLUMNS[param.type] ?? [];
    const table = TABLES[param.type];
    if (!table || !asc) throw new Error(`No sort column for ${param.type}`);
    const column = descending ? desc : asc;
    const { code, part } = paramRows(param, 'x', p);
    const rows = `x.rid = ${alias}.rid AND x.param = ${p.add(code)}${part ? ` AND ${part}` : ''}`;
    return { expression: `(SELECT ${descending ? 'max' : 'min'}(x.${column}) FROM ${table} x WHERE ${rows})`, descending };
  });
}

/** ORDER BY for the keys then rid; `reverse` walks backwards (for a previous page). NULLs last in the forward order. */
export function orderBy(keys: readonly OrderKey[], rid: string, reverse: boolean): string {
  const dir = (descending: boolean) => (descending !== reverse ? 'DESC' : 'ASC');
  const nulls = reverse ? 'NULLS FIRST' : 'NULLS LAST';
  return [...keys.map((k, i) => `s${i} ${dir(k.descending)} ${nulls}`), `${rid} ${reverse ? 'DESC' : 'ASC'}`].join(', ');
}

/** Rows strictly after the cursor in the forward order (or strictly before it, for `previous`). */
export function keysetCondition(keys: readonly OrderKey[], rid: string, cursor: PageCursor, p: SqlParams): string {
  const back = cursor.direction === 'previous';
  const ors: string[] = [];
  for (let i = 0; i <= keys.length; i++) {
    const equal = keys.slice(0, i).map((_, j) => (cursor.values[j] === null ? `s${j} IS NULL` : `s${j} = ${p.add(cursor.values[j])}`));
    if (i === keys.length) {
      ors.push([...equal, `${rid} ${back ? '<' : '>'} ${p.add(cursor.rid)}::bigint`].join(' AND '));
      continue;
    }
    const value = cursor.values[i];
    const after = keys[i].descending !== back ? '<' : '>';
    // NULLs come last going forward: after a value come larger values and NULLs; before a NULL come all values.
    const step = value === null ? (back ? `s${i} IS NOT NULL` : 'false') : back ? `s${i} ${after} ${p.add(value)}` : `(s${i} ${after} ${p.add(value)} OR s${i} IS NULL)`;
    ors.push([...equal, step].join(' AND '));
  }
  return `(${ors.map((o) => `(${o})`).join(' OR ')})`;
}
