// Writes versions of resources: versionId and lastUpdated are the server's, monotonic per resource.
import { Injectable } from '@nestjs/common';
import type { Resource } from 'fhir/r4';
import { conflict } from '../fhir/outcome';
import { nextLastUpdated, stamp } from '../fhir/resource';
import type { InteractionContext } from './interaction-context';
import { ResourceEvents } from './resource-events';
import type { HistoryMethod, StoredVersion, VersionWrite } from './resource-store';

export interface NewResource {
  readonly type: string;
  readonly id: string;
  readonly resource: Resource;
}

@Injectable()
export class VersionWriter {
  constructor(private readonly events: ResourceEvents) {}

  /**
   * Writes `resource` (null = a deletion) as the version after `previous` (none = version 1).
   * Returns undefined when another request wrote first; the caller decides whether to retry or fail.
   */
  async write(ctx: InteractionContext, type: string, id: string, resource: Resource | null, method: HistoryMethod, previous?: StoredVersion): Promise<StoredVersion | undefined> {
    const write = this.next(type, id, resource, method, previous);
    if (!(await ctx.store.write(write))) return undefined;
    return this.announce(ctx, write);
  }

  /** Creates many new resources in one statement (a transaction's POST entries). */
  async createAll(ctx: InteractionContext, items: readonly NewResource[]): Promise<StoredVersion[]> {
    if (items.length === 0) return [];
    const writes = items.map((item) => this.next(item.type, item.id, item.resource, 'POST'));
    const written = await ctx.store.insert(writes);
    if (written !== writes.length) throw conflict(`${writes.length - written} of the new resources already existed; retry`);
    return writes.map((w) => this.announce(ctx, w));
  }

  private next(type: string, id: string, resource: Resource | null, method: HistoryMethod, previous?: StoredVersion): VersionWrite {
    const versionId = (previous?.versionId ?? 0) + 1;
    const lastUpdated = nextLastUpdated(previous?.lastUpdated);
    const stored = resource && stamp(resource, id, versionId, lastUpdated);
    return { resourceType: type, id, versionId, lastUpdated, method, resource: stored, json: stored && JSON.stringify(stored), expectedVersion: previous?.versionId };
  }

  /** Listeners hear of a version once it is committed (a rolled-back transaction announces nothing). */
  private announce(ctx: InteractionContext, w: VersionWrite): StoredVersion {
    const version: StoredVersion = { resourceType: w.resourceType, id: w.id, versionId: w.versionId, lastUpdated: w.lastUpdated, deleted: w.json === null, json: w.json, method: w.method };
    ctx.store.afterCommit(() => this.events.written(version, w.resource));
    return version;
  }
}
