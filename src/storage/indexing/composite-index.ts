// Composite index values: https://hl7.org/fhir/R4/search.html#composite
// The composite's expression finds elements (the Observation, each Observation.component, each useContext …);
// each component's expression is evaluated on the element, and its values go to the component type's own table
// under `<code>$<n>` with the element's number, so that SQL can require all components in the same element.
import { compilePath, type CompiledPath } from '../../fhir/fhirpath';
import { unionParts, type SearchParamDef } from '../../search/search-parameters';
import { EXTRACTORS, type Extractor, type IndexContext } from './extractor';
import { columnOf, type IndexRows } from './index-tables';

/** The param of a composite's n-th component in its type's table. */
export const componentParam = (code: string, n: number) => `${code}$${n}`;

interface CompiledComponent {
  readonly paths: readonly CompiledPath[];
  readonly extractor: Extractor;
}

interface CompiledElementPath {
  readonly elements: CompiledPath;
  readonly components: readonly CompiledComponent[];
}

export interface CompiledComposite {
  readonly code: string;
  readonly members: readonly CompiledElementPath[];
}

/** Each union member is evaluated on its own: one that fails (fhirpath.js refuses some values) spoils only itself. */
export function evaluateAll(paths: readonly CompiledPath[], input: unknown, env?: Record<string, unknown>): unknown[] {
  return paths.flatMap((path) => {
    try {
      return path(input, env);
    } catch {
      return [];
    }
  });
}

/** Compiles a composite, or returns undefined if a component type is not indexed or an expression does not compile. */
export function compileComposite(def: SearchParamDef): CompiledComposite | undefined {
  if (!def.expression || !def.components) return undefined;
  const extractors = def.components.map((c) => EXTRACTORS[c.type]);
  if (extractors.some((e) => e === undefined)) return undefined;
  try {
    const members = unionParts(def.expression).map((base) => ({
      elements: compilePath(base),
      // Component expressions are relative to the element; compiling them against its path resolves choice types (value[x]).
      components: (def.components ?? []).map((c, i) => ({ paths: unionParts(c.expression).map((e) => compilePath(e, base)), extractor: extractors[i] as Extractor })),
    }));
    return { code: def.code, members };
  } catch {
    return undefined;
  }
}

export function indexComposite(composite: CompiledComposite, resource: unknown, rows: IndexRows, context: IndexContext): void {
  let element = 0;
  for (const member of composite.members) {
    for (const node of evaluateAll([member.elements], resource)) {
      member.components.forEach((component, n) => {
        const table = component.extractor.table;
        const found: unknown[][] = [];
        for (const value of evaluateAll(component.paths, node, { resource })) component.extractor.extract(componentParam(composite.code, n), value, found, context);
        let tableRows = rows.get(table);
        if (!tableRows) rows.set(table, (tableRows = []));
        // The extractor's row leaves `element` NULL or out (index-tables.ts).
        const at = columnOf(table, 'element');
        for (const row of found) tableRows.push(Array.from({ length: Math.max(row.length, at + 1) }, (_, i) => (i === at ? element : (row[i] ?? null))));
      });
      element++;
    }
  }
}
