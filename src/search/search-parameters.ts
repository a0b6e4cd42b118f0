// The search parameters of each resource type: https://hl7.org/fhir/R4/searchparameter.html
import type { SearchParameter } from 'fhir/r4';
import type { SearchParamType } from './search-request';

export interface SearchParamDef {
  readonly code: string;
  readonly type: SearchParamType;
  /** The part of the FHIRPath expression that applies to this resource type. */
  readonly expression?: string;
  readonly description?: string;
  readonly url?: string;
}

/** Splits a FHIRPath union at its top level (outside parentheses). */
function unionParts(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(expression.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(expression.slice(start).trim());
  return parts;
}

/**
 * R4 expressions use `x as Type` on elements that repeat (e.g. `Observation.component.value as Quantity`);
 * FHIRPath's `as` demands a single item, so they are read as `x.ofType(Type)`, the intent for search.
 */
export function collectionSafe(expression: string): string {
  return expression.replace(/([A-Za-z][\w.]*(?:\([^()]*\))?)\s+as\s+([A-Za-z]+)/g, '$1.ofType($2)').replace(/\.as\(([A-Za-z]+)\)/g, '.ofType($1)');
}

/** Keeps the union members that start at `type` (e.g. `Patient.identifier` of a shared `identifier` parameter). */
export function expressionFor(type: string, expression: string | undefined): string | undefined {
  if (!expression) return undefined;
  const own = unionParts(expression).filter((p) => p.replace(/^\(+/, '').startsWith(`${type}.`));
  return own.length > 0 ? own.join(' | ') : undefined;
}

/** Registry: resource type → parameter code → definition. Built once from SearchParameter resources. */
export class SearchParameterRegistry {
  private readonly byType = new Map<string, Map<string, SearchParamDef>>();

  constructor(resourceTypes: readonly string[], parameters: readonly SearchParameter[]) {
    for (const type of resourceTypes) this.byType.set(type, new Map());
    for (const sp of parameters) this.add(sp);
  }

  add(sp: SearchParameter): void {
    for (const base of sp.base ?? []) {
      const targets = base === 'Resource' || base === 'DomainResource' ? [...this.byType.keys()] : [base];
      for (const type of targets) {
        const params = this.byType.get(type);
        if (!params) continue;
        const expression = expressionFor(type, sp.expression) ?? expressionFor(base, sp.expression)?.replace(new RegExp(`^${base}\\.`), `${type}.`);
        params.set(sp.code, { code: sp.code, type: sp.type as SearchParamType, expression: expression && collectionSafe(expression), description: sp.description, url: sp.url });
      }
    }
  }

  get(resourceType: string, code: string): SearchParamDef | undefined {
    return this.byType.get(resourceType)?.get(code);
  }

  all(resourceType: string): SearchParamDef[] {
    return [...(this.byType.get(resourceType)?.values() ?? [])];
  }
}
