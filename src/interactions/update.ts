// update: https://hl7.org/fhir/R4/http.html#update, with If-Match (#concurrency) and update-as-create.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Resource } from 'fhir/r4';
import { conflict, invalid, preconditionFailed } from '../fhir/outcome';
import { assertValidId, etag, parseEtag } from '../fhir/resource';
import type { InteractionContext, InteractionResult } from './interaction-context';
import { ResourceGuard } from './resource-guard';
import type { HistoryMethod, StoredVersion } from './resource-store';
import { writeResult } from './respond';
import { SearchInteraction } from './search';
import { VersionWriter } from './write-version';

/** Attempts before a write that keeps losing races to concurrent writers gives up. */
const MAX_ATTEMPTS = 5;

@Injectable()
export class UpdateInteraction {
  constructor(
    private readonly guard: ResourceGuard,
    private readonly search: SearchInteraction,
    private readonly writer: VersionWriter,
  ) {}

  async execute(ctx: InteractionContext, type: string, id: string, body: unknown): Promise<InteractionResult> {
    this.guard.assertTypeAndId(type, id);
    const { resource } = this.guard.validate(body, type);
    if (resource.id === undefined) throw invalid('The resource has no id; update needs one equal to the URL', 'id');
    if (resource.id !== id) throw invalid(`The resource id '${resource.id}' differs from the URL id '${id}'`, 'id');
    return this.save(ctx, type, id, () => resource, 'PUT');
  }

  /** Conditional update (http.html#cond-update): 0 matches creates, 1 updates that resource, several are 412. */
  async conditional(ctx: InteractionContext, type: string, query: string, body: unknown): Promise<InteractionResult> {
    this.guard.assertType(type);
    const { resource } = this.guard.validate(body, type);
    const matches = await this.search.matches(ctx, type, query);
    if (matches.length > 1) throw preconditionFailed(`The criteria '${query}' match ${matches.length} ${type} resources; refine them to one`);
    const match = matches[0];
    if (match && resource.id !== undefined && resource.id !== match.id) {
      throw invalid(`The resource id '${resource.id}' differs from the matching ${type}/${match.id}`, 'id');
    }
    const id = match?.id ?? resource.id ?? randomUUID();
    assertValidId(id);
    return this.save(ctx, type, id, () => ({ ...resource, id }), 'PUT');
  }

  /**
   * Writes the next version built by `next(current)`, honouring If-Match. Without If-Match a lost race is
   * retried on the newer version; with it the client asked for that version, so a race is 412.
   */
  async save(
    ctx: InteractionContext,
    type: string,
    id: string,
    next: (current: StoredVersion | undefined) => Resource | Promise<Resource>,
    method: HistoryMethod,
  ): Promise<InteractionResult> {
    const expected = ctx.ifMatch === undefined ? undefined : parseEtag(ctx.ifMatch);
    if (ctx.ifMatch !== undefined && expected === undefined) throw invalid(`If-Match '${ctx.ifMatch.slice(0, 40)}' is not an ETag like W/"3"`);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await ctx.store.read(type, id);
      const live = current && !current.deleted ? current : undefined;
      if (expected !== undefined && live?.versionId !== expected) {
        throw preconditionFailed(`If-Match ${etag(expected)} does not match ${live ? `the current version ${etag(live.versionId)}` : `any version of ${type}/${id}`}`);
      }
      const resource = await next(live);
      const version = await this.writer.write(ctx, type, id, resource, method, current);
      if (version) return writeResult(ctx, live ? 200 : 201, version, undefined, `${live ? 'Updated' : 'Created'} ${type}/${id}`);
      if (expected !== undefined) throw preconditionFailed(`${type}/${id} was changed by a concurrent request after If-Match was checked`);
    }
    throw conflict(`${type}/${id} kept changing under concurrent requests; retry`);
  }
}
