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

/**
 * The least string above every string that starts with `prefix`, in code point order (which is UTF-8 byte order,
 * the order of text_pattern_ops); undefined when there is none (a prefix of U+10FFFF only).
 */
export function prefixEnd(prefix: string): string | undefined {
  const points = chars(prefix);
  while (points.length > 0) {
    const last = (points.pop() as string).codePointAt(0) as number;
    // Surrogates are not characters: after U+D7FF comes U+E000.
    if (last < 0x10ffff) return points.join('') + String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1);
  }
  return undefined;
}

/**
 * Starts with `prefix`, as a range of the key: unlike `LIKE $1`, a range on parameters is an index range in a
 * generic (prepared) plan too, and needs no escaping.
 */
export function textStartsWith(column: string, prefix: string, p: SqlParams): string {
  const low = key(prefix);
  const high = prefixEnd(low);
  const range = [`${keyColumn(column)} ~>=~ ${p.add(low)}`, ...(high === undefined ? [] : [`${keyColumn(column)} ~<~ ${p.add(high)}`])];
  const indexed = range.length === 1 ? range[0] : `(${range.join(' AND ')})`;
  return chars(prefix).length <= KEY_CHARS ? indexed : `(${indexed} AND ${column} LIKE ${p.add(`${escapeLike(prefix)}%`)})`;
}

export const textIsNull = (column: string) => `${keyColumn(column)} IS NULL`;
export const textIsNotNull = (column: string) => `${keyColumn(column)} IS NOT NULL`;
