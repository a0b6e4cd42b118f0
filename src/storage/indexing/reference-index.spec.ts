import { referenceExtractor, referenceTarget } from './reference-index';
import { uriExtractor } from './uri-index';

const BASE = 'https://fhir.example.org/fhir';
const rows = (node: unknown) => {
  const out: unknown[][] = [];
  referenceExtractor.extract('p', node, out, { baseUrl: BASE });
  return out;
};

describe('search.html#reference — index rows (target_type, target_id, url, identifier)', () => {
  it('relative, versioned and own-base absolute references are local targets', () => {
    expect(rows({ reference: 'Patient/1' })).toEqual([['p', 'Patient', '1', null, null, null]]);
    expect(rows({ reference: 'Patient/1/_history/2' })).toEqual([['p', 'Patient', '1', null, null, null]]);
    expect(rows({ reference: `${BASE}/Patient/1` })).toEqual([['p', 'Patient', '1', null, null, null]]);
    expect(rows({ reference: '1', type: 'Patient' })).toEqual([['p', 'Patient', '1', null, null, null]]);
  });

  it('other servers, URNs, canonicals and contained references are URLs', () => {
    expect(rows({ reference: 'http://other.org/fhir/Patient/1/_history/3' })).toEqual([['p', null, null, 'http://other.org/fhir/Patient/1', null, null]]);
    expect(rows('http://hl7.org/fhir/ValueSet/x|4.0.1')).toEqual([['p', null, null, 'http://hl7.org/fhir/ValueSet/x', null, null]]);
    expect(rows({ reference: '#p1' })).toEqual([['p', null, null, '#p1', null, null]]);
    expect(referenceTarget('urn:uuid:1')).toEqual({ url: 'urn:uuid:1' });
  });

  it('a logical reference keeps its identifier; a display alone and a resource are no value', () => {
    expect(rows({ identifier: { system: 'urn:mrn', value: '12' } })).toEqual([['p', null, null, null, 'urn:mrn', '12']]);
    expect(rows({ display: 'Someone' })).toEqual([]);
    expect(rows({ resourceType: 'Patient', id: '1' })).toEqual([]);
  });
});

describe('search.html#uri — index rows', () => {
  it('one row per URI', () => {
    const out: unknown[][] = [];
    uriExtractor.extract('url', 'http://a.org/x', out, {});
    expect(out).toEqual([['url', 'http://a.org/x']]);
  });
});
