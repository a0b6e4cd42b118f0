// The search parameters of each resource type: https://hl7.org/fhir/R4/searchparameter.html
import type { SearchParameter } from 'fhir/r4';
import { referencesTypeExpression } from '../fhir/element-path';
import type { SearchParamType } from './search-request';

export interface SearchParamDef {
  readonly code: string;
  readonly type: SearchParamType;
  /** The part of the FHIRPath expression that applies to this resource type. */
  readonly expression?: string;
  readonly description?: string;
  readonly url?: string;
  /** Resource types a reference parameter may point at. */
  readonly target?: readonly string[];
  /** A composite parameter's parts, in order (searchparameter.html#composite): each is searched within the same element. */
  readonly components?: readonly CompositeComponent[];
  /** A custom parameter's definition hash (custom-parameters.ts); base R4 parameters have none. */
  readonly hash?: string;
  /** A custom parameter not yet completely indexed: written, not searchable until a $reindex completes. */
  readonly pending?: boolean;
  /** A parameter whose values are among another's index rows (sharedRows): where to find them. */
  readonly rows?: SharedRows;
}

/**
 * Index rows of one parameter that others search too: `key` is the code of the parameter on a whole HumanName or
 * Address (`name`, `address`), whose rows carry the part each value came from; a parameter on one part (`family`,
 * `address-city`) searches the rows of that `part`, one with the same expression (`phonetic`) all of them. Token
 * parameters on the ContactPoints of one system (`phone`, `email`) search those of the parameter on all of them
 * (`telecom`), whose rows carry the ContactPoint's system as their part.
 */
export interface SharedRows {
  readonly key: string;
  readonly part?: string;
}

/** One part of a composite: its type, and its FHIRPath relative to the element the composite's expression finds. */
export interface CompositeComponent {
  readonly type: SearchParamType;
  readonly expression: string;
}

/**
 * R4 gives `_text` and `_content` no expression; Ignis indexes the narrative and the whole resource for them
 * (search.html#_text, #_content), so they get these, relative to the resource.
 */
const IMPLICIT_EXPRESSIONS: Readonly<Record<string, (type: string) => string>> = {
  // `div` is FHIRPath's integer division: the element name must be delimited.
  _text: (type) => `${type}.text.\`div\``,
  _content: (type) => type,
};

/** Whether `def` searches the rows of another parameter (SharedRows) and so has none of its own to write. */
export const borrowsRows = (def: SearchParamDef): boolean => def.rows !== undefined && def.rows.key !== def.code;

/** The parts of a HumanName and of an Address that have search parameters of their own (search.html#string). */
const PARTS = new Set(['family', 'given', 'prefix', 'suffix', 'text', 'line', 'city', 'district', 'state', 'postalCode', 'country']);

/** Which parameters of one type share rows (SearchParamDef.rows): string parts (sharedStringRows) and ContactPoint systems (sharedContactRows). */
export function sharedRows(params: readonly SearchParamDef[]): Map<string, SharedRows> {
  return new Map([...sharedStringRows(params), ...sharedContactRows(params)]);
}

/** A token expression on the ContactPoints of one system: `Patient.telecom.where(system='phone')`. */
const CONTACT_SYSTEM = /^([A-Za-z][\w.]*)\.where\(system\s*=\s*'([a-z]+)'\)$/;

/**
 * A token parameter on `X.where(system='s')` shares the rows of the one on `X` (`phone` and `email` those of
 * `telecom`): a typical Patient has 12 token rows instead of 15.
 */
function sharedContactRows(params: readonly SearchParamDef[]): Map<string, SharedRows> {
  const tokens = params.filter((p) => p.type === 'token' && !p.hash && p.expression !== undefined);
  const shared = new Map<string, SharedRows>();
  for (const p of tokens) {
    const [, whole, system] = CONTACT_SYSTEM.exec(p.expression as string) ?? [];
    const key = whole === undefined ? undefined : tokens.find((q) => q.expression === whole)?.code;
    if (key === undefined) continue;
    shared.set(p.code, { key, part: system });
    shared.set(key, { key });
  }
  return shared;
}

/**
 * Which string parameters of one type share rows, from their expressions: a parameter on `X.part` shares the rows
 * of the parameter on `X`, as does a second parameter on `X` itself. Each value is then indexed once for all of them:
 * R4's Patient has 20 string rows per typical resource instead of 10.
 */
