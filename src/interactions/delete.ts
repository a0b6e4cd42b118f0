// delete: https://hl7.org/fhir/R4/http.html#delete (and conditional delete, #cdelete)
import { Injectable } from '@nestjs/common';
import { conflict, information, preconditionFailed } from '../fhir/outcome';
import type { InteractionContext, InteractionResult } from './interaction-context';
import { ResourceGuard } from './resource-guard';
import { SearchInteraction } from './search';
import { VersionWriter } from './write-version';

const MAX_ATTEMPTS = 5;

@Injectable()
export class DeleteInteraction {
  constructor(
    private readonly guard: ResourceGuard,
    private readonly search: SearchInteraction,
    private readonly writer: VersionWriter,
  ) {}

  /** Deleting a missing or already deleted resource succeeds without a new version (http.html#delete). */
  async execute(ctx: InteractionContext, type: string, id: string): Promise<InteractionResult> {
    this.guard.assertTypeAndId(type, id);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await ctx.store.read(type, id);
      if (!current || current.deleted) return this.answer(ctx, `${type}/${id} does not exist; nothing was deleted`);
      const version = await this.writer.write(ctx, type, id, null, 'DELETE', current);
      if (version) return { ...this.answer(ctx, `Deleted ${type}/${id}`), version };
    }
    throw conflict(`${type}/${id} kept changing under concurrent requests; retry`);
  }

  /** Conditional delete: 0 matches is a no-op, 1 is deleted, several are refused with 412. */
  async conditional(ctx: InteractionContext, type: string, query: string): Promise<InteractionResult> {
    this.guard.assertType(type);
    const matches = await this.search.matches(ctx, type, query);
    if (matches.length > 1) throw preconditionFailed(`The criteria '${query}' match ${matches.length} ${type} resources; refine them to one`);
    if (matches.length === 0) return this.answer(ctx, `No ${type} matches '${query}'; nothing was deleted`);
    return this.execute(ctx, type, matches[0].id);
  }

  private answer(ctx: InteractionContext, message: string): InteractionResult {
    return ctx.prefer.return === 'OperationOutcome' ? { status: 200, body: information(message) } : { status: 204 };
  }
}
