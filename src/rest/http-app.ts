// Builds the HTTP application: Nest on Fastify, body parsers, request logs, and errors outside Nest's routes.
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from '../app.module';
import type { IgnisConfig } from '../config/ignis-config';
import { NestPinoLogger } from '../logger';
import { answerClientError, FhirExceptionFilter } from './fhir-exception.filter';
import { registerBodyParsers } from './json-body';

/**
 * One log line per request, when it completes: request id, method, path, status and duration. The id is a field of
 * the line rather than a per-request child logger's binding (childLoggerFactory below): a child costs every request
 * ~1% of the server's CPU (measured on a search), even where the level writes no line.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { reqId: request.id, method: request.method, path: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) reply.log.error({ ...line, err: error }, 'request failed');
    else reply.log.info(line, 'request');
  }
}

export async function createHttpApp(config: IgnisConfig, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.MAX_BODY_BYTES,
    loggerInstance: logger,
    logController: new OneLinePerRequest(),
    childLoggerFactory: (parent: FastifyBaseLogger) => parent,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // A base written with a trailing slash ([base]/?_id=…, [base]/Patient/) reaches the same interaction as without one.
    routerOptions: { maxParamLength: 500, ignoreTrailingSlash: true },
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { logger: new NestPinoLogger(logger), bodyParser: false });
  const fastify = app.getHttpAdapter().getInstance();
  registerBodyParsers(fastify, { maxDepth: config.MAX_JSON_DEPTH, maxArray: config.MAX_JSON_ARRAY });
  app.useGlobalFilters(new FhirExceptionFilter(config.MAX_BODY_BYTES));
  await app.init();
  return app;
}
