// create: https://hl7.org/fhir/R4/http.html#create (and conditional create, #ccreate)
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Resource } from 'fhir/r4';
import { preconditionFailed } from '../fhir/outcome';
import type { InteractionContext, InteractionResult } from './interaction-context';
import { ResourceGuard } from './resource-guard';
import { writeResult } from './respond';
import { SearchInteraction } from './search';
import { VersionWriter, type NewResource } from './write-version';

@Injectable()
export class CreateInteraction {
  constructor(
    private readonly guard: ResourceGuard,
    private readonly search: SearchInteraction,
    private readonly writer: VersionWriter,
  ) {}

  async execute(ctx: InteractionContext, type: string, body: unknown): Promise<InteractionResult> {
    const resource = this.prepare(type, body);
    const id = randomUUID();
    if (ctx.ifNoneExist === undefined) return this.write(ctx, type, id, resource);
    const criteria = ctx.ifNoneExist;
    // Two concurrent conditional creates on the same criteria must not both create: the second waits for the first.
    return ctx.store.transaction(async (store) => {
      const tx = { ...ctx, store };
      await store.lock(`create:${type}?${normalizeCriteria(criteria)}`);
      const matches = await this.search.matches(tx, type, criteria);
      if (matches.length > 1) throw preconditionFailed(`If-None-Exist '${criteria}' matches ${matches.length} ${type} resources`);
      if (matches.length === 1) return writeResult(ctx, 200, matches[0], undefined, `${type}/${matches[0].id} already exists`);
      return this.write(tx, type, id, resource);
    });
  }

  /** Validates a resource for creation, without writing it. */
  prepare(type: string, body: unknown): Resource {
    this.guard.assertType(type);
    return this.guard.validate(body, type).resource;
  }

  /** Creates prepared resources in one statement; results in the order given. */
  async createAll(ctx: InteractionContext, items: readonly NewResource[]): Promise<InteractionResult[]> {
    const versions = await this.writer.createAll(ctx, items);
    return versions.map((v) => writeResult(ctx, 201, v, undefined, `Created ${v.resourceType}/${v.id}`));
  }

  /** The server ignores a client id on create (http.html#create) and writes version 1 under its own. */
  private async write(ctx: InteractionContext, type: string, id: string, resource: Resource): Promise<InteractionResult> {
    const version = await this.writer.write(ctx, type, id, resource, 'POST');
    if (!version) throw preconditionFailed(`${type} could not be created: its new id was taken`);
    return writeResult(ctx, 201, version, undefined, `Created ${type}/${version.id}`);
  }
}

/** Equal criteria in another order or encoding lock the same key. */
export function normalizeCriteria(criteria: string): string {
  return [...new URLSearchParams(criteria.replace(/^\?/, ''))].map(([k, v]) => `${k}=${v}`).sort().join('&');
}
