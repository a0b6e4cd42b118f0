// Full text for _text and _content (https://hl7.org/fhir/R4/search.html#_text), tokenised here, not by PostgreSQL.
// A word is a run of letters and digits of the normalised text (normalizeString: case and accents folded), so
// `liam.0@example.org` is four words, whatever PostgreSQL's parser would make of it. Resources are stored as
// tsvectors with positions and queries are built as tsquery literals from the same words: both sides
// always agree, and the writer no longer pays for to_tsvector (its parser was 10–14% of a create's PostgreSQL time).
import { normalizeString } from '../search/values/string';
import { writeText } from './binary-arrays';

/** Letters, digits and combining marks (which normalisation then drops) make words; anything else separates them. */
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
/** PostgreSQL keeps positions up to 16383, and 256 of them a lexeme; a lexeme is at most 2 kB. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS = 256;
const MAX_WORD = 500;

const isAsciiWordChar = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);

const ASCII = /^[\x00-\x7f]*$/;
const ASCII_WORDS = /[a-z0-9]+/g;

/**
 * The words of `text`, normalised (normalizeString), in order. ASCII text, most of any resource, is lower-cased
 * once and split by one regular expression; other text is scanned by character code, and only its words with
 * other characters are normalised.
 */
export function words(text: string): string[] {
  if (ASCII.test(text)) {
    const found = text.toLowerCase().match(ASCII_WORDS) ?? [];
    return found.some((w) => w.length > MAX_WORD) ? found.filter((w) => w.length <= MAX_WORD) : found;
  }
  const found: string[] = [];
  let start = -1;
  let ascii = true;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.codePointAt(i)! : 32;
    const inWord = code < 128 ? isAsciiWordChar(code) : WORD_CHAR.test(String.fromCodePoint(code));
    if (inWord) {
      if (start < 0) [start, ascii] = [i, true];
      if (code >= 128) ascii = false;
    } else if (start >= 0) {
      const word = ascii ? text.slice(start, i).toLowerCase() : normalizeString(text.slice(start, i));
      if (word.length > 0 && word.length <= MAX_WORD) found.push(word);
      start = -1;
    }
    if (code > 0xffff) i++;
  }
  return found;
}

/**
 * The tsvector of `text`, or undefined when it has no word, in PostgreSQL's binary format (that of tsvectorrecv: the
 * number of lexemes, then each lexeme NUL-terminated, its number of positions and the positions, 16-bit big-endian):
 * sent binary, it needs no quoting in Node nor parsing by tsvectorin in PostgreSQL (~7% of a create's PostgreSQL
 * time as a literal). Words need no quoting and hold no NUL; positions are increasing, at most MAX_POSITIONS a word.
 */
export function tsvector(text: string): Buffer | undefined {
  // Most words occur once: their position is kept as a number, an array only for the repeated ones.
  const positions = new Map<string, number | number[]>();
  let position = 0;
  for (const word of words(text)) {
    position = Math.min(position + 1, MAX_POSITION);
    const list = positions.get(word);
    if (list === undefined) positions.set(word, position);
    else if (typeof list === 'number') {
      if (list < position) positions.set(word, [list, position]);
    } else if (list.length < MAX_POSITIONS && list[list.length - 1] < position) list.push(position);
  }
  if (positions.size === 0) return undefined;
  // Sized for three bytes per UTF-16 unit, the most UTF-8 needs; the unused tail is cut off.
  let size = 4;
  for (const [word, list] of positions) size += 3 * word.length + 3 + (typeof list === 'number' ? 2 : 2 * list.length);
  const out = Buffer.allocUnsafe(size);
  let at = out.writeInt32BE(positions.size, 0);
  for (const [word, list] of positions) {
    at = writeText(out, word, at);
    out[at++] = 0;
    if (typeof list === 'number') {
      at = out.writeUInt16BE(1, at);
      at = out.writeUInt16BE(list, at);
    } else {
      at = out.writeUInt16BE(list.length, at);
      for (const p of list) at = out.writeUInt16BE(p, at);
    }
  }
  return out.subarray(0, at);
}

/** One operand of a query: a word, or words that must follow each other (a phrase, or a word our tokeniser splits). */
function operand(text: string, negated: boolean): string | undefined {
  const list = words(text);
  if (list.length === 0) return undefined;
  const term = list.length === 1 ? `'${list[0]}'` : `(${list.map((w) => `'${w}'`).join(' <-> ')})`;
  return negated ? `!${term}` : term;
}

/**
 * A tsquery literal for a web-search style query, as websearch_to_tsquery reads one: words must all occur,
 * "quoted words" in that order, `or` between alternatives, `-word` must not occur. Undefined when no word is left
 * (such a query matches nothing). Nothing in the input is syntax to PostgreSQL: only our words reach the literal.
 */
export function tsqueryLiteral(query: string): string | undefined {
  const alternatives: string[][] = [[]];
  for (const [, minus, quoted, bare] of query.matchAll(/(-?)(?:"([^"]*)"?|([^\s"]+))/g)) {
    if (bare !== undefined && minus === '' && bare.toLowerCase() === 'or') {
      if (alternatives[alternatives.length - 1].length > 0) alternatives.push([]);
      continue;
    }
    const term = operand(quoted ?? bare, minus === '-');
    if (term) alternatives[alternatives.length - 1].push(term);
  }
  const clauses = alternatives.filter((a) => a.length > 0).map((a) => (a.length === 1 ? a[0] : `(${a.join(' & ')})`));
  return clauses.length === 0 ? undefined : clauses.join(' | ');
}
