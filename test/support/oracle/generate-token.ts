// Token criteria drawn from the data (search.html#token): code, system|code, |code, system|, :not and :text.
// Systems are only written for Coding, CodeableConcept and Identifier: a `code` element's system is implicit
// (its value set's), and whether `|male` matches it is not something the spec settles.
import type { Usable } from './catalogue';
import { tokensOf } from './match-token';
import { made, recase, type Maker } from './maker';
import type { SearchValue } from './oracle-query';
import type { SearchNode } from './search-values';
import type { SeededRandom } from './seeded-random';

const CODED = new Set(['Coding', 'CodeableConcept', 'Identifier']);
const coded = (n: SearchNode) => tokensOf(n).filter((t) => t.code !== undefined);
const systemCoded = (n: SearchNode) => (CODED.has(n.type) ? coded(n).filter((t) => t.system !== undefined) : []);

export const hasCode: Usable = (n) => coded(n).length > 0;
const hasSystem: Usable = (n) => systemCoded(n).length > 0;
const hasText: Usable = (n) => tokensOf(n).some((t) => t.texts.some((s) => s.length > 0));

/** `system|code` of one of the node's codings or identifiers, or its `code` when it has no system. */
export function tokenValue(rnd: SeededRandom, node: SearchNode): SearchValue {
  const withSystem = systemCoded(node);
  if (withSystem.length === 0) return { kind: 'token', code: rnd.pick(coded(node)).code };
  const t = rnd.pick(withSystem);
  return { kind: 'token', system: t.system, code: t.code };
}

export const code: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'token', hasCode, pin);
  return drawn && made(drawn, 'token code', undefined, [{ kind: 'token', code: rnd.pick(coded(drawn.node)).code }]);
};

export const systemAndCode: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'token', hasSystem, pin);
  return drawn && made(drawn, 'token system|code', undefined, [tokenValue(rnd, drawn.node)]);
};

/** `|code`: codes whose element has no system (Synthea's all have one, so most of these find nothing). */
export const codeWithoutSystem: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'token', hasSystem, pin);
  return drawn && made(drawn, 'token |code', undefined, [{ kind: 'token', system: null, code: rnd.pick(systemCoded(drawn.node)).code }]);
};

export const systemOnly: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'token', hasSystem, pin);
  return drawn && made(drawn, 'token system|', undefined, [{ kind: 'token', system: rnd.pick(systemCoded(drawn.node)).system }]);
};

export const not: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'token', hasCode, pin);
  if (!drawn) return undefined;
  const t = rnd.pick(coded(drawn.node));
  const withSystem = CODED.has(drawn.node.type) && t.system !== undefined && rnd.chance(0.5);
  return made(drawn, `token:not ${withSystem ? 'system|code' : 'code'}`, 'not', [{ kind: 'token', ...(withSystem && { system: t.system }), code: t.code }]);
};

export const text: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'token', hasText, pin);
  if (!drawn) return undefined;
  const s = rnd.pick(tokensOf(drawn.node).flatMap((t) => t.texts).filter((v) => v.length > 0));
  return made(drawn, 'token:text', 'text', [{ kind: 'token-text', text: recase(rnd, s.slice(0, rnd.int(1, s.length))) }]);
};

export const noTokenHit: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'token', hasSystem, pin);
  if (!drawn) return undefined;
  const t = rnd.pick(systemCoded(drawn.node));
  return made(drawn, 'token (no hit)', undefined, [{ kind: 'token', ...(rnd.chance(0.5) && { system: t.system }), code: `${t.code}-none` }]);
};

type TypedIdentifier = { type?: { coding?: { system?: string; code?: string }[] }; value?: string };
const typeCodings = (n: SearchNode) => (n.type === 'Identifier' && (n.value as TypedIdentifier).value ? ((n.value as TypedIdentifier).type?.coding ?? []).filter((c) => c.system && c.code) : []);
const hasTypedIdentifier: Usable = (n) => typeCodings(n).length > 0;

/** `:of-type`: system|code of the identifier's type with its value, or (finding nothing) with the resource's id. */
export const ofType: Maker = (rnd, cat, pin) => {
  const drawn = cat.draw(rnd, 'token', hasTypedIdentifier, pin);
  if (!drawn) return undefined;
  const c = rnd.pick(typeCodings(drawn.node));
  const value = rnd.chance(0.8) ? ((drawn.node.value as TypedIdentifier).value as string) : (drawn.resource.id as string);
  return made(drawn, 'token:of-type', 'of-type', [{ kind: 'of-type', system: c.system as string, code: c.code as string, value }]);
};
