// Chained and reverse-chained criteria (search.html#chaining, #has): the inner criterion is drawn from the
// resources of the target (or referring) type, so that most chains find something.
import type { Usable } from './catalogue';
import { localReference } from './local-reference';
import { referenceOf } from './match-reference';
import type { Maker } from './maker';
import { BASE } from '../start-app';
import type { SearchNode } from './search-values';

const targetType = (n: SearchNode) => {
  const literal = referenceOf(n);
  return literal === undefined ? undefined : localReference(literal, BASE)?.type;
};
const isLocal: Usable = (n) => targetType(n) !== undefined;

/** `reference:Type.inner=…` with `inner` made by one of `makers` on the target's type. */
export const chain =
  (...makers: Maker[]): Maker =>
  (rnd, cat, pin) => {
    const drawn = cat.draw(rnd, 'reference', isLocal, pin);
    const type = drawn && targetType(drawn.node);
    const inner = type && rnd.pick(makers)(rnd, cat, { resourceType: type });
    if (!drawn || !type || !inner) return undefined;
    return { resourceType: drawn.resourceType, criterion: { code: drawn.code, values: [], chain: { type, inner: inner.criterion } }, label: `chain ${drawn.code}:${type}.(${inner.label})` };
  };

/** `_has:Type:reference:inner=…`: resources that a `Type` matching `inner` refers to through `reference`. */
export const has =
  (...makers: Maker[]): Maker =>
  (rnd, cat, pin) => {
    const referring = cat.draw(rnd, 'reference', isLocal, {});
    const type = referring && targetType(referring.node);
    if (!referring || !type || (pin?.resourceType !== undefined && pin.resourceType !== type)) return undefined;
    const inner = rnd.pick(makers)(rnd, cat, { resourceType: referring.resourceType });
    if (!inner) return undefined;
    const has = { type: referring.resourceType, reference: referring.code, inner: inner.criterion };
    return { resourceType: type, criterion: { code: '_has', values: [], has }, label: `_has:${referring.resourceType}:${referring.code}:(${inner.label})` };
  };
