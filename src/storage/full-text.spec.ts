import { tsqueryLiteral, tsvector, words } from './full-text';

/** The binary tsvector as its text form (`word:1,4 other:2`). */
function literal(b: Buffer | undefined): string | undefined {
  if (!b) return undefined;
  const entries: string[] = [];
  let at = 4;
  for (let n = b.readInt32BE(0); n > 0; n--) {
    const end = b.indexOf(0, at);
    const word = b.toString('utf8', at, end);
    const count = b.readUInt16BE(end + 1);
    const positions = Array.from({ length: count }, (_, i) => b.readUInt16BE(end + 3 + 2 * i));
    entries.push(`${word}:${positions.join(',')}`);
    at = end + 3 + 2 * count;
  }
  expect(at).toBe(b.length);
  return entries.join(' ');
}

describe('full text: one tokeniser for resources and queries', () => {
  it('splits normalised text into runs of letters and digits', () => {
    expect(words('Zoë & Émile, liam.0@example.org +33 4 72')).toEqual(['zoe', 'emile', 'liam', '0', 'example', 'org', '33', '4', '72']);
    expect(words('東京 Straße №5')).toEqual(['東京', 'straße', '5']);
  });

  it('splits ASCII text (one expression) exactly as the scan by character would', () => {
    const ascii = 'Liam.0@Example.ORG +33 (4) 72_10/MRN-100000 http://loinc.org|8480-6';
    expect(words(ascii)).toEqual(['liam', '0', 'example', 'org', '33', '4', '72', '10', 'mrn', '100000', 'http', 'loinc', 'org', '8480', '6']);
    // The same words with one accented letter, which takes the scan: only that word changes.
    expect(words(`${ascii} é`)).toEqual([...words(ascii), 'e']);
    expect(words(`a ${'x'.repeat(501)} b`)).toEqual(['a', 'b']);
    expect(words(`a ${'x'.repeat(500)}`)).toEqual(['a', 'x'.repeat(500)]);
  });

  it('writes a binary tsvector with positions, repeated words together', () => {
    expect(literal(tsvector('Peter James Chalmers, Peter'))).toBe('peter:1,4 james:2 chalmers:3');
    expect(literal(tsvector('Zoë zoe'))).toBe('zoe:1,2');
    expect(tsvector(' -- ')).toBeUndefined();
    expect(literal(tsvector('Genève genève x Genève'))).toBe('geneve:1,2,4 x:3');
  });

  it('keeps what PostgreSQL keeps: 256 increasing positions a word, none past 16383', () => {
    const many = literal(tsvector(`${'a '.repeat(300)}${'b '.repeat(17_000)}c`)) as string;
    expect(many.split(' ')[0].split(',')).toHaveLength(256);
    expect(many.split(' ')[1].split(',')).toHaveLength(256);
    expect(many.split(' ')[2]).toBe('c:16383');
  });

  it('reads queries as websearch_to_tsquery does: and, "phrases", or, -word', () => {
    expect(tsqueryLiteral('peter chalmers')).toBe("('peter' & 'chalmers')");
    expect(tsqueryLiteral('"James Chalmers"')).toBe("('james' <-> 'chalmers')");
    expect(tsqueryLiteral('chalmers or genève')).toBe("'chalmers' | 'geneve'");
    expect(tsqueryLiteral('peter -chalmers')).toBe("('peter' & !'chalmers')");
    expect(tsqueryLiteral('liam.0@example.org')).toBe("('liam' <-> '0' <-> 'example' <-> 'org')");
    expect(tsqueryLiteral('or a or or b or')).toBe("'a' | 'b'");
    expect(tsqueryLiteral('"unterminated phrase')).toBe("('unterminated' <-> 'phrase')");
  });

  it('lets nothing of the input become tsquery syntax', () => {
    expect(tsqueryLiteral("'; DROP TABLE resource; -- & | ! ( :*")).toBe("('drop' & 'table' & 'resource')");
    expect(tsqueryLiteral('%_\\')).toBeUndefined();
    expect(tsqueryLiteral('')).toBeUndefined();
  });
});
