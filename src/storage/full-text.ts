// Full text for _text and _content (https://hl7.org/fhir/R4/search.html#_text), tokenised here, not by PostgreSQL.
// A word is a run of letters and digits of the normalised text (normalizeString: case and accents folded), so
// `liam.0@example.org` is four words, whatever PostgreSQL's parser would make of it. Resources are stored as
// tsvector literals with positions and queries are built as tsquery literals from the same words: both sides
// always agree, and the writer no longer pays for to_tsvector (its parser was a sixth of a create's PostgreSQL time).
import { normalizeString } from '../search/values/string';

const WORD = /[\p{L}\p{N}]+/gu;
/** PostgreSQL keeps positions up to 16383 and at most 256 per lexeme; a lexeme is at most 2 kB. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS = 256;
const MAX_WORD = 500;

/** The words of `text`, normalised, in order. */
export function words(text: string): string[] {
  return (normalizeString(text).match(WORD) ?? []).filter((w) => w.length <= MAX_WORD);
}

/** A tsvector literal (`word:1,4 other:2`) of `text`, or undefined when it has no word. Words need no quoting. */
export function tsvectorLiteral(text: string): string | undefined {
  const positions = new Map<string, number[]>();
  let position = 0;
  for (const word of words(text)) {
    position = Math.min(position + 1, MAX_POSITION);
    const list = positions.get(word);
    if (!list) positions.set(word, [position]);
    else if (list.length < MAX_POSITIONS) list.push(position);
  }
  if (positions.size === 0) return undefined;
  return Array.from(positions, ([word, list]) => `${word}:${list.join(',')}`).join(' ');
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
