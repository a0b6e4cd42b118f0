// A maker draws one criterion from the data; the plan (generate.ts) runs makers, and ANDs or ORs their criteria.
import type { Catalogue, Drawn, Pin } from './catalogue';
import type { Criterion, SearchValue } from './oracle-query';
import type { SeededRandom } from './seeded-random';

export interface Made {
  readonly resourceType: string;
  readonly criterion: Criterion;
  readonly label: string;
}

export type Maker = (rnd: SeededRandom, cat: Catalogue, pin?: Pin) => Made | undefined;

export const made = (drawn: Drawn, label: string, modifier: string | undefined, values: SearchValue[]): Made => ({
  resourceType: drawn.resourceType,
  criterion: { code: drawn.code, ...(modifier && { modifier }), values },
  label,
});

const anyValue = () => true;

/** `:missing=true|false` on a parameter of `paramType` that has values in the data (search.html#modifiers). */
export const missingMaker =
  (paramType: string): Maker =>
  (rnd, cat, pin) => {
    const drawn = cat.draw(rnd, paramType, anyValue, pin);
    return drawn && made(drawn, `${paramType}:missing`, 'missing', [{ kind: 'missing', missing: rnd.chance(0.5) }]);
  };

/** A random change of case: searches other than :exact must not care. */
export function recase(rnd: SeededRandom, s: string): string {
  const r = rnd.next();
  return r < 0.2 ? s.toUpperCase() : r < 0.4 ? s.toLowerCase() : s;
}
