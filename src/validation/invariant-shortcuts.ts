// Cheap proofs that an invariant holds, tried before FHIRPath: https://hl7.org/fhir/R4/conformance-rules.html#constraints
// A FHIRPath evaluation costs microseconds (fhirpath.js wraps every node it visits); these invariants
// are met by almost every instance for a reason one property lookup shows, so the evaluation is kept
// for the rest. Each shortcut must only say "holds" when the R4 expression is true (or empty) there.
type Node = Record<string, unknown>;

const absent = (node: Node, name: string) => node[name] === undefined && node[`_${name}`] === undefined;
/** dom-2, dom-4 and dom-5 only look inside `contained`. */
const noContained = (node: Node) => !Array.isArray(node.contained) || node.contained.length === 0;

const SHORTCUTS: Record<string, (node: Node) => boolean> = {
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
};

/** A test that proves invariant `key` holds on a node, when we have one. */
export function shortcut(key: string): ((node: Node) => boolean) | undefined {
  return SHORTCUTS[key];
}
