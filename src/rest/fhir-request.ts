// HTTP request → InteractionContext: headers (https://hl7.org/fhir/R4/http.html#2.21.0.5) and format negotiation (#mime-type).
import type { FastifyRequest } from 'fastify';
import { FhirError, issue } from '../fhir/outcome';
import type { InteractionContext, Prefer } from '../interactions/interaction-context';
import type { ResourceStore } from '../interactions/resource-store';

const JSON_FORMATS = new Set(['json', 'application/json', 'application/fhir+json', 'application/json+fhir']);
const ACCEPTABLE = /(^|,)\s*(\*\/\*|application\/\*|application\/(fhir\+)?json|application\/json\+fhir)\s*(;|,|$)/i;

export function parsePrefer(header: string | undefined): Prefer {
  const prefer: { return?: Prefer['return']; handling?: Prefer['handling'] } = {};
  for (const part of (header ?? '').split(/[;,]/)) {
    const [key, value] = part.split('=').map((s) => s.trim().replace(/^"|"$/g, ''));
    if (key === 'return' && (value === 'minimal' || value === 'representation' || value === 'OperationOutcome')) prefer.return = value;
    if (key === 'handling' && (value === 'strict' || value === 'lenient')) prefer.handling = value;
  }
  return prefer;
}

/** Only JSON is served for now: XML or any other format is 406 (http.html#mime-type). */
export function assertJsonAcceptable(request: FastifyRequest): void {
  const format = (request.query as Record<string, unknown>)?._format;
  if (typeof format === 'string' && !JSON_FORMATS.has(format.split(';')[0].trim())) {
    throw new FhirError(406, [issue('not-supported', `_format '${format.slice(0, 40)}' is not supported; use json`, '_format')]);
  }
  const accept = request.headers.accept;
  if (format === undefined && accept && !ACCEPTABLE.test(accept)) {
    throw new FhirError(406, [issue('not-supported', `Accept '${accept.slice(0, 80)}' is not supported; use application/fhir+json`)]);
  }
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export function interactionContext(request: FastifyRequest, store: ResourceStore, baseUrl: string): InteractionContext {
  assertJsonAcceptable(request);
  const modifiedSince = header(request, 'if-modified-since');
  const since = modifiedSince ? new Date(modifiedSince) : undefined;
  return {
    store,
    baseUrl,
    prefer: parsePrefer(header(request, 'prefer')),
    ifMatch: header(request, 'if-match'),
    ifNoneMatch: header(request, 'if-none-match'),
    ifModifiedSince: since && !Number.isNaN(since.getTime()) ? since : undefined,
    ifNoneExist: header(request, 'if-none-exist'),
  };
}

/** The query string as ordered pairs, repeated parameters kept (they AND in search). */
export function queryPairs(request: FastifyRequest): [string, string][] {
  const q = request.url.indexOf('?');
  return q < 0 ? [] : [...new URLSearchParams(request.url.slice(q + 1))];
}