function sharedStringRows(params: readonly SearchParamDef[]): Map<string, SharedRows> {
  const plain = params.filter((p) => p.type === 'string' && !p.hash && p.expression !== undefined && /^[A-Za-z][\w.]*$/.test(p.expression));
  // The key of each whole: the parameter named as the path's last step (`name` for Patient.name), else the first.
  const wholes = new Map<string, string>();
  for (const p of plain) {
    const expression = p.expression as string;
    if (!wholes.has(expression) || expression.endsWith(`.${p.code}`)) wholes.set(expression, p.code);
  }
  const shared = new Map<string, SharedRows>();
  for (const p of plain) {
    const expression = p.expression as string;
    const dot = expression.lastIndexOf('.');
    const whole = wholes.get(expression.slice(0, dot));
    if (whole !== undefined && PARTS.has(expression.slice(dot + 1))) shared.set(p.code, { key: whole, part: expression.slice(dot + 1) });
  }
  const keys = new Set([...shared.values()].map((s) => s.key));
  for (const p of plain) {
    const key = wholes.get(p.expression as string) as string;
    if (keys.has(key) || plain.some((q) => q !== p && q.expression === p.expression)) shared.set(p.code, { key });
  }
  return shared;
}

/** Splits a FHIRPath union at its top level (outside parentheses). */
export function unionParts(expression: string): string[] {
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
  return expression
    .replace(/([A-Za-z][\w.]*(?:\([^()]*\))?)\s+as\s+([A-Za-z]+)/g, '$1.ofType($2)')
    .replace(/\.as\(([A-Za-z]+)\)/g, '.ofType($1)')
    .replace(/\.where\(resolve\(\) is ([A-Za-z]+)\)/g, (_, type: string) => `.where(${referencesTypeExpression(type)})`);
}

