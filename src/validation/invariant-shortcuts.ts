// Cheap proofs that an invariant holds, tried before FHIRPath: https://hl7.org/fhir/R4/conformance-rules.html#constraints
// A FHIRPath evaluation costs microseconds (fhirpath.js wraps every node it visits); these invariants
// are met by almost every instance for a reason one property lookup shows, so the evaluation is kept
// for the rest. Each shortcut must only say "holds" when the R4 expression is true (or empty) there.
import r4Model from 'fhirpath/fhir-context/r4';

type Node = Record<string, unknown>;

const absent = (node: Node, name: string) => node[name] === undefined && node[`_${name}`] === undefined;
/** Holds a value FHIRPath sees: not null, and not an array of nulls (primitive extensions pair nulls with `_x`). */
const present = (value: unknown) => value !== undefined && value !== null && (!Array.isArray(value) || value.some((v) => v !== null));
/** dom-2, dom-4 and dom-5 only look inside `contained`. */
const noContained = (node: Node) => !Array.isArray(node.contained) || node.contained.length === 0;

/** Which `value[x]` an Extension holds; undefined when a primitive extension (`_valueX`) makes it unclear. */
function extensionValue(node: Node): boolean | undefined {
  let value = false;
  for (const key of Object.keys(node)) {
    if (key.startsWith('_value')) return undefined;
    if (key.startsWith('value') && present(node[key])) value = true;
  }
  return value;
}

const BY_KEY: Record<string, (node: Node) => boolean> = {
  'dom-2': noContained,
  'dom-4': noContained,
  'dom-5': noContained,
  // reference.startsWith('#').not() or (reference.substring(1) in %rootResource.contained.id)
  'ref-1': (node) => typeof node.reference !== 'string' || !node.reference.startsWith('#'),
  // start.hasValue().not() or end.hasValue().not() or (start <= end)
  'per-1': (node) => node.start === undefined || node.end === undefined,
  // code.empty() or system.exists()
  'qty-3': (node) => absent(node, 'code'),
  // data.empty() or contentType.exists()
  'att-1': (node) => absent(node, 'data'),
  // extension.exists() != value.exists()
  'ext-1': (node) => {
    const value = extensionValue(node);
    return value !== undefined && value !== present(node.extension);
  },
};

const TERM = /^([A-Za-z]+)\.(exists|empty)\(\)$/;

/**
 * `a.exists() or b.empty() or …` on plain (not choice) elements of `base`, the commonest shape of R4 invariants
 * (cpt-2 `value.empty() or system.exists()`, pat-1 `name.exists() or telecom.exists() or …`): it holds as soon as
 * one term visibly does. Undefined for any other expression.
 */
function orOfTerms(expression: string, base: string): ((node: Node) => boolean) | undefined {
  const terms = expression.split(/\s+or\s+/).map((part) => TERM.exec(part.trim()));
  if (terms.some((t) => !t || r4Model.choiceTypePaths[`${base}.${t[1]}`] || !r4Model.path2Type[`${base}.${t[1]}`])) return undefined;
  const tests = (terms as RegExpExecArray[]).map(([, name, fn]) => (fn === 'exists' ? (node: Node) => present(node[name]) : (node: Node) => absent(node, name)));
  return (node) => tests.some((test) => test(node));
}

/** A test that proves invariant `key` (with `expression`, declared on `base`) holds on a node, when we have one. */
export function shortcut(key: string, expression: string, base: string): ((node: Node) => boolean) | undefined {
  return BY_KEY[key] ?? orOfTerms(expression, base);
}
