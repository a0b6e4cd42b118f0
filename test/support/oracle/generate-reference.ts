// Reference criteria drawn from the data (search.html#reference): Type/id, [base]/Type/id, a bare id, :Type.
import type { Usable } from './catalogue';
import { localReference, type LocalReference } from './local-reference';
import { identifierOf, referenceOf } from './match-reference';
import { made, type Maker } from './maker';
import type { SearchNode } from './search-values';
import { BASE } from '../start-app';

const target = (n: SearchNode): LocalReference | undefined => {
  const literal = referenceOf(n);
  return literal === undefined ? undefined : localReference(literal, BASE);
};
const isLocal: Usable = (n) => target(n) !== undefined;

export const relative: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'reference', isLocal, pin);
  const to = drawn && target(drawn.node);
  return to && made(drawn, 'reference Type/id', undefined, [{ kind: 'reference', written: 'relative', ...to }]);
};

export const absolute: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'reference', isLocal, pin);
  const to = drawn && target(drawn.node);
  return to && made(drawn, 'reference [base]/Type/id', undefined, [{ kind: 'reference', written: 'absolute', ...to }]);
};

export const bareId: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'reference', isLocal, pin);
  const to = drawn && target(drawn.node);
  return to && made(drawn, 'reference id', undefined, [{ kind: 'reference', written: 'id', id: to.id }]);
};

export const typed: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'reference', isLocal, pin);
  const to = drawn && target(drawn.node);
  return to && made(drawn, 'reference :Type id', to.type, [{ kind: 'reference', written: 'id', ...to }]);
};

export const noReferenceHit: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'reference', isLocal, pin);
  const to = drawn && target(drawn.node);
  return to && made(drawn, 'reference (no hit)', undefined, [{ kind: 'reference', written: 'relative', type: to.type, id: `${to.id.slice(0, 20)}-none` }]);
};

const hasIdentifier: Usable = (n) => identifierOf(n) !== undefined;

/** `:identifier` on a logical reference (Synthea's organizations and practitioners are referred to by identifier). */
export const identifier: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'reference', hasIdentifier, pin);
  const id = drawn && (identifierOf(drawn.node)?.value as { system?: string; value?: string });
  if (!drawn || !id?.value) return undefined;
  const withSystem = id.system !== undefined && rnd.chance(0.7);
  return made(drawn, `reference:identifier ${withSystem ? 'system|value' : 'value'}`, 'identifier', [{ kind: 'token', ...(withSystem && { system: id.system }), code: id.value }]);
};
