// Bundles the server builds: https://hl7.org/fhir/R4/bundle.html
// Stored resources are already JSON text, so entries are composed as text: no parse and re-serialise per entry.
import type { BundleLink, OperationOutcome } from 'fhir/r4';

export interface BundleHead {
  readonly type: 'searchset' | 'history' | 'batch-response' | 'transaction-response';
  readonly total?: number;
  readonly link: BundleLink[];
}

export const resourceUrl = (baseUrl: string, type: string, id: string) => `${baseUrl}/${type}/${id}`;

/** One entry as JSON text; `resourceJson` is inserted verbatim, `extra`'s members follow. */
export function entryJson(fullUrl: string | undefined, resourceJson: string | null, extra: Record<string, unknown>): string {
  let head = '';
  if (fullUrl !== undefined) head += `"fullUrl":${JSON.stringify(fullUrl)},`;
  if (resourceJson !== null) head += `"resource":${resourceJson},`;
  const rest = JSON.stringify(extra);
  return rest === '{}' ? `{${head.slice(0, -1)}}` : `{${head}${rest.slice(1)}`;
}

export function outcomeEntryJson(outcome: OperationOutcome): string {
  return entryJson(undefined, JSON.stringify(outcome), { search: { mode: 'outcome' } });
}

/** No entries, no `entry` (and no links, no `link`): FHIR JSON has no empty arrays (json.html). */
export function bundleJson(head: BundleHead, entries: string[]): string {
  const total = head.total === undefined ? '' : `,"total":${head.total}`;
  const link = head.link.length === 0 ? '' : `,"link":${JSON.stringify(head.link)}`;
  const entry = entries.length === 0 ? '' : `,"entry":[${entries.join(',')}]`;
  return `{"resourceType":"Bundle","type":"${head.type}"${total}${link}${entry}}`;
}
