import { escapeLike, textEquals, textIn, textStartsWith } from './indexed-text';
import { SqlParams } from './sql-params';

describe('search SQL on left(column, 128)-indexed text', () => {
  it('compares the indexed prefix, and the whole column only for long values', () => {
    const p = new SqlParams();
    expect(textEquals('t.code', 'abc', p)).toBe('left(t.code, 128) = $1');
    const long = 'é'.repeat(200);
    expect(textEquals('t.code', long, p)).toBe('(left(t.code, 128) = $2 AND t.code = $3)');
    expect(p.values[1]).toBe('é'.repeat(128));
    expect(textIn('t.code', ['a', 'b'], p)).toBe('left(t.code, 128) = ANY($4::text[])');
  });

  it('counts characters as code points, as PostgreSQL does', () => {
    const p = new SqlParams();
    textEquals('t.code', '😀'.repeat(127), p);
    expect(p.values).toHaveLength(1);
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
    const p = new SqlParams();
    expect(textStartsWith('t.normalized', 'a%', p)).toBe('left(t.normalized, 128) LIKE $1');
    expect(p.values).toEqual(['a\\%%']);
  });
});
