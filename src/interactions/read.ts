// read and vread: https://hl7.org/fhir/R4/http.html#read, #vread (with If-None-Match / If-Modified-Since, #cread)
import { Injectable } from '@nestjs/common';
import { gone, notFound } from '../fhir/outcome';
import { etag } from '../fhir/resource';
import type { InteractionContext, InteractionResult } from './interaction-context';
import { ResourceGuard } from './resource-guard';
import type { StoredVersion } from './resource-store';

@Injectable()
export class ReadInteraction {
  constructor(private readonly guard: ResourceGuard) {}

  /** The current version, or 404 / 410 with the reason. */
  async current(ctx: InteractionContext, type: string, id: string): Promise<StoredVersion> {
    this.guard.assertTypeAndId(type, id);
    const version = await ctx.store.read(type, id);
    if (!version) throw notFound(`${type}/${id} is not known`);
    if (version.deleted) throw gone(type, id);
    return version;
  }

  async read(ctx: InteractionContext, type: string, id: string): Promise<InteractionResult> {
    const version = await this.current(ctx, type, id);
    const notModified =
      (ctx.ifNoneMatch !== undefined && ctx.ifNoneMatch.split(',').some((tag) => tag.trim() === etag(version.versionId) || tag.trim() === '*')) ||
      (ctx.ifNoneMatch === undefined && ctx.ifModifiedSince !== undefined && Math.floor(version.lastUpdated.getTime() / 1000) <= Math.floor(ctx.ifModifiedSince.getTime() / 1000));
    return notModified ? { status: 304, version } : { status: 200, json: version.json as string, version };
  }

  async vread(ctx: InteractionContext, type: string, id: string, versionId: string): Promise<InteractionResult> {
    this.guard.assertTypeAndId(type, id);
    const version = /^[1-9]\d{0,8}$/.test(versionId) ? await ctx.store.vread(type, id, Number(versionId)) : undefined;
    if (!version) throw notFound(`${type}/${id} has no version '${versionId.slice(0, 20)}'`);
    if (version.deleted) throw gone(type, id);
    return { status: 200, json: version.json as string, version };
  }
}
