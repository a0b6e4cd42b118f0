// References between entries of a transaction: https://hl7.org/fhir/R4/bundle.html#references
// and the fullUrl placeholders that http.html#trules asks servers to replace.

type Json = Record<string, unknown>;

const PLACEHOLDER_IN_TEXT = /(href|src)="(urn:(?:uuid|oid):[^"]+)"/g;

/**
 * Visits every `reference` (Reference.reference) and `url` (Attachment.url) string of a resource, contained
 * resources and extensions included, and narrative href/src attributes; `replace` returns the new value
 * or undefined to keep it. Works in place, iteratively (resources can nest deeply).
 */
export function rewriteReferences(resource: Json, replace: (value: string) => string | undefined): void {
  const stack: unknown[] = [resource];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const obj = node as Json;
    for (const [key, value] of Object.entries(obj)) {
      if (typeof value === 'string') {
        if (key === 'reference' || key === 'url') {
          const next = replace(value);
          if (next !== undefined) obj[key] = next;
        } else if (key === 'div' && value.includes('urn:')) {
          obj[key] = value.replace(PLACEHOLDER_IN_TEXT, (all, attr: string, ref: string) => {
            const next = replace(ref);
            return next === undefined ? all : `${attr}="${next}"`;
          });
        }
      } else if (typeof value === 'object' && value !== null) stack.push(value);
    }
  }
}
