// dom-3, "a contained resource SHALL be referred to": https://hl7.org/fhir/R4/references.html#contained
// Checked natively rather than with R4's expression, which scans %resource.descendants() four times
// per contained resource (a FHIRPath evaluation of milliseconds on a large ExplanationOfBenefit). The
// walker records every local reference ('#…') it meets in an element named `reference` or typed
// canonical/uri/url (R5's dom-3 wording of R4's descendants().as(canonical|uri|url)).
import type { OperationOutcomeIssue } from 'fhir/r4';
import { issue } from '../fhir/outcome';

const REFERENCE_TYPES = new Set(['canonical', 'uri', 'url']);
const DOM_3 = 'If the resource is contained in another resource, it SHALL be referred to from elsewhere in the resource or SHALL refer to the containing resource';

/** The local references found in one resource, those of the resources nested in it included. */
export class LocalReferences {
  private readonly found = new Set<string>();
  /** Contained resources that refer to their container (reference '#'). */
  private readonly referToContainer = new Set<unknown>();

  /** Notes `value` when it is a local reference held by an element that dom-3 looks at. */
  record(value: string, elementKey: string, type: string): void {
    if (value.charCodeAt(0) === 35 /* # */ && (elementKey === 'reference' || REFERENCE_TYPES.has(type))) this.found.add(value);
  }

  /** `%resource.descendants()` crosses into nested resources: their references count for the container too. */
  absorb(nested: unknown, inner: LocalReferences): void {
    for (const reference of inner.found) this.found.add(reference);
    if (inner.found.has('#')) this.referToContainer.add(nested);
  }

  /** Reports, on each contained resource nobody refers to, that `resource` breaks dom-3. */
  check(resource: Record<string, unknown>, path: string, issues: OperationOutcomeIssue[]): void {
    const contained = resource.contained;
    if (!Array.isArray(contained)) return;
    contained.forEach((item: unknown, i) => {
      const id = (item as Record<string, unknown> | null)?.id;
      // Without an id, '#'+id is empty and R4's expression does not select the resource.
      if (typeof id !== 'string' || this.found.has(`#${id}`) || this.referToContainer.has(item)) return;
      issues.push(issue('invariant', `Constraint dom-3 not met: ${DOM_3} (nothing refers to #${id})`, `${path}.contained[${i}]`));
    });
  }
}
