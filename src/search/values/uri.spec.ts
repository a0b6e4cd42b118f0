import type { SearchParamDef } from '../search-parameters';
import { uriAncestors, uriParser } from './uri';

const url = { code: 'url', type: 'uri', expression: 'ValueSet.url' } as SearchParamDef;

describe('search.html#uri — values', () => {
  it('unescapes and ORs', () => {
    expect(uriParser.parse('http://a.org/x\\,y,urn:oid:1.2', undefined, url)).toEqual([{ uri: 'http://a.org/x,y' }, { uri: 'urn:oid:1.2' }]);
  });
});

describe('search.html#uri — :above', () => {
  it('lists the URI and each ancestor at a /, with and without the slash, down to the authority', () => {
    expect(uriAncestors('http://acme.org/fhir/ValueSet/123').sort()).toEqual(
      ['http://acme.org', 'http://acme.org/', 'http://acme.org/fhir', 'http://acme.org/fhir/', 'http://acme.org/fhir/ValueSet', 'http://acme.org/fhir/ValueSet/', 'http://acme.org/fhir/ValueSet/123'].sort(),
    );
  });

  it('has no ancestors for a URN', () => {
    expect(uriAncestors('urn:oid:1.2.3')).toEqual(['urn:oid:1.2.3']);
  });
});
