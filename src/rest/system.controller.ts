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
  /** Built on first use, and again after the search parameters changed (custom ones, $reindex). */
  private capabilities?: { revision: number; statement: CapabilityStatement };
  private readonly sender: ResultSender;
  private readonly version: string;

  constructor(
    private readonly config: IgnisConfig,
    private readonly registry: SearchParameterRegistry,
    private readonly dataSource: DataSource,
  ) {
    this.version = (JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string }).version;
    this.sender = new ResultSender(config.baseUrl, loadR4Definitions().structureDefinitions);
  }

  private capabilityStatement(): CapabilityStatement {
    const { revision } = this.registry;
    if (this.capabilities?.revision !== revision) {
      const inputs = { baseUrl: this.config.baseUrl, version: this.version, resourceTypes: loadR4Definitions().resourceTypes, searchParameters: this.registry, startedAt: new Date() };
      this.capabilities = { revision, statement: buildCapabilityStatement(inputs) };
    }
    return this.capabilities.statement;
  }

  @Get('fhir/metadata')
  metadata(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    assertJsonAcceptable(req);
    this.sender.send(req, reply, { status: 200, body: this.capabilityStatement() });
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
