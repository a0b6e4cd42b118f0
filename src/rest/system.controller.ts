// System-level endpoints: capabilities (https://hl7.org/fhir/R4/http.html#capabilities) and health probes.
import { Controller, Get, Header, HttpCode, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CapabilityStatement } from 'fhir/r4';
import { DataSource } from 'typeorm';
import { IgnisConfig } from '../config/ignis-config';
import { loadR4Definitions } from '../fhir/definitions/r4';
import { FhirError, issue } from '../fhir/outcome';
import { SearchParameterRegistry } from '../search/search-parameters';
import { buildCapabilityStatement } from './capability-statement';
import { assertJsonAcceptable } from './fhir-request';
import { ResultSender } from './send-result';
import { readFileSync } from 'node:fs';
import { projectPath } from '../conformance/project-path';

@Controller()
export class SystemController {
  private readonly capabilities: CapabilityStatement;
  private readonly sender: ResultSender;

  constructor(
    config: IgnisConfig,
    registry: SearchParameterRegistry,
    private readonly dataSource: DataSource,
  ) {
    const definitions = loadR4Definitions();
    const { version } = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string };
    this.capabilities = buildCapabilityStatement({ baseUrl: config.baseUrl, version, resourceTypes: definitions.resourceTypes, searchParameters: registry, startedAt: new Date() });
    this.sender = new ResultSender(config.baseUrl, definitions.structureDefinitions);
  }

  @Get('fhir/metadata')
  metadata(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    assertJsonAcceptable(req);
    this.sender.send(req, reply, { status: 200, body: this.capabilities });
  }

  /** Liveness: the process answers. */
  @Get('healthz')
  @Header('cache-control', 'no-store')
  healthz() {
    return { status: 'ok' };
  }

  /** Readiness: the database answers too. */
  @Get('readyz')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  async readyz() {
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok' };
    } catch {
      throw new FhirError(503, [issue('transient', 'The database is not reachable')]);
    }
  }
}
