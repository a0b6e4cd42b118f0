// Comparisons on text columns that are indexed through a bounded key (see migrations 1764070000000 and
// 1764400000000: btree entries are bounded, values are not). `<column>_key` is the stored `left(column, 128)`;
// a comparison always states the key, which the index serves (index-only), and adds the whole column only for
// values that long.
import type { SqlParams } from './sql-params';

export const KEY_CHARS = 128;

/** PostgreSQL counts characters as code points, as this does (String.length counts UTF-16 units). */
const chars = (s: string) => [...s];
const key = (s: string) => chars(s).slice(0, KEY_CHARS).join('');
const keyColumn = (column: string) => `${column}_key`;

/** `%`, `_` and `\` are LIKE wildcards and its escape character: a value matches them literally. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

export function textEquals(column: string, value: string, p: SqlParams): string {
  const indexed = `${keyColumn(column)} = ${p.add(key(value))}`;
  // Shorter than the key, `key = value` already means `column = value`.
  return chars(value).length < KEY_CHARS ? indexed : `(${indexed} AND ${column} = ${p.add(value)})`;
}

export function textIn(column: string, values: readonly string[], p: SqlParams): string {
  const indexed = `${keyColumn(column)} = ANY(${p.add(values.map(key))}::text[])`;
  return values.every((v) => chars(v).length < KEY_CHARS) ? indexed : `(${indexed} AND ${column} = ANY(${p.add(values)}::text[]))`;
}

export function textStartsWith(column: string, prefix: string, p: SqlParams): string {
  const indexed = `${keyColumn(column)} LIKE ${p.add(`${escapeLike(key(prefix))}%`)}`;
  return chars(prefix).length <= KEY_CHARS ? indexed : `(${indexed} AND ${column} LIKE ${p.add(`${escapeLike(prefix)}%`)})`;
}

export const textIsNull = (column: string) => `${keyColumn(column)} IS NULL`;
export const textIsNotNull = (column: string) => `${keyColumn(column)} IS NOT NULL`;
