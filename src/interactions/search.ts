// search: https://hl7.org/fhir/R4/http.html#search and search.html
import { Injectable } from '@nestjs/common';
import { IgnisConfig } from '../config/ignis-config';
import { bundleJson, entryJson, outcomeEntryJson, resourceUrl } from '../fhir/bundle';
import { invalid, outcome } from '../fhir/outcome';
import { parseSearch, type ParsedSearch } from '../search/parse-search';
import { SearchParameterRegistry } from '../search/search-parameters';
import type { InteractionContext, InteractionResult } from './interaction-context';
import { ResourceGuard } from './resource-guard';
import type { StoredVersion } from './resource-store';

const toQuery = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();

@Injectable()
export class SearchInteraction {
  constructor(
    private readonly guard: ResourceGuard,
    private readonly registry: SearchParameterRegistry,
    private readonly config: IgnisConfig,
  ) {}

  private parse(ctx: InteractionContext, type: string, query: [string, string][], strict: boolean): ParsedSearch {
    this.guard.assertType(type);
    return parseSearch(type, query, this.registry, { strict, defaultCount: this.config.DEFAULT_PAGE_SIZE, maxCount: this.config.MAX_PAGE_SIZE });
  }

  /**
   * Up to two matches of conditional criteria (If-None-Exist, conditional update/delete). Unknown
   * parameters are errors here whatever Prefer says: ignoring one would widen the match.
   */
  async matches(ctx: InteractionContext, type: string, criteria: string): Promise<StoredVersion[]> {
    this.guard.assertType(type);
    const query = [...new URLSearchParams(criteria.replace(/^\?/, ''))];
    if (query.length === 0) throw invalid('A conditional interaction needs search criteria in the query string');
    const { request } = this.parse(ctx, type, query, true);
    return (await ctx.store.search({ ...request, count: 2, offset: 0, total: 'none' })).matches;
  }

  async execute(ctx: InteractionContext, type: string, query: [string, string][]): Promise<InteractionResult> {
    const { request, ignored, applied } = this.parse(ctx, type, query, ctx.prefer.handling === 'strict');
    const { offset } = request;
    const page = await ctx.store.search({ ...request, count: request.count + 1 });
    const hits = page.matches.slice(0, request.count);
    const self = `${ctx.baseUrl}/${type}?${toQuery(applied)}`;
    const link = [{ relation: 'self', url: offset ? `${self}&_offset=${offset}` : self }];
    if (page.matches.length > request.count) link.push({ relation: 'next', url: `${self}&_offset=${offset + request.count}` });
    const entries = hits.map((v) => entryJson(resourceUrl(ctx.baseUrl, v.resourceType, v.id), v.json, { search: { mode: 'match' } }));
    if (ignored.length > 0) entries.push(outcomeEntryJson(outcome(ignored)));
    return { status: 200, json: bundleJson({ type: 'searchset', total: page.total, link }, entries) };
  }
}
