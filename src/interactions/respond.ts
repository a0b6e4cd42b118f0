// How a write answers, per `Prefer: return=` (https://hl7.org/fhir/R4/http.html#ops).
import type { Resource } from 'fhir/r4';
import { information } from '../fhir/outcome';
import type { InteractionContext, InteractionResult } from './interaction-context';
import type { StoredVersion } from './resource-store';

export function writeResult(ctx: InteractionContext, status: number, version: StoredVersion, resource: Resource | undefined, message: string): InteractionResult {
  const base = { status, version, location: status === 201 };
  switch (ctx.prefer.return) {
    case 'minimal':
      return base;
    case 'OperationOutcome':
      return { ...base, body: information(message) };
    default:
      return version.json ? { ...base, json: version.json } : resource ? { ...base, body: resource } : base;
  }
}
