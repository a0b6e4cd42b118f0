// search: https://hl7.org/fhir/R4/http.html#search and search.html (results, paging, _include, _revinclude)
import { Injectable } from '@nestjs/common';
import type { BundleLink } from 'fhir/r4';
import { IgnisConfig } from '../config/ignis-config';
import { bundleJson, entryJson, outcomeEntryJson, resourceUrl } from '../fhir/bundle';
import { invalid, outcome } from '../fhir/outcome';
import { encodeCursor } from '../search/cursor';
import { loadR4Definitions } from '../fhir/definitions/r4';
import { parseSearch, parseSearchAcross, type ParsedSearch, type SearchOptions } from '../search/parse-search';
import { SearchParameterRegistry } from '../search/search-parameters';
import type { IncludeSpec, SearchRequest } from '../search/search-request';
import type { InteractionContext, InteractionResult } from './interaction-context';
import { ResourceGuard } from './resource-guard';
import type { StoredVersion } from './resource-store';

/** `:iterate` follows what was included this many rounds at most. */
const MAX_ITERATIONS = 3;
const key = (v: StoredVersion) => `${v.resourceType}/${v.id}`;

@Injectable()
export class SearchInteraction {
  constructor(
    private readonly guard: ResourceGuard,
    private readonly registry: SearchParameterRegistry,
    private readonly config: IgnisConfig,
  ) {}

  options(strict: boolean): SearchOptions {
    return { strict, defaultCount: this.config.DEFAULT_PAGE_SIZE, maxCount: this.config.MAX_PAGE_SIZE };
  }

  parse(type: string, query: [string, string][], strict: boolean): ParsedSearch {
    this.guard.assertType(type);
    return parseSearch(type, query, this.registry, this.options(strict));
  }

  /**
   * Up to two matches of conditional criteria (If-None-Exist, conditional update/delete). Unknown
   * parameters are errors here whatever Prefer says: ignoring one would widen the match.
   */
  async matches(ctx: InteractionContext, type: string, criteria: string): Promise<StoredVersion[]> {
    this.guard.assertType(type);
    const query = [...new URLSearchParams(criteria.replace(/^\?/, ''))];
    if (query.length === 0) throw invalid('A conditional interaction needs search criteria in the query string');
    const { request } = this.parse(type, query, true);
    return (await ctx.store.search({ ...request, count: 2, cursor: undefined, total: 'none', include: [] })).matches;
  }

  /** Every resource of a search, page after page (for server-side use, e.g. loading stored profiles). */
  async *all(ctx: InteractionContext, request: SearchRequest): AsyncGenerator<StoredVersion> {
    let cursor = request.cursor;
    do {
      const page = await ctx.store.search({ ...request, cursor });
      yield* page.matches;
      cursor = page.next;
    } while (cursor);
  }

  async execute(ctx: InteractionContext, type: string, query: [string, string][]): Promise<InteractionResult> {
    return this.respond(ctx, this.parse(type, query, ctx.prefer.handling === 'strict'), query, `${ctx.baseUrl}/${type}`);
  }

  /** System search (`GET [base]?_type=A,B&…`, http.html#search): `_type` absent means every type. */
  async system(ctx: InteractionContext, query: [string, string][]): Promise<InteractionResult> {
    const named = query.filter(([k]) => k === '_type').flatMap(([, v]) => v.split(',').map((t) => t.trim()));
    named.forEach((t) => this.guard.assertType(t));
    const types = named.length ? named : loadR4Definitions().resourceTypes;
    const parsed = parseSearchAcross(types, query.filter(([k]) => k !== '_type'), this.registry, this.options(ctx.prefer.handling === 'strict'));
    const kept: [string, string][] = named.length ? [['_type', named.join(',')], ...parsed.applied] : parsed.applied;
    return this.respond(ctx, { ...parsed, applied: kept }, query, ctx.baseUrl);
  }

  /** Runs a parsed search and answers the searchset Bundle: matches, includes, links, ignored parameters. */
  async respond(ctx: InteractionContext, parsed: ParsedSearch, query: [string, string][], base: string, extra: StoredVersion[] = []): Promise<InteractionResult> {
    const countOnly = query.some(([k, v]) => k === '_summary' && v === 'count');
    const request: SearchRequest = countOnly ? { ...parsed.request, count: 0, total: 'accurate', include: [] } : parsed.request;
    const page = await ctx.store.search(request);
    const seen = new Set<string>();
    const included = [...extra, ...(await this.included(ctx, [...extra, ...page.matches], request.include))].filter((v) => !seen.has(key(v)) && seen.add(key(v)));
    const url = (cursor?: string) => `${base}?${new URLSearchParams([...parsed.applied, ...(cursor ? [['_cursor', cursor] as [string, string]] : [])]).toString()}`;
    const link: BundleLink[] = [{ relation: 'self', url: url(query.find(([k]) => k === '_cursor')?.[1]) }];
    if (page.next && !countOnly) link.push({ relation: 'next', url: url(encodeCursor(page.next)) });
    if (page.previous && !countOnly) link.push({ relation: 'previous', url: url(encodeCursor(page.previous)) });
    const entry = (v: StoredVersion, mode: 'match' | 'include') => entryJson(resourceUrl(ctx.baseUrl, v.resourceType, v.id), v.json, { search: { mode } });
    const entries = [...page.matches.map((v) => entry(v, 'match')), ...included.map((v) => entry(v, 'include'))];
    if (parsed.ignored.length > 0) entries.push(outcomeEntryJson(outcome(parsed.ignored)));
    return { status: 200, json: bundleJson({ type: 'searchset', total: page.total, link }, entries) };
  }

  /** _include/_revinclude, then the `:iterate` ones again on what they brought, without repeats. */
  private async included(ctx: InteractionContext, matches: StoredVersion[], specs: readonly IncludeSpec[]): Promise<StoredVersion[]> {
    if (specs.length === 0 || matches.length === 0) return [];
    const seen = new Set(matches.map(key));
    const found: StoredVersion[] = [];
    let frontier = matches;
    let round = specs;
    for (let i = 0; i <= MAX_ITERATIONS && frontier.length > 0 && round.length > 0; i++) {
      const fresh = (await ctx.store.include(frontier, round)).filter((v) => !seen.has(key(v)));
      fresh.forEach((v) => seen.add(key(v)));
      found.push(...fresh);
      frontier = fresh;
      round = specs.filter((s) => s.iterate);
    }
    return found;
  }
}
