// transaction: https://hl7.org/fhir/R4/http.html#transaction — all or nothing, in one database transaction,
// processed DELETE, POST, PUT/PATCH, GET/HEAD (http.html#trules), with fullUrl placeholders resolved.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Bundle, BundleEntry, Resource } from 'fhir/r4';
import { bundleJson } from '../../fhir/bundle';
import type { EntryTarget } from '../../fhir/entry-url';
import { FhirError, invalid, issue, preconditionFailed } from '../../fhir/outcome';
import { rewriteReferences } from '../../fhir/references';
import { CreateInteraction, normalizeCriteria } from '../create';
import type { InteractionContext, InteractionResult } from '../interaction-context';
import { ResourceGuard } from '../resource-guard';
import type { NewResource } from '../write-version';
import { SearchInteraction } from '../search';
import { EntryDispatch, entryContext, entryTarget } from './entry-dispatch';
import { responseEntry } from './entry-response';

interface Planned {
  readonly index: number;
  readonly entry: BundleEntry;
  readonly method: string;
  target: EntryTarget;
  /** The id a POST entry will create (decided before any write, so references can point at it). */
  assignedId?: string;
  /** Set when a conditional create found its match: the entry answers 200 with it and writes nothing. */
  existing?: InteractionResult;
}

const PHASES = [['DELETE'], ['POST'], ['PUT', 'PATCH'], ['GET', 'HEAD']];
const PLACEHOLDER = /^urn:(uuid|oid):/;
const CONDITIONAL_REFERENCE = /^([A-Z][A-Za-z]+)\?(.+)$/;

/** An entry's error, re-aimed at the entry: its index and fullUrl lead, its expressions are rooted in the Bundle. */
function atEntry(error: unknown, p: Planned): unknown {
  if (!(error instanceof FhirError)) return error;
  const where = `Bundle.entry[${p.index}]`;
  const label = `Entry ${p.index}${p.entry.fullUrl ? ` (${p.entry.fullUrl})` : ''}`;
  return new FhirError(
    error.status,
    error.issues.map((i) => ({
      ...i,
      diagnostics: `${label}: ${i.diagnostics ?? ''}`,
      expression: i.expression?.map((e) => (e.startsWith('Bundle.') ? e : `${where}.resource.${e.replace(/^[A-Z][A-Za-z]+\./, '')}`)) ?? [where],
    })),
  );
}

@Injectable()
export class TransactionInteraction {
  constructor(
    private readonly dispatch: EntryDispatch,
    private readonly guard: ResourceGuard,
    private readonly search: SearchInteraction,
    private readonly create: CreateInteraction,
  ) {}

  async execute(ctx: InteractionContext, bundle: Bundle): Promise<InteractionResult> {
    const plans: Planned[] = (bundle.entry ?? []).map((entry, index) => ({ index, entry, ...entryTarget(ctx, entry, index) }));
    return ctx.store.transaction(async (store) => {
      const tx: InteractionContext = { ...ctx, store };
      const ids = new Map<string, string>();
      for (const p of plans) await this.step(p, () => this.identify(tx, p, ids));
      assertTouchedOnce(plans);
      for (const p of plans) if (p.entry.resource) await this.step(p, () => this.resolveReferences(tx, p.entry.resource as Resource, ids));
      const responses: string[] = [];
      for (const phase of PHASES) {
        const entries = plans.filter((x) => phase.includes(x.method));
        const results = phase.includes('POST') ? await this.createAll(tx, entries) : await this.runEach(tx, entries);
        entries.forEach((p, i) => (responses[p.index] = responseEntry(ctx, p.method, results[i])));
      }
      return { status: 200, json: bundleJson({ type: 'transaction-response', link: [] }, responses) };
    });
  }

  private async runEach(tx: InteractionContext, entries: Planned[]): Promise<InteractionResult[]> {
    const results: InteractionResult[] = [];
    for (const p of entries) results.push(await this.step(p, () => this.dispatch.run(entryContext(tx, p.entry), p.method, p.target, p.entry.resource, p.index)));
    return results;
  }

