// create: https://hl7.org/fhir/R4/http.html#create (and conditional create, #ccreate)
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { preconditionFailed } from '../fhir/outcome';
import type { InteractionContext, InteractionResult } from './interaction-context';
import { ResourceGuard } from './resource-guard';
import { writeResult } from './respond';
import { SearchInteraction } from './search';
import { VersionWriter } from './write-version';

@Injectable()
export class CreateInteraction {
  constructor(
    private readonly guard: ResourceGuard,
    private readonly search: SearchInteraction,
    private readonly writer: VersionWriter,
  ) {}

  async execute(ctx: InteractionContext, type: string, body: unknown): Promise<InteractionResult> {
    this.guard.assertType(type);
    const { resource } = this.guard.validate(body, type);
    if (ctx.ifNoneExist !== undefined) {
      const matches = await this.search.matches(ctx, type, ctx.ifNoneExist);
      if (matches.length > 1) throw preconditionFailed(`If-None-Exist '${ctx.ifNoneExist}' matches ${matches.length} ${type} resources`);
      if (matches.length === 1) return writeResult(ctx, 200, matches[0], undefined, `${type}/${matches[0].id} already exists`);
    }
    // The server ignores a client id on create (http.html#create) and assigns its own.
    const version = await this.writer.write(ctx, type, randomUUID(), resource, 'POST');
    if (!version) throw preconditionFailed(`${type} could not be created: its new id was taken`);
    return writeResult(ctx, 201, version, undefined, `Created ${type}/${version.id}`);
  }
}
