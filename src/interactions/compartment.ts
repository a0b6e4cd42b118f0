// Compartment search (https://hl7.org/fhir/R4/http.html#vsearch, compartmentdefinition.html) and
// Patient/$everything (https://hl7.org/fhir/R4/patient-operation-everything.html).
import { Injectable } from '@nestjs/common';
import { compartments, type Compartment } from '../fhir/definitions/compartments';
import { invalid, notFound, notSupported } from '../fhir/outcome';
import { parseSearchAcross, unapplied, type ParsedSearch } from '../search/parse-search';
import { SearchParameterRegistry } from '../search/search-parameters';
import type { CompartmentCriterion, IncludeSpec } from '../search/search-request';
import type { InteractionContext, InteractionResult } from './interaction-context';
import { ReadInteraction } from './read';
import { SearchInteraction } from './search';

/** $everything also returns what the compartment's resources refer to of these types. */
const EVERYTHING_REFERENCED = ['Medication', 'Practitioner', 'Organization', 'Location'];
/** What $everything takes (patient-operation-everything.html: _since, _type, _count), besides paging and how results are shaped. */
const EVERYTHING_PARAMETERS: ReadonlySet<string> = new Set(['_since', '_type', '_count', '_cursor', '_format', '_pretty', '_summary', '_elements']);

@Injectable()
export class CompartmentInteraction {
  constructor(
    private readonly search: SearchInteraction,
    private readonly read: ReadInteraction,
    private readonly registry: SearchParameterRegistry,
  ) {}

  private async compartment(ctx: InteractionContext, code: string, id: string): Promise<Compartment> {
    const compartment = compartments().get(code);
    if (!compartment) throw notSupported(`${code} has no compartment; the compartments are ${[...compartments().keys()].sort().join(', ')}`, 404);
    await this.read.current(ctx, code, id);
    return compartment;
  }

  private criterion(compartment: Compartment, id: string, types: readonly string[]): CompartmentCriterion {
    return { kind: 'compartment', compartment: compartment.code, id, links: new Map(types.map((t) => [t, compartment.members.get(t) as readonly string[]])) };
  }

  /** `GET [base]/Patient/[id]/[type]?…`, and `…/*` for every type of the compartment. */
  async execute(ctx: InteractionContext, code: string, id: string, target: string, query: [string, string][]): Promise<InteractionResult> {
    const compartment = await this.compartment(ctx, code, id);
    const strict = ctx.prefer.handling === 'strict';
    const types = target === '*' ? [...compartment.members.keys()] : [target];
    if (target !== '*' && !compartment.members.has(target)) throw notFound(`${target} is not in the ${code} compartment`);
    const parsed: ParsedSearch = target === '*' ? parseSearchAcross(types, query, this.registry, this.search.options(strict)) : this.search.parse(target, query, strict);
    const request = { ...parsed.request, criteria: [...parsed.request.criteria, this.criterion(compartment, id, types)] };
    return this.search.respond(ctx, { ...parsed, request }, query, `${ctx.baseUrl}/${code}/${id}/${target}`);
  }

  /**
   * The patient, every resource of its compartment, and the Medications, Practitioners, Organizations, Locations they
   * name. `_type` keeps some of those types (each must be one of them: 400 otherwise); other parameters (`start` and
   * `end` among them) are not taken: 400 with `Prefer: handling=strict`, else reported and ignored, as in a search.
   */
  async everything(ctx: InteractionContext, id: string, query: [string, string][]): Promise<InteractionResult> {
    const compartment = await this.compartment(ctx, 'Patient', id);
    const wanted = query.filter(([k]) => k === '_type').flatMap(([, v]) => v.split(',').map((t) => t.trim()));
    for (const type of wanted) {
      if (type !== 'Patient' && !compartment.members.has(type) && !EVERYTHING_REFERENCED.includes(type)) {
        throw invalid(`_type '${type.slice(0, 80)}' is not a type $everything returns (the Patient compartment's, and ${EVERYTHING_REFERENCED.join(', ')})`, '_type');
      }
    }
    const strict = ctx.prefer.handling === 'strict';
    const ignored = query.filter(([k]) => !EVERYTHING_PARAMETERS.has(k)).map(([k]) => unapplied(k, `$everything does not take '${k.slice(0, 80)}' (it takes _since, _type and _count)`, strict));
    const types = [...compartment.members.keys()].filter((t) => !wanted.length || wanted.includes(t));
    const since = query.find(([k]) => k === '_since')?.[1];
    const selecting: [string, string][] = [...query.filter(([k]) => k === '_count' || k === '_cursor'), ...(since ? [['_lastUpdated', `ge${since}`] as [string, string]] : [])];
    const parsed = parseSearchAcross(types, selecting, this.registry, this.search.options(false));
    const request = { ...parsed.request, criteria: [...parsed.request.criteria, this.criterion(compartment, id, types)] };
    const referenced: IncludeSpec[] = EVERYTHING_REFERENCED.filter((t) => !wanted.length || wanted.includes(t)).map((targetType) => ({ reverse: false, sourceType: '*', targetType, iterate: false }));
    const firstPage = !query.some(([k]) => k === '_cursor');
    const patient = firstPage && (!wanted.length || wanted.includes('Patient')) ? [await this.read.current(ctx, 'Patient', id)] : [];
    const applied: [string, string][] = query.filter(([k]) => ['_count', '_since', '_type'].includes(k));
    return this.search.respond(ctx, { ...parsed, applied, ignored: [...parsed.ignored, ...ignored], request: { ...request, include: referenced } }, query, `${ctx.baseUrl}/Patient/${id}/$everything`, patient);
  }
}
