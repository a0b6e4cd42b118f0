// history: https://hl7.org/fhir/R4/http.html#history (instance, type and system level; _since, _at, _count)
import { Injectable } from '@nestjs/common';
import { IgnisConfig } from '../config/ignis-config';
import { bundleJson, entryJson, resourceUrl } from '../fhir/bundle';
import { parseDateRange } from '../fhir/date-range';
import { invalid, notFound } from '../fhir/outcome';
import { etag } from '../fhir/resource';
import type { InteractionContext, InteractionResult } from './interaction-context';
import { ResourceGuard } from './resource-guard';
import type { HistoryCursor, HistoryQuery, StoredVersion } from './resource-store';

const STATUS = { POST: '201 Created', PUT: '200 OK', PATCH: '200 OK', DELETE: '204 No Content' } as const;
const KNOWN = new Set(['_since', '_at', '_count', '_cursor', '_format', '_pretty', '_summary', '_elements']);

/** The cursor is opaque to clients: base64url of the keyset position. */
const encodeCursor = (c: HistoryCursor) => Buffer.from(JSON.stringify([c.lastUpdated, c.key])).toString('base64url');
function decodeCursor(value: string): HistoryCursor {
  try {
    const [lastUpdated, key] = JSON.parse(Buffer.from(value, 'base64url').toString()) as [string, string];
    if (typeof lastUpdated === 'string' && !Number.isNaN(Date.parse(lastUpdated)) && /^\d{1,18}\.\d{1,9}$/.test(key)) return { lastUpdated, key };
  } catch {
    // fall through to the error below
  }
  throw invalid('_cursor is not a cursor this server issued', '_cursor');
}

@Injectable()
export class HistoryInteraction {
  constructor(
    private readonly guard: ResourceGuard,
    private readonly config: IgnisConfig,
  ) {}

  async execute(ctx: InteractionContext, query: [string, string][], type?: string, id?: string): Promise<InteractionResult> {
    if (type !== undefined) this.guard.assertType(type);
    if (type !== undefined && id !== undefined) {
      this.guard.assertTypeAndId(type, id);
      if (!(await ctx.store.read(type, id))) throw notFound(`${type}/${id} is not known`);
    }
    const params = new Map<string, string>();
    for (const [name, value] of query) {
      if (!KNOWN.has(name)) {
        if (ctx.prefer.handling === 'strict') throw invalid(`Unknown history parameter '${name}'`, name);
        continue;
      }
      params.set(name, value);
    }
    const count = params.has('_count') ? Math.min(this.count(params.get('_count') as string), this.config.MAX_PAGE_SIZE) : this.config.DEFAULT_PAGE_SIZE;
    const since = params.has('_since') ? parseDateRange(params.get('_since') as string, '_since').start : undefined;
    const at = params.has('_at') ? parseDateRange(params.get('_at') as string, '_at') : undefined;
    const before = params.has('_cursor') ? decodeCursor(params.get('_cursor') as string) : undefined;
    const historyQuery: HistoryQuery = { resourceType: type, id, since, at, count, before };
    const page = await ctx.store.history(historyQuery);

    const path = [ctx.baseUrl, type, id, '_history'].filter(Boolean).join('/');
    const kept: [string, string][] = [...params].filter(([k]) => k !== '_cursor' && k !== '_format' && k !== '_pretty');
    const self = `${path}${kept.length || before ? '?' : ''}${new URLSearchParams([...kept, ...(before ? [['_cursor', encodeCursor(before)] as [string, string]] : [])]).toString()}`;
    const link = [{ relation: 'self', url: self }];
    if (page.next) link.push({ relation: 'next', url: `${path}?${new URLSearchParams([...kept, ['_cursor', encodeCursor(page.next)] as [string, string]]).toString()}` });
    return { status: 200, json: bundleJson({ type: 'history', link }, page.versions.map((v) => this.entry(ctx, v))) };
  }

  private count(value: string): number {
    if (!/^\d{1,9}$/.test(value)) throw invalid(`_count must be a non-negative integer, not '${value.slice(0, 20)}'`, '_count');
    return Number(value);
  }

  private entry(ctx: InteractionContext, v: StoredVersion): string {
    const method = v.method ?? 'PUT';
    const url = method === 'POST' ? v.resourceType : `${v.resourceType}/${v.id}`;
    return entryJson(resourceUrl(ctx.baseUrl, v.resourceType, v.id), v.json, {
      request: { method, url },
      response: { status: STATUS[method], etag: etag(v.versionId), lastModified: v.lastUpdated.toISOString() },
    });
  }
}
