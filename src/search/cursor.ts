// Opaque paging cursors (search.html#paging): the client gets a token, never a position it could forge into SQL.
import { invalid } from '../fhir/outcome';
import type { PageCursor } from './search-request';

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.direction === 'next' ? 'n' : 'p', cursor.values, cursor.rid])).toString('base64url');
}

/** Values are only ever bound as parameters; the shape is still checked so a forged token is a clean 400. */
export function decodeCursor(token: string, keys: number): PageCursor {
  try {
    const [d, values, rid] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    const scalar = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number';
    if ((d === 'n' || d === 'p') && Array.isArray(values) && values.length === keys && values.every(scalar) && typeof rid === 'string' && /^\d{1,19}$/.test(rid)) {
      return { direction: d === 'n' ? 'next' : 'previous', values, rid };
    }
  } catch {
    // reported below
  }
  throw invalid('_cursor is not a page cursor of this search', '_cursor');
}
