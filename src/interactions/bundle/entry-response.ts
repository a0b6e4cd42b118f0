// Bundle.entry.response of batch-response and transaction-response: https://hl7.org/fhir/R4/bundle.html#transaction-response
import { STATUS_CODES } from 'node:http';
import { entryJson, resourceUrl } from '../../fhir/bundle';
import { outcome } from '../../fhir/outcome';
import { etag } from '../../fhir/resource';
import type { FhirError } from '../../fhir/outcome';
import type { InteractionContext, InteractionResult } from '../interaction-context';

const statusLine = (status: number) => `${status} ${STATUS_CODES[status] ?? ''}`.trim();

/** One response entry as JSON text: reads carry their resource; writes only when asked (Prefer: return=representation). */
export function responseEntry(ctx: InteractionContext, method: string, result: InteractionResult): string {
  const v = result.version;
  const response: Record<string, unknown> = { status: statusLine(result.status) };
  if (v && result.location) response.location = `${v.resourceType}/${v.id}/_history/${v.versionId}`;
  if (v) {
    response.etag = etag(v.versionId);
    response.lastModified = v.lastUpdated.toISOString();
  }
  const isOutcome = result.body?.resourceType === 'OperationOutcome';
  if (isOutcome) response.outcome = result.body;
  const withResource = method === 'GET' || method === 'HEAD' || ctx.prefer.return === 'representation';
  const json = withResource ? (result.json ?? (result.body ? JSON.stringify(result.body) : null)) : null;
  return entryJson(v && !v.deleted ? resourceUrl(ctx.baseUrl, v.resourceType, v.id) : undefined, json, { response });
}

export function errorEntry(error: FhirError): string {
  return entryJson(undefined, null, { response: { status: statusLine(error.status), outcome: outcome(error.issues) } });
}
