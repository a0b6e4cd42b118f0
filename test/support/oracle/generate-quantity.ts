// Quantity criteria drawn from the data (search.html#quantity, #number): each prefix, the stored number
// at its own, a finer or a coarser precision, without a unit, with system|code, with ||code or ||unit.
import type { Usable } from './catalogue';
import { quantityOf } from './match-quantity';
import { made, type Maker } from './maker';
import type { Prefix, SearchValue } from './oracle-query';
import type { SearchNode } from './search-values';
import type { SeededRandom } from './seeded-random';

export const hasQuantity: Usable = (n) => quantityOf(n) !== undefined;

/** The number as stored, with one more digit, with fewer digits, or about 5% away. */
function numberNear(rnd: SeededRandom, value: number): string {
  const written = String(value);
  const decimals = written.includes('.') && !written.includes('e') ? written.split('.')[1].length : 0;
  const r = rnd.next();
  if (r < 0.45) return written;
  if (r < 0.6) return written.includes('.') ? `${written}0` : `${written}.0`;
  if (r < 0.8 && decimals > 0) return value.toFixed(rnd.int(0, decimals - 1));
  return (value * rnd.pick([0.95, 1.05])).toFixed(decimals);
}

type Unit = 'no unit' | 'system|code' | '||code' | '||unit' | '||other';

function unitOf(rnd: SeededRandom, q: { unit?: string; system?: string; code?: string }): [Unit, { system?: string; code?: string }] {
  const r = rnd.next();
  if (r < 0.35) return ['no unit', {}];
  if (r < 0.65 && q.system && q.code) return ['system|code', { system: q.system, code: q.code }];
  if (r < 0.8 && q.code) return ['||code', { code: q.code }];
  if (r < 0.93 && q.unit) return ['||unit', { code: q.unit }];
  return ['||other', { code: 'no-such-unit' }];
}

/** A quantity value near the node's, and how its unit is written. */
export function quantityValue(rnd: SeededRandom, node: SearchNode, prefix: Prefix): [Unit, SearchValue] {
  const q = quantityOf(node) as { value: number; unit?: string; system?: string; code?: string };
  const [unit, parts] = unitOf(rnd, q);
  return [unit, { kind: 'quantity', prefix, number: numberNear(rnd, q.value), ...parts }];
}

export const quantityMaker =
  (prefix: Prefix): Maker =>
  (rnd, cat, pin) => {
    const drawn = cat.draw(rnd, 'quantity', hasQuantity, pin);
    if (!drawn) return undefined;
    const [unit, value] = quantityValue(rnd, drawn.node, prefix);
    return made(drawn, `quantity ${prefix} ${unit}`, undefined, [value]);
  };