/** Keeps the union members that start at `type` (e.g. `Patient.identifier` of a shared `identifier` parameter). */
export function expressionFor(type: string, expression: string | undefined): string | undefined {
  if (!expression) return undefined;
  const own = unionParts(expression).filter((p) => {
    const path = p.replace(/^\(+/, '');
    return path === type || path.startsWith(`${type}.`) || path.startsWith(`${type} `);
  });
  return own.length > 0 ? own.join(' | ') : undefined;
}

/** A few R4 expressions omit the type (InsurancePlan.name is `name | alias`): members that start in lower case are relative to it. */
function qualified(type: string, expression: string | undefined): string | undefined {
  if (!expression || !unionParts(expression).every((p) => /^\(*[a-z]/.test(p))) return expression;
  return unionParts(expression).map((p) => `${type}.${p}`).join(' | ');
}

/** Registry: resource type → parameter code → definition. Built once from SearchParameter resources. */
export class SearchParameterRegistry {
  private readonly byType = new Map<string, Map<string, SearchParamDef>>();
  /** Every definition by canonical URL: composites name their components by URL. */
  private readonly byUrl = new Map<string, SearchParameter>();
  private readonly listeners: ((types: readonly string[]) => void)[] = [];
  /** Grows with every change of what is searchable (the CapabilityStatement is rebuilt when it moves). */
  revision = 0;

  constructor(resourceTypes: readonly string[], parameters: readonly SearchParameter[]) {
    for (const type of resourceTypes) this.byType.set(type, new Map());
    for (const sp of parameters) if (sp.url) this.byUrl.set(sp.url, sp);
    for (const sp of parameters) this.add(sp);
    // Fixed by the base definitions: a custom parameter never shares, and none may redefine a key (custom-parameters.ts).
    for (const params of this.byType.values()) {
      for (const [code, rows] of sharedRows([...params.values()])) params.set(code, { ...(params.get(code) as SearchParamDef), rows });
    }
  }

  /** The parts of a composite, or undefined when one of its component definitions is unknown. */
  private components(sp: SearchParameter): CompositeComponent[] | undefined {
    if (sp.type !== 'composite' || !sp.component) return undefined;
    const parts = sp.component.map((c) => ({ type: this.byUrl.get(c.definition)?.type as SearchParamType | undefined, expression: collectionSafe(c.expression) }));
    return parts.every((c) => c.type !== undefined && c.type !== 'composite') ? (parts as CompositeComponent[]) : undefined;
  }

  add(sp: SearchParameter, custom?: { hash: string; pending: boolean }): void {
    if (sp.url) this.byUrl.set(sp.url, sp);
    const components = this.components(sp);
    for (const type of this.baseTypes(sp)) {
      const params = this.byType.get(type) as Map<string, SearchParamDef>;
      const bases: readonly string[] = sp.base ?? [];
      const base = bases.includes(type) ? type : bases[0];
      const own = qualified(base, sp.expression);
      const expression = IMPLICIT_EXPRESSIONS[sp.code]?.(type) ?? expressionFor(type, own) ?? expressionFor(base, own)?.replace(new RegExp(`^${base}\\.`), `${type}.`);
      // The same definition again (a PUT of an unchanged SearchParameter) keeps the index it has.
      const existing = params.get(sp.code);
      const state = custom && { hash: custom.hash, pending: custom.pending && !(existing?.hash === custom.hash && !existing.pending) };
      params.set(sp.code, { code: sp.code, type: sp.type as SearchParamType, expression: expression && collectionSafe(expression), description: sp.description, url: sp.url, target: sp.target, ...(components && { components }), ...state });
    }
    this.changed(sp);
  }

  /** Removes a custom parameter (its SearchParameter was deleted or retired). */
  remove(sp: SearchParameter): void {
    for (const type of this.baseTypes(sp)) if (this.byType.get(type)?.get(sp.code)?.url === sp.url) this.byType.get(type)?.delete(sp.code);
    this.changed(sp);
  }

  /** Custom parameters whose index a completed $reindex built with exactly this definition become searchable. */
  markIndexed(indexed: readonly { resourceType: string; code: string; hash: string }[]): void {
    for (const { resourceType, code, hash } of indexed) {
      const def = this.byType.get(resourceType)?.get(code);
      if (def?.pending && def.hash === hash) {
        this.byType.get(resourceType)?.set(code, { ...def, pending: false });
        this.revision++;
      }
    }
  }

  /** The custom parameters of these types (all types: undefined), with their hashes. */
  custom(resourceTypes?: readonly string[]): { resourceType: string; code: string; hash: string }[] {
    return [...this.byType]
      .filter(([type]) => !resourceTypes || resourceTypes.includes(type))
      .flatMap(([resourceType, params]) => [...params.values()].filter((p) => p.hash).map((p) => ({ resourceType, code: p.code, hash: p.hash as string })));
  }

  /** Called with the resource types whose parameters changed (the Indexer recompiles them). */
  onChange(listener: (types: readonly string[]) => void): void {
    this.listeners.push(listener);
  }

  private changed(sp: SearchParameter): void {
    this.revision++;
    const types = this.baseTypes(sp);
    for (const listener of this.listeners) listener(types);
  }

  private baseTypes(sp: SearchParameter): string[] {
    return (sp.base ?? []).flatMap((base) => (base === 'Resource' || base === 'DomainResource' ? [...this.byType.keys()] : this.byType.has(base) ? [base] : []));
  }

  /** A searchable parameter (a pending custom one is not, yet). */
  get(resourceType: string, code: string): SearchParamDef | undefined {
    const def = this.byType.get(resourceType)?.get(code);
    return def?.pending ? undefined : def;
  }

  hasType(resourceType: string): boolean {
    return this.byType.has(resourceType);
  }

  /** Whether other parameters of the type search the rows of `code` (SharedRows.key). */
  isSharedKey(resourceType: string, code: string): boolean {
    return [...(this.byType.get(resourceType)?.values() ?? [])].some((p) => borrowsRows(p) && p.rows?.key === code);
  }

  /** The url of the parameter `code` of a type, searchable or not. */
  urlOf(resourceType: string, code: string): string | undefined {
    return this.byType.get(resourceType)?.get(code)?.url;
  }

  /** [source type, reference parameter] pairs that can point at `target` (for _revinclude and _has). */
  referringTo(target: string): [string, string][] {
    return [...this.byType].flatMap(([source, params]) => [...params.values()].filter((p) => !p.pending && p.type === 'reference' && p.target?.includes(target)).map((p): [string, string] => [source, p.code]));
  }

  /** The searchable parameters of a type. */
  all(resourceType: string): SearchParamDef[] {
    return this.indexed(resourceType).filter((p) => !p.pending);
  }

  /** Every parameter a write indexes, pending custom ones included. */
  indexed(resourceType: string): SearchParamDef[] {
    return [...(this.byType.get(resourceType)?.values() ?? [])];
  }
}
