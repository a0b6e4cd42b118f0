import { escapeLike, textEquals, textIn, textStartsWith } from './indexed-text';
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
    const p = new SqlParams();
    expect(textStartsWith('t.normalized', 'a%', p)).toBe('t.normalized_key LIKE $1');
    expect(p.values).toEqual(['a\\%%']);
  });
});
