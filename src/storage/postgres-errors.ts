// PostgreSQL errors (https://www.postgresql.org/docs/current/errcodes-appendix.html) → FhirError.
import { FhirError, issue } from '../fhir/outcome';

const BY_CODE: Record<string, [number, string]> = {
  '40001': [409, 'The resource was changed by a concurrent request; retry'],
  '40P01': [409, 'The request collided with a concurrent request; retry'],
  '23505': [409, 'A concurrent request wrote the same resource; retry'],
  '57014': [503, 'The query took too long and was cancelled'],
  '53300': [503, 'The database has no free connection; retry later'],
  '22P02': [400, 'A value has the wrong format for its search parameter'],
  '22007': [400, 'A date value is out of range'],
  '22008': [400, 'A date value is out of range'],
  '22003': [400, 'A numeric value is out of range'],
};

/** Known database conditions become client-facing outcomes; anything else stays an internal error (500). */
export function asFhirError(error: unknown): unknown {
  if (error instanceof FhirError) return error;
  const code = (error as { code?: unknown })?.code;
  const known = typeof code === 'string' ? BY_CODE[code] : undefined;
  if (known) return new FhirError(known[0], [issue(known[0] === 503 ? 'transient' : known[0] === 409 ? 'conflict' : 'invalid', known[1])]);
  if (typeof code === 'string' && /^08/.test(code)) return new FhirError(503, [issue('transient', 'The database is unreachable; retry later')]);
  if ((error as Error)?.message?.includes('Connection terminated') || (error as { code?: string })?.code === 'ECONNREFUSED') {
    return new FhirError(503, [issue('transient', 'The database is unreachable; retry later')]);
  }
  return error;
}
