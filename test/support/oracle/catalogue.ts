// What the query generators draw from: for each search parameter type, the (resource type, parameter) pairs whose
// expression finds usable values in the loaded data, and those values with their resources.
import type { Resource } from 'fhir/r4';
import type { LoadedData } from './loaded-data';
import type { SeededRandom } from './seeded-random';
import type { SearchNode, SearchValues } from './search-values';

/** Parameters left out: full text (_text, _content), phonetic matching and list/query/filter have no spec matching rule to check. */
const UNCHECKED = new Set(['_text', '_content', 'phonetic', '_list', '_query', '_filter', '_has']);

/** The parameters of every resource (`_id`, `_lastUpdated`, `_profile`…) are drawn only when pinned: they would crowd out each type's own. */
const common = (code: string) => code.startsWith('_');

export interface Found {
  readonly resource: Resource;
  readonly node: SearchNode;
}

export interface Drawn extends Found {
  readonly resourceType: string;
  readonly code: string;
}

/** Keeps a draw to one resource type and/or parameter (to AND or OR criteria of one search). */
export interface Pin {
  readonly resourceType?: string;
  readonly code?: string;
}

export type Usable = (node: SearchNode) => boolean;

export class Catalogue {
  private readonly found = new Map<Usable, Map<string, Found[]>>();

  constructor(private readonly data: LoadedData, readonly values: SearchValues) {}

  /** A random value of a random parameter of `paramType` (each parameter as likely as another), or undefined when none has one. */
  draw(rnd: SeededRandom, paramType: string, usable: Usable, pin: Pin = {}): Drawn | undefined {
    const candidates = this.parameters(paramType, pin).filter(([type, code]) => this.foundFor(type, code, usable).length > 0);
    if (candidates.length === 0) return undefined;
    const [resourceType, code] = rnd.pick(candidates);
    return { resourceType, code, ...rnd.pick(this.foundFor(resourceType, code, usable)) };
  }

  /** The (resource type, code) pairs of a parameter type, in a stable order. */
  parameters(paramType: string, pin: Pin = {}): [string, string][] {
    return this.data
      .types()
      .filter((type) => pin.resourceType === undefined || type === pin.resourceType)
      .flatMap((type) =>
        this.values
          .parameters(type)
          .filter((sp) => sp.type === paramType && !UNCHECKED.has(sp.code as string) && (pin.code === undefined ? !common(sp.code as string) : sp.code === pin.code))
          .map((sp): [string, string] => [type, sp.code as string]),
      );
  }

  /** Every usable value of one parameter over the resources of its type. */
  foundFor(resourceType: string, code: string, usable: Usable): Found[] {
    const byParam = this.found.get(usable) ?? new Map<string, Found[]>();
    this.found.set(usable, byParam);
    const key = `${resourceType}.${code}`;
    let found = byParam.get(key);
    if (!found) {
      found = this.data.ofType(resourceType).flatMap((resource) => this.values.nodes(resource, code).filter(usable).map((node) => ({ resource, node })));
      byParam.set(key, found);
    }
    return found;
  }
}
