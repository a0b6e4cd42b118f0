// One Bundle entry's request → the same interaction an HTTP request would run: https://hl7.org/fhir/R4/http.html#transaction
import { Injectable } from '@nestjs/common';
import type { BundleEntry } from 'fhir/r4';
import { parseEntryUrl, type EntryTarget } from '../../fhir/entry-url';
import { FhirError, invalid, issue } from '../../fhir/outcome';
import { CreateInteraction } from '../create';
import { DeleteInteraction } from '../delete';
import { HistoryInteraction } from '../history';
import type { InteractionContext, InteractionResult } from '../interaction-context';
import { PatchInteraction } from '../patch';
import { ReadInteraction } from '../read';
import { SearchInteraction } from '../search';
import { UpdateInteraction } from '../update';
import { ValidateOperation } from '../validate';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** The entry's own preconditions replace the Bundle request's. */
export function entryContext(ctx: InteractionContext, entry: BundleEntry): InteractionContext {
  const r = entry.request;
  const since = r?.ifModifiedSince ? new Date(r.ifModifiedSince) : undefined;
  return { ...ctx, ifMatch: r?.ifMatch, ifNoneMatch: r?.ifNoneMatch, ifNoneExist: r?.ifNoneExist, ifModifiedSince: since && !Number.isNaN(since.getTime()) ? since : undefined };
}

export function entryTarget(ctx: InteractionContext, entry: BundleEntry, index: number): { method: string; target: EntryTarget } {
  const method = entry.request?.method;
  if (!method || !METHODS.has(method)) throw invalid(`Entry ${index} needs request.method (GET, HEAD, POST, PUT, PATCH or DELETE)`, `Bundle.entry[${index}].request.method`);
  if (typeof entry.request?.url !== 'string' || entry.request.url === '') throw invalid(`Entry ${index} needs request.url`, `Bundle.entry[${index}].request.url`);
  return { method, target: parseEntryUrl(entry.request.url, ctx.baseUrl, `Bundle.entry[${index}].request.url`) };
}

/** In a Bundle a JSON Patch travels as a Binary (http.html#patch), its data the patch document; a FHIRPath Patch is the Parameters itself. */
function patchDocument(body: unknown, index: number): unknown {
  const binary = body as { resourceType?: string; data?: string } | undefined;
  if (binary?.resourceType !== 'Binary') return body;
  try {
    return JSON.parse(Buffer.from(binary.data ?? '', 'base64').toString('utf8'));
  } catch {
    throw invalid(`Entry ${index}: the Binary does not hold a JSON Patch document`, `Bundle.entry[${index}].resource.data`);
  }
}

@Injectable()
export class EntryDispatch {
  constructor(
    private readonly readInteraction: ReadInteraction,
    private readonly createInteraction: CreateInteraction,
    private readonly updateInteraction: UpdateInteraction,
    private readonly patchInteraction: PatchInteraction,
    private readonly deleteInteraction: DeleteInteraction,
    private readonly historyInteraction: HistoryInteraction,
    private readonly searchInteraction: SearchInteraction,
    private readonly validateOperation: ValidateOperation,
  ) {}

  async run(ctx: InteractionContext, method: string, t: EntryTarget, body: unknown, index: number): Promise<InteractionResult> {
    const pairs = (): [string, string][] => [...new URLSearchParams(t.query ?? '')];
    const unsupported = () => new FhirError(405, [issue('not-supported', `${method} ${t.type ?? ''}${t.id ? `/${t.id}` : ''} is not supported in a Bundle`, `Bundle.entry[${index}].request`)]);
    if (!t.type) {
      if ((method === 'GET' || method === 'HEAD') && t.history) return this.historyInteraction.execute(ctx, pairs());
      throw unsupported();
    }
    if (t.operation === 'validate' && method === 'POST') return this.validateOperation.execute(ctx, t.type, body, t.id);
    if (t.operation) throw unsupported();
    switch (method) {
      case 'GET':
      case 'HEAD':
        if (t.history) return this.historyInteraction.execute(ctx, pairs(), t.type, t.id);
        if (t.versionId !== undefined && t.id) return this.readInteraction.vread(ctx, t.type, t.id, t.versionId);
        if (t.id) return this.readInteraction.read(ctx, t.type, t.id);
        return this.searchInteraction.execute(ctx, t.type, pairs());
      case 'POST':
        if (t.id || t.history) throw unsupported();
        return this.createInteraction.execute(ctx, t.type, body);
      case 'PUT':
        if (t.id) return this.updateInteraction.execute(ctx, t.type, t.id, body);
        if (t.query) return this.updateInteraction.conditional(ctx, t.type, t.query, body);
        throw unsupported();
      case 'PATCH':
        if (t.id) return this.patchInteraction.execute(ctx, t.type, t.id, patchDocument(body, index));
        if (t.query) return this.patchInteraction.conditional(ctx, t.type, t.query, patchDocument(body, index));
        throw unsupported();
      default:
        if (t.id) return this.deleteInteraction.execute(ctx, t.type, t.id);
        if (t.query) return this.deleteInteraction.conditional(ctx, t.type, t.query);
        throw unsupported();
    }
  }
}
