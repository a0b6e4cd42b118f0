// Comparisons on text columns that are indexed as `left(column, 128)` (see the migration: btree entries are
// bounded, values are not). A comparison always states the `left(…)` form, which the index serves, and adds the
// whole column only for values that long, so ordinary searches stay index-only scans.
import type { SqlParams } from './sql-params';

export const KEY_CHARS = 128;

/** PostgreSQL counts characters as code points, as this does (String.length counts UTF-16 units). */
const chars = (s: string) => [...s];
const key = (s: string) => chars(s).slice(0, KEY_CHARS).join('');

/** `%`, `_` and `\` are LIKE wildcards and its escape character: a value matches them literally. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

export function textEquals(column: string, value: string, p: SqlParams): string {
  const indexed = `left(${column}, ${KEY_CHARS}) = ${p.add(key(value))}`;
  // Shorter than the key, `left(column) = value` already means `column = value`.
  return chars(value).length < KEY_CHARS ? indexed : `(${indexed} AND ${column} = ${p.add(value)})`;
}

export function textIn(column: string, values: readonly string[], p: SqlParams): string {
  const indexed = `left(${column}, ${KEY_CHARS}) = ANY(${p.add(values.map(key))}::text[])`;
  return values.every((v) => chars(v).length < KEY_CHARS) ? indexed : `(${indexed} AND ${column} = ANY(${p.add(values)}::text[]))`;
}

export function textStartsWith(column: string, prefix: string, p: SqlParams): string {
  const indexed = `left(${column}, ${KEY_CHARS}) LIKE ${p.add(`${escapeLike(key(prefix))}%`)}`;
  return chars(prefix).length <= KEY_CHARS ? indexed : `(${indexed} AND ${column} LIKE ${p.add(`${escapeLike(prefix)}%`)})`;
}

export const textIsNull = (column: string) => `left(${column}, ${KEY_CHARS}) IS NULL`;
