// The resources the suite loaded, as the server stored them: by type, and by the literal references that point at them.
import type { Resource } from 'fhir/r4';
import { localReference } from './local-reference';

export class LoadedData {
  private readonly byType = new Map<string, Resource[]>();
  private readonly byReference = new Map<string, Resource>();

  constructor(resources: readonly Resource[], readonly base: string) {
    for (const r of resources) {
      const ofType = this.byType.get(r.resourceType) ?? [];
      ofType.push(r);
      this.byType.set(r.resourceType, ofType);
      this.byReference.set(`${r.resourceType}/${r.id}`, r);
    }
  }

  /** The resource types loaded, sorted. */
  types(): string[] {
    return [...this.byType.keys()].sort();
  }

  /** The resources of a type, in load order. */
  ofType(type: string): readonly Resource[] {
    return this.byType.get(type) ?? [];
  }

  /** The loaded resource a literal reference (`Type/id`, `[base]/Type/id`) points at. */
  target(reference: string): Resource | undefined {
    const local = localReference(reference, this.base);
    return local && this.byReference.get(`${local.type}/${local.id}`);
  }
}
