// patch: JSON Patch (RFC 6902) or FHIRPath Patch (a Parameters resource): https://hl7.org/fhir/R4/http.html#patch
import { Injectable } from '@nestjs/common';
import type { Parameters, Resource } from 'fhir/r4';
import { FhirError, gone, invalid, issue, notFound, preconditionFailed } from '../fhir/outcome';
import { applyFhirPathPatch, parseFhirPathPatch } from '../fhir/patch/fhirpath-patch';
import { applyJsonPatch, parseJsonPatch } from '../fhir/patch/json-patch';
import { ResourceValidator } from '../validation/resource-validator';
import type { InteractionContext, InteractionResult } from './interaction-context';
import { ResourceGuard } from './resource-guard';
import { SearchInteraction } from './search';
import { UpdateInteraction } from './update';

/** Checks the patch document before anything is read; returns how to apply it to the current version. */
function patchOf(body: unknown, validator: ResourceValidator): (resource: Resource) => void {
  if (Array.isArray(body)) {
    const operations = parseJsonPatch(body);
    return (resource) => applyJsonPatch(resource, operations);
  }
  if ((body as Parameters | undefined)?.resourceType === 'Parameters') {
    const operations = parseFhirPathPatch(body as Parameters);
    return (resource) => applyFhirPathPatch(resource, operations, validator.elementsOf);
  }
  throw invalid('A patch is a JSON Patch document (an array, application/json-patch+json) or a FHIRPath Patch Parameters resource');
}

@Injectable()
export class PatchInteraction {
  constructor(
    private readonly guard: ResourceGuard,
    private readonly update: UpdateInteraction,
    private readonly search: SearchInteraction,
    private readonly validator: ResourceValidator,
  ) {}

  /** Conditional patch: exactly one match is patched; none is 404, several are 412. */
  async conditional(ctx: InteractionContext, type: string, query: string, body: unknown): Promise<InteractionResult> {
    this.guard.assertType(type);
    const matches = await this.search.matches(ctx, type, query);
    if (matches.length > 1) throw preconditionFailed(`The criteria '${query}' match ${matches.length} ${type} resources; refine them to one`);
    if (matches.length === 0) throw notFound(`No ${type} matches '${query}'`);
    return this.execute(ctx, type, matches[0].id, body);
  }

  async execute(ctx: InteractionContext, type: string, id: string, body: unknown): Promise<InteractionResult> {
    this.guard.assertTypeAndId(type, id);
    const patch = patchOf(body, this.validator);
    return this.update.save(
      ctx,
      type,
      id,
      async (current) => {
        if (!current) throw (await ctx.store.read(type, id)) ? gone(type, id) : notFound(`${type}/${id} is not known`);
        const patched = JSON.parse(current.json as string) as Resource;
        patch(patched);
        if (patched.resourceType !== type || patched.id !== id) throw new FhirError(422, [issue('processing', 'A patch must not change resourceType or id', 'id')]);
        return this.guard.validate(patched, type).resource;
      },
      'PATCH',
    );
  }
}
