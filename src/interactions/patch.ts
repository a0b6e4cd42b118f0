// patch with JSON Patch (RFC 6902): https://hl7.org/fhir/R4/http.html#patch
import { Injectable } from '@nestjs/common';
import type { Resource } from 'fhir/r4';
import { applyPatch, type Operation } from 'rfc6902';
import { FhirError, gone, invalid, issue, notFound, preconditionFailed } from '../fhir/outcome';
import type { InteractionContext, InteractionResult } from './interaction-context';
import { ResourceGuard } from './resource-guard';
import { SearchInteraction } from './search';
import { UpdateInteraction } from './update';

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
/** Keys that would reach Object.prototype through a patch path. */
const FORBIDDEN_SEGMENT = /(^|\/)(__proto__|constructor|prototype)(\/|$)/;

/** Checks the document is an RFC 6902 patch before anything is applied. */
export function parseJsonPatch(body: unknown): Operation[] {
  if (!Array.isArray(body)) throw invalid('A JSON Patch document is an array of operations');
  body.forEach((op: unknown, i) => {
    const o = op as Record<string, unknown>;
    const at = `[${i}]`;
    if (typeof o !== 'object' || o === null || typeof o.op !== 'string' || !OPS.has(o.op)) throw invalid(`Operation ${i} has no valid 'op'`, `${at}.op`);
    for (const key of ['path', ...(o.op === 'move' || o.op === 'copy' ? ['from'] : [])]) {
      if (typeof o[key] !== 'string' || (o[key] !== '' && !(o[key] as string).startsWith('/'))) throw invalid(`Operation ${i} needs a JSON Pointer '${key}'`, `${at}.${key}`);
      if (FORBIDDEN_SEGMENT.test(o[key] as string)) throw invalid(`Operation ${i} has a forbidden '${key}'`, `${at}.${key}`);
    }
    if (['add', 'replace', 'test'].includes(o.op) && !('value' in o)) throw invalid(`Operation ${i} (${o.op}) needs a 'value'`, `${at}.value`);
  });
  return body as Operation[];
}

@Injectable()
export class PatchInteraction {
  constructor(
    private readonly guard: ResourceGuard,
    private readonly update: UpdateInteraction,
    private readonly search: SearchInteraction,
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
    const operations = parseJsonPatch(body);
    return this.update.save(
      ctx,
      type,
      id,
      async (current) => {
        if (!current) throw (await ctx.store.read(type, id)) ? gone(type, id) : notFound(`${type}/${id} is not known`);
        const patched = JSON.parse(current.json as string) as Resource;
        const failures = applyPatch(patched, operations)
          .map((error, i) => error && issue('processing', `Operation ${i} (${operations[i].op} ${operations[i].path}) failed: ${error.message}`, `[${i}]`))
          .filter((x) => x !== null);
        if (failures.length > 0) throw new FhirError(422, failures);
        if (patched.resourceType !== type || patched.id !== id) throw new FhirError(422, [issue('processing', 'A patch must not change resourceType or id', 'id')]);
        return this.guard.validate(patched, type).resource;
      },
      'PATCH',
    );
  }
}
