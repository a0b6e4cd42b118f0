// The search bench's population: the Synthea patient Bundles of ../shared/data/synthea, copied N times as distinct
// people. Each copy is the same clinical history (codes, dates, values untouched) of a different person: new uuids
// (fullUrls, references, the identifiers that carry them), Patient identifiers and family names with the copy's
// number, so searches by name or identifier stay as selective as on one copy while code searches grow N times.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SourceBundle {
  readonly file: string;
  readonly text: string;
  readonly entries: number;
  /** The uuids of the Bundle's own `urn:uuid:` fullUrls: only these are rewritten per copy. */
  readonly uuids: ReadonlySet<string>;
  /** Patient.name.family values and Patient identifier values that are not one of `uuids`. */
  readonly families: readonly string[];
  readonly identifiers: readonly string[];
  /** The Patient's Synthea identifier (`SYNTHEA_SYSTEM|uuid`, a fullUrl uuid): how a loaded copy is recognised. */
  readonly patientKey: string | undefined;
}

export interface Synthea {
  /** The `0-*` batch Bundles (Organizations, Locations, Practitioners): loaded once, shared by every copy. */
  readonly shared: readonly SourceBundle[];
  readonly patients: readonly SourceBundle[];
  /** Resources in one copy of the patient Bundles. */
  readonly perCopy: number;
  readonly sharedResources: number;
  /** SHA-256 over the files' names and bytes: a kept database loaded from other files is not re-used. */
  readonly digest: string;
}

/** Goes into the digest: change it whenever copyBundle changes, so a database loaded the old way is not re-used. */
const GENERATION = 'search-bench-copies-v1';

export const SYNTHEA_SYSTEM = 'https://github.com/synthetichealth/synthea';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

interface Entry {
  fullUrl?: string;
  resource?: { resourceType?: string; name?: { family?: string }[]; identifier?: { system?: string; value?: string }[] };
}

function source(dir: string, file: string): SourceBundle {
  const text = readFileSync(join(dir, file), 'utf8');
  const entry = (JSON.parse(text) as { entry?: Entry[] }).entry ?? [];
  const uuids = new Set(entry.flatMap((e) => (e.fullUrl?.startsWith('urn:uuid:') ? [e.fullUrl.slice(9)] : [])));
  const patients = entry.map((e) => e.resource).filter((r) => r?.resourceType === 'Patient');
  const families = [...new Set(patients.flatMap((p) => (p?.name ?? []).flatMap((n) => (n.family ? [n.family] : []))))];
  const identifiers = [...new Set(patients.flatMap((p) => (p?.identifier ?? []).flatMap((i) => (i.value && !uuids.has(i.value) ? [i.value] : []))))];
  const patientKey = patients[0]?.identifier?.find((i) => i.system === SYNTHEA_SYSTEM && i.value && uuids.has(i.value))?.value;
  return { file, text, entries: entry.length, uuids, families, identifiers, patientKey };
}

export function readSynthea(dir: string): Synthea {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const all = files.map((f) => source(dir, f));
  const hash = createHash('sha256').update(GENERATION);
  for (const b of all) hash.update(b.file).update(b.text);
  const shared = all.filter((b) => b.file.startsWith('0-'));
  const patients = all.filter((b) => !b.file.startsWith('0-'));
  const sum = (list: readonly SourceBundle[]) => list.reduce((n, b) => n + b.entries, 0);
  return { shared, patients, perCopy: sum(patients), sharedResources: sum(shared), digest: hash.digest('hex').slice(0, 16) };
}

/** A uuid of its own per (copy, uuid), the same on every run; shaped as a version-5 uuid. */
export function copyUuid(copy: number, uuid: string): string {
  const h = createHash('sha1').update(`ignis-search-bench:${copy}:${uuid}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `c07`: fixed width, so that the starts-with match of `name=Medhurst46c07` does not also find copy 070. */
export const copySuffix = (copy: number, copies: number): string => `c${String(copy).padStart(Math.max(2, String(copies - 1).length), '0')}`;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Copy `copy` of a patient Bundle, as JSON text. Works on the text (no parse and re-serialise of 78 MB per copy):
 * the Bundle's own uuids become this copy's, and the Patient's `"family": "X"` and identifier `"value": "X"`
 * fields get the copy's suffix. Conditional references to the shared Organizations and Practitioners keep their
 * (foreign) identifiers, so they still resolve to exactly one resource.
 */
export function copyBundle(bundle: SourceBundle, copy: number, copies: number): string {
  const suffix = copySuffix(copy, copies);
  let text = bundle.text.replace(UUID, (u) => (bundle.uuids.has(u) ? copyUuid(copy, u) : u));
  const fields: [string, readonly string[], string][] = [
    ['family', bundle.families, suffix],
    ['value', bundle.identifiers, `-${suffix}`],
  ];
  for (const [field, values, add] of fields) {
    if (values.length === 0) continue;
    const pattern = new RegExp(`("${field}"\\s*:\\s*")(${values.map(escapeRegExp).join('|')})"`, 'g');
    text = text.replace(pattern, (_, head: string, value: string) => `${head}${value}${add}"`);
  }
  return text;
}
