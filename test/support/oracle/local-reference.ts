// A literal reference to a resource on this server: `Type/id`, `[base]/Type/id`, either with `/_history/v`
// (https://hl7.org/fhir/R4/references.html#literal). Anything else (contained `#x`, other servers, urn:) is not local.

export interface LocalReference {
  readonly type: string;
  readonly id: string;
}

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

export function localReference(reference: string, base: string): LocalReference | undefined {
  const relative = reference.startsWith(`${base}/`) ? reference.slice(base.length + 1) : reference;
  const m = RELATIVE.exec(relative);
  return m ? { type: m[1], id: m[2] } : undefined;
}
