import { tsqueryLiteral, tsvectorLiteral, words } from './full-text';

describe('full text: one tokeniser for resources and queries', () => {
  it('splits normalised text into runs of letters and digits', () => {
    expect(words('Zoë & Émile, liam.0@example.org +33 4 72')).toEqual(['zoe', 'emile', 'liam', '0', 'example', 'org', '33', '4', '72']);
    expect(words('東京 Straße №5')).toEqual(['東京', 'straße', '5']);
  });

  it('writes a tsvector literal with positions, repeated words together', () => {
    expect(tsvectorLiteral('Peter James Chalmers, Peter')).toBe('peter:1,4 james:2 chalmers:3');
    expect(tsvectorLiteral(' -- ')).toBeUndefined();
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
