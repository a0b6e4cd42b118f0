// A fast evaluator for the FHIRPath expressions that are plain element paths, which most R4 SearchParameters are:
// `Patient.name.family`, `(Condition.onset.ofType(dateTime))`, `Patient.telecom.where(system='phone')`, `Patient.text.`div``,
// `Patient.extension('http://…').value`.
// Indexing evaluates every parameter of a resource on each write; for these shapes fhirpath.js spends most of its time
// building and copying its node wrappers. Here the path is resolved once against the R4 model (choice types, types of
// elements) and evaluation is a walk over the JSON. Any other expression returns undefined: fhirpath.js evaluates it.
// element-path.spec.ts checks that both give the same results on every official example and Synthea resource.
import r4Model from 'fhirpath/fhir-context/r4';

type Step =
  | { kind: 'child'; name: string }
  | { kind: 'choice'; names: readonly string[] }
  | { kind: 'where'; name: string; value: string }
  | { kind: 'references'; type: string; pattern: RegExp };

/** Evaluates against a resource (or, with a base path, an element of one): a list of JSON values. */
export type ElementPath = (input: unknown) => unknown[];

const IDENTIFIER = /^(?:[A-Za-z_][A-Za-z0-9_]*|`[A-Za-z_][A-Za-z0-9_]*`)$/;
const OF_TYPE = /^ofType\(([A-Za-z]+)\)$/;
const EXISTS_NOT_FALSE = /^([A-Za-z][A-Za-z0-9_.]*)\.exists\(\) and \1 != false$/;
const WHERE = /^where\(([A-Za-z]+) ?= ?'([^'\\]*)'\)$/;
/** FHIR's `extension(url)` function (fhirpath.html#functions): the extensions with that url. */
const EXTENSION = /^extension\('([^'\\]*)'\)$/;

const capitalized = (s: string) => s[0].toUpperCase() + s.slice(1);

/**
 * What `where(resolve() is T)` keeps when targets are not loaded (indexing loads none): References whose literal
 * reference (relative, absolute or versioned) or `type` names T, which is what the target is on a server that keeps
 * its resources at `[base]/Type/id`. The FHIRPath form, for fhirpath.js; the walk below reads it natively.
 */
export const referencesTypeExpression = (type: string) => `reference.matches('^(.*/)?${type}/[^/]+(/_history/[^/]+)?$') or type = '${type}'`;
const REFERENCES_TYPE = /^where\(reference\.matches\('.*'\) or type = '([A-Za-z]+)'\)$/;

/** Whether `type` is `ancestor` or derives from it (Age is a Quantity). */
function derives(type: string, ancestor: string): boolean {
  for (let t: string | undefined = type; t; t = r4Model.type2Parent[t]) if (t === ancestor) return true;
  return false;
}

/** Splits `a.b.ofType(X).where(c='d')` at the dots outside parentheses and quotes. */
function splitSteps(expression: string): string[] | undefined {
  const steps: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === '.') {
      steps.push(expression.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) return undefined;
  }
  steps.push(expression.slice(start));
  return quoted || depth !== 0 ? undefined : steps;
}

/** The element type at `path` and the path its children are defined under, or undefined if the model does not know it. */
function elementAt(path: string): { type: string; childBase: string } | undefined {
  const defined = r4Model.pathsDefinedElsewhere[path] ?? path;
  const type = r4Model.path2Type[defined];
  if (!type) return undefined;
  return { type, childBase: type === 'BackboneElement' || type === 'Element' ? defined : type };
}

