// Full-text index values for _text (the narrative) and _content (the text of the whole resource):
// https://hl7.org/fhir/R4/search.html#_text. Stored as a tsvector of our own words (full-text.ts), so that
// accents and case do not matter and queries use the very same tokeniser.
import { ANY_RESOURCE, NARRATIVE, TEXT, textElements } from '../../fhir/definitions/text-elements';
import { tsvector } from '../full-text';
import type { Extractor } from './extractor';
import { indexable } from './index-tables';

/** A tsvector holds at most 1 MB; far more text than any search needs is kept. */
const MAX_CHARS = 200_000;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text of an XHTML narrative: tags become spaces, the common entities their characters. */
export function narrativeText(xhtml: string): string {
  return xhtml
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (all, e: string) => {
      if (e.startsWith('#x')) return String.fromCodePoint(Math.min(parseInt(e.slice(2), 16), 0x10ffff));
      if (e.startsWith('#')) return String.fromCodePoint(Math.min(parseInt(e.slice(1), 10), 0x10ffff));
      return ENTITIES[e] ?? all;
    });
}

/** Underscore properties hold a primitive's id and extensions (json.html#primitive). */
const PRIMITIVE_ELEMENT = 'Element';

/**
 * The text of a resource for _content (fhir/definitions/text-elements.ts: its string and markdown values and its
 * narrative, nested resources included), in document order, iteratively: resources can nest deeply.
 */
function contentText(resource: unknown): string {
  const texts: string[] = [];
  const stack: { node: unknown; as: string }[] = [{ node: resource, as: ANY_RESOURCE }];
  let length = 0;
  while (stack.length > 0 && length < MAX_CHARS) {
    const { node, as } = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], as });
    } else if (typeof node === 'string') {
      const text = as === TEXT ? node : as === NARRATIVE ? narrativeText(node) : undefined;
      if (text !== undefined) {
        texts.push(text);
        length += text.length + 1;
      }
    } else if (typeof node === 'object' && node !== null) {
      const properties = textElements(as === ANY_RESOURCE ? String((node as { resourceType?: unknown }).resourceType) : as);
      const keys = properties ? Object.keys(node) : [];
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        const propertyAs = key.charCodeAt(0) === 95 /* _ */ ? PRIMITIVE_ELEMENT : properties!.get(key);
        if (propertyAs !== undefined) stack.push({ node: (node as Record<string, unknown>)[key], as: propertyAs });
      }
    }
  }
  return texts.join(' ');
}

function add(rows: unknown[][], param: string, text: string): void {
  const lexemes = tsvector(indexable(text).slice(0, MAX_CHARS));
  if (lexemes !== undefined) rows.push([param, lexemes]);
}

export const narrativeExtractor: Extractor = {
  table: 'search_text',
  extract(param, node, rows) {
    if (typeof node === 'string') add(rows, param, narrativeText(node));
  },
};

export const contentExtractor: Extractor = {
  table: 'search_text',
  extract(param, node, rows) {
    add(rows, param, contentText(node));
  },
};
