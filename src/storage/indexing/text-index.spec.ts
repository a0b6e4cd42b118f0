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

describe('search.html#_content — every string of the resource', () => {
  it('walks the resource, narrative included', () => {
    const out: unknown[][] = [];
    contentExtractor.extract('_content', { resourceType: 'Patient', text: { div: '<div>Hello</div>' }, name: [{ family: 'Quux' }], active: true }, out, {});
    expect(out).toEqual([['_content', tsvector('patient hello quux')]]);
  });
});
