// $reindex: rebuilds resources' search index rows with the parameters the server has now, so that custom
// SearchParameters (search/custom-parameters.ts) become searchable. System and type level run as background jobs
// (the asynchronous request pattern, https://hl7.org/fhir/R4/async.html): 202 with a Content-Location to poll for
// progress; instance level runs at once. Each batch rewrites its resources' rows in one statement, so searches see
// a resource's old rows or its new ones, never a mix; a parameter is offered to searches only once its job completed.
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Parameters, ParametersParameter } from 'fhir/r4';
import { IgnisConfig } from '../config/ignis-config';
import { conflict, FhirError, information, issue, notFound, outcome } from '../fhir/outcome';
import { SearchParameterRegistry } from '../search/search-parameters';
import type { InteractionContext, InteractionResult } from './interaction-context';
import { ReindexJob, ReindexStore } from './reindex-store';
import { ResourceGuard } from './resource-guard';
import { DEFINITIONS_REFRESH_MS } from './search-parameter-sync';

/** Resources per statement: large enough to amortise a statement, small enough to keep each lock short. */
const BATCH = 500;
/** A job whose process sent no heartbeat for this long is taken over by another (it died, or was stopped). */
const STALE_MS = 60_000;

const asParameters = (job: ReindexJob): Parameters => {
  const parameter: ParametersParameter[] = [
    { name: 'job', valueString: job.id },
    { name: 'status', valueCode: job.status },
    ...(job.resourceType ? [{ name: 'type', valueCode: job.resourceType }] : []),
    { name: 'total', valueInteger: job.total },
    { name: 'processed', valueInteger: job.processed },
    { name: 'created', valueInstant: job.createdAt.toISOString() },
    ...(job.finishedAt ? [{ name: 'finished', valueInstant: job.finishedAt.toISOString() }] : []),
    ...job.parameters.map((p) => ({ name: 'parameter', valueString: `${p.resourceType}.${p.code}` })),
  ];
  return { resourceType: 'Parameters', parameter };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

@Injectable()
export class ReindexOperation implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReindexOperation.name);
  /** With several workers, a job waits until every one has learnt the latest definitions, so all index them. */
  private readonly settleMs: number;
  private loop?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly jobs: ReindexStore,
    private readonly registry: SearchParameterRegistry,
    private readonly guard: ResourceGuard,
    config: IgnisConfig,
  ) {
    this.settleMs = config.WORKERS > 1 ? 2 * DEFINITIONS_REFRESH_MS : 0;
  }

  onApplicationBootstrap(): void {
    // Picks up queued jobs, and those a stopped process left running.
    this.timer = setInterval(() => this.wake(), STALE_MS / 4);
    this.timer.unref();
    this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.loop;
  }

  /** `POST [base]/$reindex` or `[base]/Type/$reindex`: queues a job over every current resource (of the type). */
  async start(ctx: InteractionContext, type?: string): Promise<InteractionResult> {
    if (type !== undefined) this.guard.assertType(type);
    const job = await this.jobs.create(type, this.registry.custom(type ? [type] : undefined));
    this.wake();
    const body = information(`Reindex job ${job.id} queued: ${job.total} resources. Poll the Content-Location for progress.`);
    return { status: 202, body, headers: { 'content-location': `${ctx.baseUrl}/_async/${job.id}` } };
  }

  /** `GET [base]/_async/{job}`: 202 with X-Progress while it runs, 200 once it ended, 500 if it failed. */
  async status(id: string): Promise<InteractionResult> {
    const job = await this.job(id);
    if (job.status === 'failed') throw new FhirError(500, [issue('exception', `Reindex job ${job.id} failed: ${job.error ?? 'unknown error'}`)]);
    const ongoing = job.status === 'queued' || job.status === 'running';
    const headers: Record<string, string> = ongoing ? { 'x-progress': `${job.status}: ${job.processed} of ${job.total} resources` } : {};
    return { status: ongoing ? 202 : 200, body: asParameters(job), headers };
  }

  /** `DELETE [base]/_async/{job}`: cancels a job that has not ended (the rows it rewrote stay rewritten). */
  async cancel(id: string): Promise<InteractionResult> {
    const job = await this.job(id);
    if (!(await this.jobs.cancel(job.id))) throw conflict(`Reindex job ${job.id} has already ended (${job.status})`);
    return { status: 202, body: information(`Reindex job ${job.id} cancelled after ${job.processed} of ${job.total} resources`) };
  }

  /** `POST [base]/Type/id/$reindex`: rewrites one resource's index rows now. */
  async instance(ctx: InteractionContext, type: string, id: string): Promise<InteractionResult> {
    this.guard.assertTypeAndId(type, id);
    if (!(await this.jobs.reindexOne(type, id))) throw notFound(`${type}/${id} is not a current resource`);
    return { status: 200, body: outcome([issue('informational', `${type}/${id} reindexed`, undefined, 'information')]) };
  }

  private async job(id: string): Promise<ReindexJob> {
    const job = await this.jobs.get(id);
    if (!job) throw notFound(`No reindex job '${id.slice(0, 40)}'`);
    return job;
  }

  private wake(): void {
    if (this.loop || this.stopped) return;
    this.loop = this.drain()
      .catch((error: Error) => this.logger.warn(`Reindex jobs paused: ${error.message}`))
      .finally(() => (this.loop = undefined));
  }

  private async drain(): Promise<void> {
    for (let job = await this.jobs.claim(STALE_MS); job && !this.stopped; job = await this.jobs.claim(STALE_MS)) await this.run(job);
  }

  private async run(job: ReindexJob): Promise<void> {
    await sleep(Math.max(0, job.createdAt.getTime() + this.settleMs - Date.now()));
    let { processed, lastRid } = job;
    try {
      while (!this.stopped) {
        const batch = await this.jobs.reindexAfter(job.resourceType, lastRid, BATCH);
        if (batch.read === 0) {
          await this.jobs.finish(job.id, 'completed');
          this.registry.markIndexed(job.parameters);
          this.logger.log(`Reindex job ${job.id} completed: ${processed} resources`);
          return;
        }
        processed += batch.read;
        lastRid = batch.lastRid;
        if ((await this.jobs.progress(job.id, processed, lastRid)) !== 'running') return;
      }
    } catch (error) {
      // Stopping mid-batch leaves the job running: its heartbeat goes stale and a process takes it over.
      if (this.stopped) return;
      this.logger.error(`Reindex job ${job.id} failed: ${(error as Error).message}`);
      await this.jobs.finish(job.id, 'failed', (error as Error).message);
    }
  }
}
