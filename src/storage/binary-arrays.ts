// Array parameters in PostgreSQL's binary format (that of array_send/array_recv), for the write statements' index rows:
// a Buffer parameter is sent binary by pg, so no value is escaped into an array literal in Node (pg's escapeElement
// was ~10% of the server's CPU per create) nor parsed back by array_in in PostgreSQL.
// Format: ndim, has-nulls flag, element type OID, then per dimension its length and lower bound (1), then per element
// its byte length (-1 for NULL) and bytes, all integers big-endian.

/** Element types sent binary, with their OIDs (pg_type.oid, fixed). Others travel as text. A tsvector comes encoded (full-text.ts). */
const OIDS = { text: 25, int: 23, bigint: 20, tsvector: 3614 } as const;
export type BinaryElement = keyof typeof OIDS;

export const isBinaryElement = (type: string): type is BinaryElement => type in OIDS;

const WIDTH: Record<BinaryElement, number> = { text: -1, int: 4, bigint: 8, tsvector: -1 };

/** A one-dimensional array of `type`; null and undefined are NULL. Text must hold no U+0000 (PostgreSQL's text cannot); a tsvector is its binary form. */
export function binaryArray(type: BinaryElement, values: readonly unknown[]): Buffer {
  const width = WIDTH[type];
  // Sized for the most each value can take (UTF-8 needs at most three bytes per UTF-16 unit); the tail is cut off.
  let size = values.length === 0 ? 12 : 20;
  let nulls = 0;
  for (const v of values) {
    if (v === null || v === undefined) nulls = 1;
    else size += width > 0 ? width : Buffer.isBuffer(v) ? v.length : 3 * String(v).length;
    size += 4;
  }
  const out = Buffer.allocUnsafe(size);
  out.writeInt32BE(values.length === 0 ? 0 : 1, 0);
  out.writeInt32BE(nulls, 4);
  out.writeUInt32BE(OIDS[type], 8);
  if (values.length === 0) return out;
  out.writeInt32BE(values.length, 12);
  out.writeInt32BE(1, 16);
  let at = 20;
  for (const v of values) {
    if (v === null || v === undefined) {
      at = out.writeInt32BE(-1, at);
    } else if (width < 0) {
      const start = at + 4;
      const end = Buffer.isBuffer(v) ? start + v.copy(out, start) : writeText(out, String(v), start);
      out.writeInt32BE(end - start, at);
      at = end;
    } else if (type === 'int') {
      at = out.writeInt32BE(4, at);
      at = out.writeInt32BE(Number(v), at);
    } else {
      at = out.writeInt32BE(8, at);
      at = out.writeBigInt64BE(BigInt(v as string | number), at);
    }
  }
  return out.subarray(0, at);
}

/** Values up to this many UTF-16 units are copied by hand when they are ASCII. */
const SHORT = 64;

/**
 * Writes `text` as UTF-8 at `at` and returns where it ends. Index values are mostly short ASCII, copied here
 * byte by byte: a call into Buffer#write per value cost more than the copy (measured on the write statements).
 */
export function writeText(out: Buffer, text: string, at: number): number {
  if (text.length <= SHORT) {
    let i = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) break;
      out[at + i] = c;
    }
    if (i === text.length) return at + i;
  }
  return at + out.write(text, at, 'utf8');
}
