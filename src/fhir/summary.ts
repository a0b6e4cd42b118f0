// _summary and _elements: https://hl7.org/fhir/R4/search.html#summary, #elements
import type { ElementDefinition, Resource, StructureDefinition } from 'fhir/r4';
import { invalid } from './outcome';

export type SummaryMode = 'true' | 'text' | 'data' | 'false' | 'count';

const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' };
const ALWAYS = new Set(['resourceType', 'id', 'meta']);

interface TypeShape {
  /** Every element path, choice `[x]` stripped: resolves `valueQuantity` to `value`. */
  readonly all: Set<string>;
  /** Element paths (e.g. `Patient.contact.name`, choice `[x]` stripped) that are in the summary. */
  readonly summary: Set<string>;
  /** Top-level element names with min ≥ 1. */
  readonly mandatory: Set<string>;
}

const shapes = new Map<string, TypeShape>();

function shape(sd: StructureDefinition): TypeShape {
  let found = shapes.get(sd.type);
  if (!found) {
    const elements: ElementDefinition[] = sd.snapshot?.element ?? [];
    const strip = (path: string) => path.replace(/\[x\]$/, '');
    found = {
      all: new Set(elements.map((e) => strip(e.path))),
      summary: new Set(elements.filter((e) => e.isSummary).map((e) => strip(e.path))),
      mandatory: new Set(elements.filter((e) => (e.min ?? 0) > 0 && e.path.split('.').length === 2).map((e) => strip(e.path.split('.')[1]))),
    };
    shapes.set(sd.type, found);
  }
  return found;
}

/** The element a JSON key stands for: `valueQuantity` → `value` when `value[x]` is a choice. */
function elementName(key: string, path: string, all: Set<string>): string {
  const bare = key.startsWith('_') ? key.slice(1) : key;
  if (all.has(`${path}.${bare}`)) return bare;
  const m = /^([a-z][A-Za-z]*?)[A-Z]/.exec(bare);
  return m && all.has(`${path}.${m[1]}`) ? m[1] : bare;
}

/** Keeps summary elements, descending into backbone elements defined by the resource itself. */
function keepSummary(value: Record<string, unknown>, path: string, { all, summary }: Pick<TypeShape, 'all' | 'summary'>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const name = elementName(key, path, all);
    if (!summary.has(`${path}.${name}`) && !(path.indexOf('.') < 0 && ALWAYS.has(key))) continue;
    const childPath = `${path}.${name}`;
    const nested = [...summary].some((p) => p.startsWith(`${childPath}.`));
    const descend = (v: unknown) => (nested && typeof v === 'object' && v !== null ? keepSummary(v as Record<string, unknown>, childPath, { all, summary }) : v);
    out[key] = Array.isArray(child) ? child.map(descend) : descend(child);
  }
  return out;
}

function markSubsetted(resource: Record<string, unknown>): Resource {
  const meta = (resource.meta ?? {}) as { tag?: unknown[] };
  return { ...resource, meta: { ...meta, tag: [...(meta.tag ?? []), SUBSETTED] } } as Resource;
}

export function parseSummary(value: string): SummaryMode {
  if (['true', 'text', 'data', 'false', 'count'].includes(value)) return value as SummaryMode;
  throw invalid(`_summary must be true, text, data, count or false, not '${value.slice(0, 20)}'`, '_summary');
}

/** Applies `_summary` (mode) and `_elements` (names) to one resource, per the base StructureDefinition. */
export function subset(resource: Resource, sd: StructureDefinition | undefined, mode: SummaryMode | undefined, elements: string[] | undefined): Resource {
  if (!sd || ((mode === undefined || mode === 'false') && !elements)) return resource;
  const typeShape = shape(sd);
  const { all, mandatory } = typeShape;
  const json = resource as unknown as Record<string, unknown>;
  const keepTop = (names: Set<string>) => Object.fromEntries(Object.entries(json).filter(([k]) => ALWAYS.has(k) || names.has(elementName(k, sd.type, all))));
  if (elements) return markSubsetted(keepTop(new Set([...elements, ...mandatory])));
  if (mode === 'text') return markSubsetted(keepTop(new Set(['text', ...mandatory])));
  if (mode === 'data') return markSubsetted(Object.fromEntries(Object.entries(json).filter(([k]) => k !== 'text')));
  return markSubsetted(keepSummary(json, sd.type, typeShape));
}
