// Full-text index values for _text (the narrative) and _content (all the text of the resource):
// https://hl7.org/fhir/R4/search.html#_text. Stored as a tsvector of our own words (full-text.ts), so that
// accents and case do not matter and queries use the very same tokeniser.
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

/** Every string of a resource (narrative as text), iteratively: resources can nest deeply. */
function contentText(resource: unknown): string {
  const texts: string[] = [];
  const stack: unknown[] = [resource];
  let length = 0;
  while (stack.length > 0 && length < MAX_CHARS) {
    const node = stack.pop();
    if (typeof node === 'string') {
      texts.push(node);
      length += node.length + 1;
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
    } else if (typeof node === 'object' && node !== null) {
      const keys = Object.keys(node);
      for (let i = keys.length - 1; i >= 0; i--) {
        const value = (node as Record<string, unknown>)[keys[i]];
        // Attachment.data and Binary.data are base64, not text; the narrative is read as text.
        if (typeof value !== 'string') stack.push(value);
        else if (keys[i] === 'div') stack.push(narrativeText(value));
        else if (keys[i] !== 'data') stack.push(value);
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