/** Resolves the steps against the model, or undefined when one is outside the supported shapes. */
function resolve(parts: readonly string[], start: string): Step[] | undefined {
  const steps: Step[] = [];
  let base: string | undefined = start;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const referenced = REFERENCES_TYPE.exec(part)?.[1];
    if (referenced !== undefined && part === `where(${referencesTypeExpression(referenced)})` && base === 'Reference') {
      steps.push({ kind: 'references', type: referenced, pattern: new RegExp(`^(.*/)?${referenced}/[^/]+(/_history/[^/]+)?$`) });
      continue;
    }
    const where = WHERE.exec(part);
    if (where) {
      // Only a single primitive compares like a JS string (a list of one would equal the literal too).
      const compared = `${base}.${where[1]}`;
      if (!/^(string|code|uri|System\.String)$/.test(r4Model.path2Type[compared] ?? '') || r4Model.path2Repeating[compared]) return undefined;
      steps.push({ kind: 'where', name: where[1], value: where[2] });
      continue;
    }
    if (!IDENTIFIER.test(part) || base === undefined) return undefined;
    const name = part.replace(/`/g, '');
    const path: string = `${base}.${name}`;
    const choices: string[] | undefined = r4Model.choiceTypePaths[path];
    if (!choices) {
      const element = elementAt(path);
      if (!element) return undefined;
      steps.push({ kind: 'child', name });
      base = element.childBase;
      continue;
    }
    // A choice element: `x.ofType(T)` reads `xT`; a bare `x` (last step only) reads every `x<Type>`.
    const ofType = OF_TYPE.exec(parts[i + 1] ?? '');
    if (!ofType) {
      if (i !== parts.length - 1) return undefined;
      steps.push({ kind: 'choice', names: choices.map((t) => name + t) });
      continue;
    }
    const type = capitalized(ofType[1]);
    // ofType(Quantity) also matches a subtype such as Age; those shapes stay with fhirpath.js.
    if (!choices.includes(type) || choices.some((t) => t !== type && derives(t, type))) return undefined;
    steps.push({ kind: 'child', name: name + type });
    base = r4Model.path2Type[`${path}${type}`] ?? type;
    i++;
  }
  return steps;
}

/** The abstract roots of R4 paths: every resource is a Resource; all but Bundle, Binary and Parameters are DomainResources. */
const ABSTRACT_ROOTS: Record<string, (type: string) => boolean> = {
  Resource: () => true,
  DomainResource: (type) => type !== 'Bundle' && type !== 'Binary' && type !== 'Parameters',
};

function walk(steps: readonly Step[], input: unknown): unknown[] {
  let current: unknown[] = [input];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const node of current) {
      if (step.kind === 'where') {
        if ((node as Record<string, unknown>)[step.name] === step.value) next.push(node);
        continue;
      }
      if (step.kind === 'references') {
        const { reference, type } = node as Record<string, unknown>;
        if ((typeof reference === 'string' && step.pattern.test(reference)) || type === step.type) next.push(node);
        continue;
      }
      for (const name of step.kind === 'child' ? [step.name] : step.names) {
        const value = (node as Record<string, unknown>)[name];
        if (Array.isArray(value)) {
          for (const item of value) if (item !== null && item !== undefined) next.push(item);
        } else if (value !== null && value !== undefined) next.push(value);
      }
    }
    current = next;
  }
  return current;
}

/**
 * Compiles `expression` if it is a plain element path: rooted at a resource type (`Patient.name`), or, with `base`
 * (an element path such as `Observation.component`), relative to that element. Undefined otherwise.
 */
export function compileElementPath(expression: string, base?: string): ElementPath | undefined {
  const unwrapped = /^\((.*)\)$/.exec(expression)?.[1] ?? expression;
  // `x.exists() and x != false` (Patient.deceased): false when x is absent or is the single value false.
  const present = EXISTS_NOT_FALSE.exec(unwrapped);
  if (present) {
    const values = compileElementPath(present[1], base);
    return values && ((input) => ((found) => [found.length > 0 && !(found.length === 1 && found[0] === false)])(values(input)));
  }
  const parts = splitSteps(unwrapped)?.flatMap((p) => ((url) => (url === undefined ? [p] : ['extension', `where(url='${url}')`]))(EXTENSION.exec(p)?.[1]));
  if (!parts || parts.some((p) => p === '')) return undefined;
  const root = base ? undefined : parts.shift();
  if (root !== undefined && !r4Model.type2Parent[root] && root !== 'Resource') return undefined;
  const start = base ?? root;
  if (base !== undefined && !elementAt(base) && !r4Model.type2Parent[base]) return undefined;
  const steps = resolve(parts, base ? (elementAt(base)?.childBase ?? base) : (start as string));
  if (!steps) return undefined;
  if (root === undefined) return (input) => walk(steps, input);
  // `Resource.meta.tag` and `DomainResource.text` apply to every resource: R4 defines them on the abstract types.
  const applies = ABSTRACT_ROOTS[root] ?? ((type: string) => type === root);
  return (input) => {
    const type = (input as { resourceType?: unknown } | null)?.resourceType;
    return typeof type === 'string' && applies(type) ? walk(steps, input) : [];
  };
}
