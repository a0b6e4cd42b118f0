// String criteria drawn from the data (search.html#string): prefixes, whole values, substrings, accents and case.
import type { Usable } from './catalogue';
import { foldCase, stringsOf } from './match-string';
import { made, recase, type Maker } from './maker';
import type { SearchValue } from './oracle-query';
import type { SearchNode } from './search-values';
import type { SeededRandom } from './seeded-random';

export const hasStrings: Usable = (n) => stringsOf(n).some((s) => s.length > 0);
const accented = (s: string) => foldCase(s) !== s.toLowerCase();
const hasAccents: Usable = (n) => stringsOf(n).some(accented);

/** A prefix of one of the node's strings, in any case. */
export function stringPrefix(rnd: SeededRandom, node: SearchNode): SearchValue {
  const s = rnd.pick(stringsOf(node).filter((v) => v.length > 0));
  return { kind: 'string', text: recase(rnd, s.slice(0, rnd.int(1, s.length))) };
}

export const startsWith: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'string', hasStrings, pin);
  return drawn && made(drawn, 'string', undefined, [stringPrefix(rnd, drawn.node)]);
};

export const exact: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'string', hasStrings, pin);
  if (!drawn) return undefined;
  const s = rnd.pick(stringsOf(drawn.node).filter((v) => v.length > 0));
  return made(drawn, 'string:exact', 'exact', [{ kind: 'string', text: rnd.chance(0.25) ? recase(rnd, s) : s }]);
};

export const contains: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'string', hasStrings, pin);
  if (!drawn) return undefined;
  const s = rnd.pick(stringsOf(drawn.node).filter((v) => v.length > 0));
  const from = rnd.int(0, s.length - 1);
  return made(drawn, 'string:contains', 'contains', [{ kind: 'string', text: recase(rnd, s.slice(from, rnd.int(from + 1, s.length))) }]);
};

/** An accented value searched without its accents: the default and :contains match, :exact does not. */
export const withoutAccents: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'string', hasAccents, pin);
  if (!drawn) return undefined;
  const s = foldCase(rnd.pick(stringsOf(drawn.node).filter(accented)));
  const modifier = rnd.pick([undefined, 'contains', 'exact']);
  const text = modifier === 'contains' ? s.slice(1) : modifier === 'exact' ? s : s.slice(0, rnd.int(1, s.length));
  return made(drawn, `string${modifier ? `:${modifier}` : ''} (accents folded)`, modifier, [{ kind: 'string', text }]);
};

/** Text found nowhere, including LIKE wildcards and the characters search values escape: they must match literally. */
export const noStringHit: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'string', hasStrings, pin);
  const text = rnd.pick(['zqxj wv', '%', '_', '%a', 'a_b', '\\', 'x,y', 'p|q', '$z']);
  return drawn && made(drawn, 'string (no hit)', rnd.pick([undefined, 'contains', 'exact']), [{ kind: 'string', text }]);
};