  /** POST entries: each validated on its own, then all created in one statement (ifNoneExist was settled by identify()). */
  private async createAll(tx: InteractionContext, entries: Planned[]): Promise<InteractionResult[]> {
    const fresh = entries.filter((p) => !p.existing && p.assignedId);
    const items: NewResource[] = [];
    for (const p of fresh) {
      const resource = await this.step(p, async () => this.create.prepare(p.target.type as string, p.entry.resource));
      items.push({ type: p.target.type as string, id: p.assignedId as string, resource });
    }
    const created = await this.create.createAll(tx, items);
    const operations = await this.runEach(tx, entries.filter((p) => !p.existing && !p.assignedId));
    return entries.map((p) => p.existing ?? (p.assignedId ? created[fresh.indexOf(p)] : operations.shift()) as InteractionResult);
  }

  private async step<T>(p: Planned, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw atEntry(error, p);
    }
  }

  /** Decides the id every created or conditionally updated entry will have, so references can point at it. */
  private async identify(tx: InteractionContext, p: Planned, ids: Map<string, string>): Promise<void> {
    const { type, id, query } = p.target;
    if (!type) return;
    let assigned = id;
    if (p.method === 'POST' && !p.target.operation) {
      this.guard.assertType(type);
      const ifNoneExist = p.entry.request?.ifNoneExist;
      if (ifNoneExist) await tx.store.lock(`create:${type}?${normalizeCriteria(ifNoneExist)}`);
      const matches = ifNoneExist ? await this.search.matches(tx, type, ifNoneExist) : [];
      if (matches.length > 1) throw preconditionFailed(`ifNoneExist '${ifNoneExist}' matches ${matches.length} ${type} resources`);
      assigned = matches[0]?.id ?? randomUUID();
      if (matches[0]) p.existing = { status: 200, version: matches[0] };
      else p.assignedId = assigned;
    } else if (p.method === 'PUT' && !id && query) {
      const matches = await this.search.matches(tx, type, query);
      if (matches.length > 1) throw preconditionFailed(`The criteria '${query}' match ${matches.length} ${type} resources`);
      assigned = matches[0]?.id ?? (p.entry.resource?.id as string | undefined) ?? randomUUID();
      p.target = { ...p.target, id: assigned, query: undefined };
      if (p.entry.resource && p.entry.resource.id === undefined) p.entry.resource = { ...p.entry.resource, id: assigned };
    }
    if (p.entry.fullUrl && assigned && (p.method === 'POST' || p.method === 'PUT')) ids.set(p.entry.fullUrl, `${type}/${assigned}`);
  }

  /** Placeholders become the ids decided above; conditional references must find exactly one resource. */
  private async resolveReferences(tx: InteractionContext, resource: Resource, ids: Map<string, string>): Promise<void> {
    const conditional = new Map<string, string | undefined>();
    rewriteReferences(resource as unknown as Record<string, unknown>, (value) => {
      if (CONDITIONAL_REFERENCE.test(value)) conditional.set(value, undefined);
      return undefined;
    });
    for (const reference of conditional.keys()) {
      const [, type, query] = CONDITIONAL_REFERENCE.exec(reference) as RegExpExecArray;
      const matches = await this.search.matches(tx, type, query);
      if (matches.length === 0) throw new FhirError(400, [issue('not-found', `The conditional reference '${reference}' matches no ${type}`)]);
      if (matches.length > 1) throw preconditionFailed(`The conditional reference '${reference}' matches ${matches.length} ${type} resources`);
      conditional.set(reference, `${type}/${matches[0].id}`);
    }
    rewriteReferences(resource as unknown as Record<string, unknown>, (value) => {
      const resolved = ids.get(value) ?? conditional.get(value);
      if (resolved === undefined && PLACEHOLDER.test(value)) throw invalid(`The reference '${value}' is not the fullUrl of any entry`);
      return resolved;
    });
  }
}

/** http.html#trules: a transaction must not touch the same resource twice. */
function assertTouchedOnce(plans: Planned[]): void {
  const seen = new Map<string, number>();
  for (const p of plans) {
    if (p.method === 'GET' || p.method === 'HEAD' || !p.target.type || !p.target.id) continue;
    const key = `${p.target.type}/${p.target.id}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new FhirError(400, [issue('invalid', `Entries ${first} and ${p.index} both change ${key}; a transaction may touch a resource once`, `Bundle.entry[${p.index}]`)]);
    }
    seen.set(key, p.index);
  }
}
