// Custom search parameters (search/custom-parameters.ts) from fhir-profiles/SearchParameter and from SearchParameter
// resources stored on the server: registered at start-up, on each write here, and every few seconds from the
// history (so that every worker process learns of writes made by another, and of $reindex jobs completed there).
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchParameter } from 'fhir/r4';
import { projectPath } from '../conformance/project-path';
import { definitionHash, searchParameterIssues } from '../search/custom-parameters';
import { SearchParameterRegistry } from '../search/search-parameters';
import { ReindexStore } from './reindex-store';
import { ResourceEvents } from './resource-events';
import type { HistoryCursor } from './resource-store';
import { ResourceStore } from './resource-store';

/** How often each process looks for definitions and completed $reindex jobs of other processes. */
export const DEFINITIONS_REFRESH_MS = 2_000;
/** Writes commit a little after their lastUpdated: each look goes back this far, and skips versions it has seen. */
const COMMIT_SLACK_MS = 30_000;
const PAGE = 200;

@Injectable()
export class SearchParameterSync implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SearchParameterSync.name);
  /** Stored SearchParameters by id: the version applied and its definition. */
  private readonly applied = new Map<string, { versionId: number; definition?: SearchParameter }>();
  private since?: Date;
  private timer?: NodeJS.Timeout;
  /** The refresh under way, which shutdown waits for before the pool closes. */
  private running?: Promise<void>;

  constructor(
    private readonly registry: SearchParameterRegistry,
    private readonly store: ResourceStore,
    private readonly jobs: ReindexStore,
    events: ResourceEvents,
  ) {
    events.onWritten((version, resource) => {
      if (version.resourceType === 'SearchParameter') this.apply(version.id, version.versionId, resource as SearchParameter | null);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.loadFolder(projectPath('fhir-profiles', 'SearchParameter'));
    await this.refresh();
    this.timer = setInterval(() => {
      this.running ??= this.refresh()
        .catch((error: Error) => this.logger.warn(`Refreshing search parameters failed: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, DEFINITIONS_REFRESH_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private loadFolder(folder: string): void {
    const files = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.json')).sort() : [];
    for (const file of files) {
      const sp = JSON.parse(readFileSync(join(folder, file), 'utf8')) as SearchParameter;
      const problems = searchParameterIssues(sp, this.registry);
      if (problems.length) throw new Error(`Invalid search parameter ${join(folder, file)}: ${problems.map((p) => p.diagnostics).join('; ')}`);
      this.registry.add(sp, { hash: definitionHash(sp), pending: true });
    }
  }

  /** Applies SearchParameter versions written since the last look (newest per id wins), then completed $reindex jobs. */
  private async refresh(): Promise<void> {
    const started = new Date();
    const newest = new Map<string, { versionId: number; json: string | null }>();
    const since = this.since && new Date(this.since.getTime() - COMMIT_SLACK_MS);
    let before: HistoryCursor | undefined;
    do {
      const page = await this.store.history({ resourceType: 'SearchParameter', since, count: PAGE, before });
      for (const v of page.versions) if (!newest.has(v.id)) newest.set(v.id, { versionId: v.versionId, json: v.json });
      before = page.next;
    } while (before);
    for (const [id, v] of newest) this.apply(id, v.versionId, v.json === null ? null : (JSON.parse(v.json) as SearchParameter));
    this.registry.markIndexed(await this.jobs.indexedParameters());
    this.since = started;
  }

  private apply(id: string, versionId: number, sp: SearchParameter | null): void {
    const previous = this.applied.get(id);
    if (previous && previous.versionId >= versionId) return;
    if (previous?.definition) this.registry.remove(previous.definition);
    const usable = sp && sp.status !== 'retired' && searchParameterIssues(sp, this.registry).length === 0;
    if (usable) this.registry.add(sp, { hash: definitionHash(sp), pending: true });
    this.applied.set(id, { versionId, definition: usable ? sp : undefined });
  }
}
