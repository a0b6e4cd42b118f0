import { tsvector } from '../full-text';
import { contentExtractor, narrativeExtractor, narrativeText } from './text-index';

describe('search.html#_text — the narrative as text', () => {
  it('drops tags and reads entities', () => {
    expect(narrativeText('<div><p>Zoë &amp; <b>Émile</b>&#233;&#x41;&lt;</p></div>').replace(/\s+/g, ' ').trim()).toBe('Zoë & Émile éA<');
  });

  it('stores its words normalised, with their positions', () => {
    const out: unknown[][] = [];
    narrativeExtractor.extract('_text', '<div>\n\t<p>Peter   JAMES</p></div>', out, {});
    expect(out).toEqual([['_text', tsvector('peter james')]]);
  });
});

describe('search.html#_content — the text of the resource', () => {
  const content = (resource: object) => {
    const out: unknown[][] = [];
    contentExtractor.extract('_content', resource, out, {});
    return out;
  };

  it('walks the resource, narrative included', () => {
    expect(content({ resourceType: 'Patient', text: { div: '<div>Hello</div>' }, name: [{ family: 'Quux' }], active: true })).toEqual([
      ['_content', tsvector('hello quux')],
    ]);
  });

  it('reads string and markdown values, in extensions and nested resources too, in document order', () => {
    const condition = {
      resourceType: 'Condition',
      id: 'c-7f3a',
      meta: { versionId: '3', lastUpdated: '2026-01-02T03:04:05Z', source: 'urn:uuid:1b2c', tag: [{ system: 'http://example.org/tags', code: 'x1', display: 'Reviewed' }] },
      extension: [{ url: 'http://example.org/fhir/StructureDefinition/remark', valueString: 'seen twice' }],
      contained: [{ resourceType: 'Practitioner', id: 'p1', name: [{ given: ['Ada'], _given: [{ extension: [{ url: 'http://example.org/x', valueString: 'nickname' }] }] }] }],
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      code: { coding: [{ system: 'http://snomed.info/sct', code: '44054006', display: 'Diabetes mellitus type 2' }], text: 'Type 2 diabetes' },
      subject: { reference: 'Patient/123', display: 'Liam Kowalski' },
      onsetDateTime: '2019-04-01',
      note: [{ text: 'Diet *and* exercise' }],
    };
    expect(content(condition)).toEqual([
      ['_content', tsvector('Reviewed seen twice Ada nickname Diabetes mellitus type 2 Type 2 diabetes Liam Kowalski Diet and exercise')],
    ]);
  });

  it('leaves out what is not text: ids, uris, codes, dates, base64 data', () => {
    expect(content({ resourceType: 'Binary', id: 'b1', contentType: 'text/plain', data: 'aGVsbG8=' })).toEqual([]);
  });
});
