// InteractionResult → HTTP response: status, ETag, Last-Modified, Location, and _summary/_elements/_pretty.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Bundle, Resource, StructureDefinition } from 'fhir/r4';
import { parseSummary, subset, type SummaryMode } from '../fhir/summary';
import { etag } from '../fhir/resource';
import type { InteractionResult } from '../interactions/interaction-context';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

interface Shaping {
  readonly summary?: SummaryMode;
  readonly elements?: string[];
  readonly pretty: boolean;
}

function shaping(request: FastifyRequest): Shaping {
  const q = request.query as Record<string, string | string[] | undefined>;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const summary = first(q._summary);
  const elements = first(q._elements);
  return {
    summary: summary === undefined ? undefined : parseSummary(summary),
    elements: elements === undefined ? undefined : elements.split(',').map((e) => e.trim()).filter(Boolean),
    pretty: first(q._pretty) === 'true',
  };
}

export class ResultSender {
  constructor(
    private readonly baseUrl: string,
    private readonly definitions: ReadonlyMap<string, StructureDefinition>,
  ) {}

  send(request: FastifyRequest, reply: FastifyReply, result: InteractionResult): void {
    const { version } = result;
    reply.status(result.status);
    for (const [name, value] of Object.entries(result.headers ?? {})) reply.header(name, value);
    if (version) {
      reply.header('etag', etag(version.versionId)).header('last-modified', version.lastUpdated.toUTCString());
      if (result.location) reply.header('location', `${this.baseUrl}/${version.resourceType}/${version.id}/_history/${version.versionId}`);
    }
    if (result.json === undefined && result.body === undefined) return void reply.send();
    const shape = shaping(request);
    reply.header('content-type', FHIR_JSON);
    if (result.json !== undefined && !shape.pretty && !shape.summary && !shape.elements) return void reply.send(result.json);
    const body = this.shape((result.body ?? JSON.parse(result.json as string)) as Resource, shape);
    reply.send(shape.pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body));
  }

  private shape(body: Resource, shape: Shaping): Resource {
    if (!shape.summary && !shape.elements) return body;
    const one = (r: Resource) => subset(r, this.definitions.get(r.resourceType), shape.summary, shape.elements);
    const bundle = body as Bundle;
    if (body.resourceType !== 'Bundle' || (bundle.type !== 'searchset' && bundle.type !== 'history')) return one(body);
    return { ...bundle, entry: bundle.entry?.map((e) => (e.resource && e.search?.mode !== 'outcome' ? { ...e, resource: one(e.resource) } : e)) } as Bundle;
  }
}
