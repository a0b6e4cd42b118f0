import { escapeLike, prefixEnd, textEquals, textIn, textStartsWith } from './indexed-text';
import { SqlParams } from './sql-params';

describe('search SQL on text indexed through <column>_key = left(column, 128)', () => {
  it('compares the indexed prefix, and the whole column only for long values', () => {
    const p = new SqlParams();
    expect(textEquals('t.code', 'abc', p)).toBe('t.code_key = $1');
    const long = 'é'.repeat(200);
    expect(textEquals('t.code', long, p)).toBe('(t.code_key = $2 AND t.code = $3)');
    expect(p.values[1]).toBe('é'.repeat(128));
    expect(textIn('t.code', ['a', 'b'], p)).toBe('t.code_key = ANY($4::text[])');
  });

  it('counts characters as code points, as PostgreSQL does', () => {
    const p = new SqlParams();
    textEquals('t.code', '😀'.repeat(127), p);
    expect(p.values).toHaveLength(1);
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
  });

  it('finds a prefix as a key range, exact for wildcards, long values and the last code points', () => {
    const p = new SqlParams();
    expect(textStartsWith('t.normalized', 'a%', p)).toBe('(t.normalized_key ~>=~ $1 AND t.normalized_key ~<~ $2)');
    expect(p.values).toEqual(['a%', 'a&']);
    expect(prefixEnd('ab\u{10FFFF}')).toBe('ac');
    expect(prefixEnd('\u{D7FF}')).toBe('\u{E000}');
    expect(prefixEnd('\u{10FFFF}')).toBeUndefined();
    const long = new SqlParams();
    expect(textStartsWith('t.uri', 'x'.repeat(130), long)).toBe('((t.uri_key ~>=~ $1 AND t.uri_key ~<~ $2) AND t.uri LIKE $3)');
    expect(long.values[1]).toBe(`${'x'.repeat(127)}y`);
  });
});
