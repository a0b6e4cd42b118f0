// URI matching: https://hl7.org/fhir/R4/search.html#uri — exact; `:below`: the stored URI starts with the value;
// `:above`: the value starts with the stored URI.
import type { SearchNode } from './search-values';

export function matchesUri(node: SearchNode, uri: string, modifier: string | undefined): boolean {
  if (typeof node.value !== 'string') return false;
  if (modifier === 'below') return node.value.startsWith(uri);
  if (modifier === 'above') return uri.startsWith(node.value);
  return node.value === uri;
}
