// The one place errors become HTTP responses: an OperationOutcome with the right status (https://hl7.org/fhir/R4/http.html#2.21.0.3).
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { OperationOutcome } from 'fhir/r4';
import { FhirError, internalError, issue, notFound, outcome, type IssueCode } from '../fhir/outcome';

const CODE_BY_STATUS: Record<number, IssueCode> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  406: 'not-supported',
  409: 'conflict',
  410: 'deleted',
  412: 'conflict',
  413: 'too-costly',
  415: 'not-supported',
  422: 'processing',
  429: 'throttled',
};

const logger = new Logger('FhirExceptionFilter');

/** Maps any error to a status and OperationOutcome; unknown errors are 500 with a correlation id, never their stack. */
export function toErrorResponse(error: unknown, maxBodyBytes?: number): { status: number; body: OperationOutcome } {
  if (error instanceof FhirError) return { status: error.status, body: outcome(error.issues) };
  const status = error instanceof HttpException ? error.getStatus() : (error as { statusCode?: unknown })?.statusCode;
  // Only the body parser answers 413 before us: say which limit the body broke.
  if (status === 413) {
    return { status: 413, body: outcome([issue('too-costly', `The body is larger than the limit (MAX_BODY_BYTES) of ${maxBodyBytes ?? 'this server'} bytes`)]) };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = error instanceof HttpException ? error.message : String((error as Error).message ?? 'Bad request');
    return { status, body: outcome([issue(CODE_BY_STATUS[status] ?? 'invalid', message.slice(0, 300))]) };
  }
  const internal = internalError();
  logger.error({ correlation: internal.correlation, err: error }, (error as Error)?.stack ?? String(error));
  return { status: 500, body: outcome(internal.issues) };
}

/**
 * Requests Node's HTTP parser refuses never reach a route: a request line and headers over its limit (431), a request
 * not received in time (408), anything else that is not HTTP (400). They are answered with an OperationOutcome too,
 * and the connection is closed, as the parser cannot find where the next request would begin.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, diagnostics]: [number, IssueCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'too-costly', 'The request line and headers are larger than this server accepts']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'timeout', 'The request was not received in time']
        : [400, 'invalid', 'The request is not valid HTTP/1.1'];
  const body = JSON.stringify(outcome([issue(code, diagnostics)]));
  if (socket.writable) {
    const head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/fhir+json; charset=utf-8`;
    socket.write(`${head}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

export function sendError(reply: FastifyReply, error: unknown, maxBodyBytes?: number): void {
  const { status, body } = toErrorResponse(error, maxBodyBytes);
  void reply.status(status).header('content-type', 'application/fhir+json; charset=utf-8').send(JSON.stringify(body));
}

/** Methods each FHIR URL shape allows: a known shape with another method is 405, not 404 (http.html). */
const ALLOWED: [RegExp, string][] = [
  [/^\/fhir\/?$/, 'GET, POST'],
  [/^\/fhir\/metadata$/, 'GET, HEAD'],
  [/^\/fhir\/_history$/, 'GET, HEAD'],
  [/^\/fhir\/[^/]+$/, 'GET, HEAD, POST, PUT, PATCH, DELETE'],
  [/^\/fhir\/[^/]+\/_history$/, 'GET, HEAD'],
  [/^\/fhir\/[^/]+\/[^/]+$/, 'GET, HEAD, PUT, PATCH, DELETE'],
  [/^\/fhir\/[^/]+\/[^/]+\/_history(\/[^/]+)?$/, 'GET, HEAD'],
];

/** No route matched: 405 with Allow where the URL is a FHIR shape, else 404. */
function routeNotFound(request: FastifyRequest, reply: FastifyReply): FhirError {
  const path = request.url.split('?')[0];
  const allowed = ALLOWED.find(([pattern]) => pattern.test(path))?.[1];
  if (!allowed) return notFound(`No endpoint ${request.method} ${path.slice(0, 200)}`);
  reply.header('allow', allowed);
  return new FhirError(405, [issue('not-supported', `${request.method} is not supported on ${path.slice(0, 200)}`)]);
}

/** Registered globally, so that it also sees Nest's "no route" 404 (which it turns into 404 or 405). */
@Catch()
export class FhirExceptionFilter implements ExceptionFilter {
  constructor(private readonly maxBodyBytes: number) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const unrouted = error instanceof NotFoundException && !(error instanceof FhirError) && error.message.startsWith('Cannot ');
    sendError(reply, unrouted ? routeNotFound(http.getRequest<FastifyRequest>(), reply) : error, this.maxBodyBytes);
  }
}
