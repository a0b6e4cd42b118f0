// Composite criteria drawn from the data (search.html#composite): `code$value` from one element (an Observation,
// or one of its components), and "crossed" ones whose value comes from another element of the same resource,
// which must not match through it (e.g. a blood pressure's systolic code with its diastolic value).
import type { Usable } from './catalogue';
import { dateValue, hasInstant } from './generate-date';
import { hasQuantity, quantityValue } from './generate-quantity';
import { hasStrings, stringPrefix } from './generate-string';
import { hasCode, tokenValue } from './generate-token';
import { made, type Maker } from './maker';
import type { Prefix, SearchValue } from './oracle-query';
import type { SearchNode } from './search-values';
import type { SeededRandom } from './seeded-random';

const PREFIXES: Prefix[] = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap'];

/** How to draw a value of each component type: what it needs from the element, and the value. */
const PARTS: Readonly<Partial<Record<string, [Usable, (rnd: SeededRandom, node: SearchNode) => SearchValue]>>> = {
  token: [hasCode, tokenValue],
  string: [hasStrings, stringPrefix],
  quantity: [hasQuantity, (rnd, node) => quantityValue(rnd, node, rnd.pick(PREFIXES))[1]],
  date: [hasInstant, (rnd, node) => dateValue(rnd, node, rnd.pick(PREFIXES))[1]],
};

/** Every part of the element has a value its component type can be drawn from (the types are told by the parts' nodes). */
const complete: Usable = (n) => (n.parts ?? []).length > 1 && (n.parts ?? []).every((nodes) => nodes.some((node) => Object.values(PARTS).some((part) => part?.[0](node))));

function parts(rnd: SeededRandom, types: readonly string[], elements: readonly SearchNode[]): SearchValue[] | undefined {
  const values = types.map((type, i) => {
    const part = PARTS[type];
    const nodes = (elements[i].parts?.[i] ?? []).filter((n) => part?.[0](n));
    return part && nodes.length > 0 ? part[1](rnd, rnd.pick(nodes)) : undefined;
  });
  return values.every((v) => v !== undefined) ? (values as SearchValue[]) : undefined;
}

export const composite =
  (crossed: boolean): Maker =>
  (rnd, cat, pin) => {
    const drawn = cat.draw(rnd, 'composite', complete, pin);
    if (!drawn) return undefined;
    const types = cat.values.componentTypes(drawn.resourceType, drawn.code);
    const others = cat.values.nodes(drawn.resource, drawn.code).filter((n) => n !== drawn.node && complete(n));
    if (crossed && others.length === 0) return undefined;
    // Crossed: the first part from the drawn element, the others from another element of the same resource.
    const elements = types.map((_, i) => (crossed && i > 0 ? rnd.pick(others) : drawn.node));
    const values = parts(rnd, types, elements);
    return values && made(drawn, `composite ${types.join('$')}${crossed ? ' (crossed elements)' : ''}`, undefined, [{ kind: 'composite', parts: values }]);
  };
