// Reference matching: https://hl7.org/fhir/R4/search.html#reference
// `Type/id` and `[base]/Type/id` name one local resource; a bare `id` names a resource of any type (or of the
// `:Type` modifier's type). Only literal references to resources on this server can match these forms.
import { localReference } from './local-reference';
import type { SearchNode } from './search-values';

/** The literal reference of a Reference node, or a canonical/uri value. */
export function referenceOf(node: SearchNode): string | undefined {
  if (typeof node.value === 'string') return node.value;
  const reference = (node.value as { reference?: unknown } | undefined)?.reference;
  return typeof reference === 'string' ? reference : undefined;
}

export function matchesReference(node: SearchNode, value: { type?: string; id: string }, base: string): boolean {
  const literal = referenceOf(node);
  const target = literal === undefined ? undefined : localReference(literal, base);
  return target !== undefined && target.id === value.id && (value.type === undefined || target.type === value.type);
}

/** `:identifier` matches Reference.identifier by the token rules (search.html#reference). */
export function identifierOf(node: SearchNode): SearchNode | undefined {
  const identifier = (node.value as { identifier?: unknown } | undefined)?.identifier;
  return node.type === 'Reference' && identifier ? { type: 'Identifier', value: identifier } : undefined;
}
