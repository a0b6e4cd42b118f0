// Writes the next version of a resource: versionId and lastUpdated are the server's, monotonic per resource.
import { Injectable } from '@nestjs/common';
import type { Resource } from 'fhir/r4';
import { nextLastUpdated, stamp } from '../fhir/resource';
import type { InteractionContext } from './interaction-context';
import { ResourceEvents } from './resource-events';
import type { HistoryMethod, StoredVersion } from './resource-store';

@Injectable()
export class VersionWriter {
  constructor(private readonly events: ResourceEvents) {}

  /**
   * Writes `resource` (null = a deletion) as the version after `previous` (none = version 1).
   * Returns undefined when another request wrote first; the caller decides whether to retry or fail.
   */
  async write(ctx: InteractionContext, type: string, id: string, resource: Resource | null, method: HistoryMethod, previous?: StoredVersion): Promise<StoredVersion | undefined> {
    const versionId = (previous?.versionId ?? 0) + 1;
    const lastUpdated = nextLastUpdated(previous?.lastUpdated);
    const stored = resource && stamp(resource, id, versionId, lastUpdated);
    const json = stored && JSON.stringify(stored);
    const written = await ctx.store.write({ resourceType: type, id, versionId, lastUpdated, method, resource: stored, json, expectedVersion: previous?.versionId });
    if (!written) return undefined;
    const version: StoredVersion = { resourceType: type, id, versionId, lastUpdated, deleted: stored === null, json, method };
    this.events.written(version, stored);
    return version;
  }
}
