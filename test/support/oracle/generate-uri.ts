// URI criteria drawn from the data (search.html#uri): exact, :below a path of it, :above a longer URI.
import type { Usable } from './catalogue';
import { made, type Maker } from './maker';

const isUri: Usable = (n) => typeof n.value === 'string' && n.value.length > 0;

export const uri: Maker = (rnd, cat, pin) => {
  // Synthea's only URIs are meta.profile (_profile), which every type has.
  const drawn = cat.draw(rnd, 'uri', isUri, pin) ?? cat.draw(rnd, 'uri', isUri, { ...pin, code: '_profile' });
  if (!drawn) return undefined;
  const stored = drawn.node.value as string;
  const modifier = rnd.pick([undefined, 'below', 'above']);
  // :below a path of the stored URI (cut at a '/' after the authority), :above the URI of something under it.
  const cuts = [...stored.matchAll(/\//g)].map((m) => m.index).filter((i) => i > stored.indexOf('//') + 2);
  const value = modifier === 'below' && cuts.length > 0 ? stored.slice(0, rnd.pick(cuts)) : modifier === 'above' ? `${stored}/_history/1` : stored;
  return made(drawn, `uri${modifier ? `:${modifier}` : ''}`, modifier, [{ kind: 'uri', uri: value }]);
};
