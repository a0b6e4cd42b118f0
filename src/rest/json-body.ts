// Request bodies: JSON only (https://hl7.org/fhir/R4/http.html#mime-type), parsed safely and bounded.
import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { FhirError, invalid, issue, notSupported } from '../fhir/outcome';

export const JSON_PATCH = 'application/json-patch+json';
export const JSON_TYPES = ['application/fhir+json', 'application/json', JSON_PATCH];

export interface BodyLimits {
  readonly maxDepth: number;
  readonly maxArray: number;
}

/** Walks the parsed value iteratively (no recursion, so no stack overflow) and refuses hostile shapes. */
export function assertBounded(value: unknown, limits: BodyLimits): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limits.maxDepth) throw invalid(`The JSON body is nested deeper than ${limits.maxDepth} levels`);
    const children = Array.isArray(node) ? node : Object.values(node);
    if (Array.isArray(node) && node.length > limits.maxArray) throw invalid(`The JSON body has an array of ${node.length} items; the limit is ${limits.maxArray}`);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
}

/**
 * A PATCH body as its media type says (http.html#patch): a JSON Patch document (an array) comes as
 * application/json-patch+json, a FHIRPath Patch (a Parameters resource) as application/fhir+json or application/json.
 */
export function patchBody(contentType: string | undefined, body: unknown): unknown {
  const jsonPatch = (contentType ?? '').split(';')[0].trim().toLowerCase() === JSON_PATCH;
  if (jsonPatch && !Array.isArray(body)) throw invalid('An application/json-patch+json body is a JSON Patch document: an array of operations');
  if (!jsonPatch && Array.isArray(body)) throw notSupported('A JSON Patch document is sent as application/json-patch+json; a FHIR JSON body is a FHIRPath Patch (Parameters)', 415);
  return body;
}

export function parseJsonBody(text: string, limits: BodyLimits): unknown {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    throw new FhirError(400, [issue('structure', `The body is not valid JSON: ${(error as Error).message.slice(0, 200)}`)]);
  }
  assertBounded(value, limits);
  return value;
}

/** Replaces Fastify's parsers: FHIR JSON, JSON Patch and forms (POST _search); anything else is 415. */
export function registerBodyParsers(fastify: FastifyInstance, limits: BodyLimits): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(JSON_TYPES, { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as string, limits));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, new URLSearchParams(body as string)));
}
