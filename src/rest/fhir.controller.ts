// One generic controller for every resource type: https://hl7.org/fhir/R4/http.html
import { Controller, Delete, Get, Patch, Post, Put, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IgnisConfig } from '../config/ignis-config';
import { loadR4Definitions } from '../fhir/definitions/r4';
import { BundleInteraction } from '../interactions/bundle/bundle';
import { CompartmentInteraction } from '../interactions/compartment';
import { CreateInteraction } from '../interactions/create';
import { DeleteInteraction } from '../interactions/delete';
import { HistoryInteraction } from '../interactions/history';
import type { InteractionContext, InteractionResult } from '../interactions/interaction-context';
import { PatchInteraction } from '../interactions/patch';
import { ReadInteraction } from '../interactions/read';
import { ReindexOperation } from '../interactions/reindex';
import { ResourceStore } from '../interactions/resource-store';
import { SearchInteraction } from '../interactions/search';
import { UpdateInteraction } from '../interactions/update';
import { ValidateOperation } from '../interactions/validate';
import { interactionContext, queryPairs } from './fhir-request';
import { patchBody } from './json-body';
import { ResultSender } from './send-result';

type Params = { type: string; id: string; vid: string; target: string };

/** The query string of a conditional interaction (the interaction refuses an empty one). */
function criteria(request: FastifyRequest): string {
  const q = request.url.indexOf('?');
  return q < 0 ? '' : request.url.slice(q + 1);
}

@Controller('fhir')
export class FhirController {
  private readonly sender: ResultSender;

  constructor(
    private readonly config: IgnisConfig,
    private readonly store: ResourceStore,
    private readonly readInteraction: ReadInteraction,
    private readonly createInteraction: CreateInteraction,
    private readonly updateInteraction: UpdateInteraction,
    private readonly patchInteraction: PatchInteraction,
    private readonly deleteInteraction: DeleteInteraction,
    private readonly historyInteraction: HistoryInteraction,
    private readonly searchInteraction: SearchInteraction,
    private readonly validateOperation: ValidateOperation,
    private readonly bundleInteraction: BundleInteraction,
    private readonly compartmentInteraction: CompartmentInteraction,
    private readonly reindexOperation: ReindexOperation,
  ) {
    this.sender = new ResultSender(config.baseUrl, loadR4Definitions().structureDefinitions);
  }

  private async run(req: FastifyRequest, reply: FastifyReply, work: (ctx: InteractionContext, p: Params) => Promise<InteractionResult>): Promise<void> {
    const ctx = interactionContext(req, this.store, this.config.baseUrl);
    this.sender.send(req, reply, await work(ctx, req.params as Params));
  }

  @Get()
  systemSearch(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx) => this.searchInteraction.system(ctx, queryPairs(req)));
  }

  @Post()
  bundle(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx) => this.bundleInteraction.execute(ctx, req.body));
  }

  @Post('$reindex')
  reindexSystem(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx) => this.reindexOperation.start(ctx));
  }

  @Get('_async/:id')
  jobStatus(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (_ctx, p) => this.reindexOperation.status(p.id));
  }

  @Delete('_async/:id')
  cancelJob(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (_ctx, p) => this.reindexOperation.cancel(p.id));
  }

  @Get('_history')
  systemHistory(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx) => this.historyInteraction.execute(ctx, queryPairs(req)));
  }

  @Get(':type')
  search(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.searchInteraction.execute(ctx, p.type, queryPairs(req)));
  }

  @Post(':type/_search')
  searchByPost(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const form = req.body instanceof URLSearchParams ? [...req.body] : [];
    return this.run(req, reply, (ctx, p) => this.searchInteraction.execute(ctx, p.type, [...queryPairs(req), ...form]));
  }

  @Post(':type')
  create(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.createInteraction.execute(ctx, p.type, req.body));
  }

  @Put(':type')
  conditionalUpdate(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.updateInteraction.conditional(ctx, p.type, criteria(req), req.body));
  }

  @Patch(':type')
  conditionalPatch(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.patchInteraction.conditional(ctx, p.type, criteria(req), patchBody(req.headers['content-type'], req.body)));
  }

  @Delete(':type')
  conditionalDelete(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.deleteInteraction.conditional(ctx, p.type, criteria(req)));
  }

  @Get(':type/_history')
  typeHistory(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.historyInteraction.execute(ctx, queryPairs(req), p.type));
  }

  @Post(':type/$validate')
  validateType(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.validateOperation.execute(ctx, p.type, req.body));
  }

  @Post(':type/$reindex')
  reindexType(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.reindexOperation.start(ctx, p.type));
  }

  @Get(':type/:id')
  read(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.readInteraction.read(ctx, p.type, p.id));
  }

  @Put(':type/:id')
  update(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.updateInteraction.execute(ctx, p.type, p.id, req.body));
  }

  @Patch(':type/:id')
  patch(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.patchInteraction.execute(ctx, p.type, p.id, patchBody(req.headers['content-type'], req.body)));
  }

  @Delete(':type/:id')
  delete(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.deleteInteraction.execute(ctx, p.type, p.id));
  }

  @Post(':type/:id/$validate')
  validateInstance(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.validateOperation.execute(ctx, p.type, req.body, p.id));
  }

  @Post(':type/:id/$reindex')
  reindexInstance(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.reindexOperation.instance(ctx, p.type, p.id));
  }

  @Get(':type/:id/_history')
  instanceHistory(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.historyInteraction.execute(ctx, queryPairs(req), p.type, p.id));
  }

  @Get('Patient/:id/$everything')
  everything(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.compartmentInteraction.everything(ctx, p.id, queryPairs(req)));
  }

  @Get(':type/:id/:target')
  compartmentSearch(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.compartmentInteraction.execute(ctx, p.type, p.id, p.target, queryPairs(req)));
  }

  @Get(':type/:id/_history/:vid')
  vread(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.run(req, reply, (ctx, p) => this.readInteraction.vread(ctx, p.type, p.id, p.vid));
  }
}
