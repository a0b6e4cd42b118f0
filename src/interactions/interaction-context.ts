// Who asks, where, and with which HTTP preconditions, independent of how the request arrived (HTTP or a Bundle entry).
import type { Bundle, OperationOutcome, Resource } from 'fhir/r4';
import type { ResourceStore, StoredVersion } from './resource-store';

/** https://hl7.org/fhir/R4/http.html#ops (return) and search.html#errors (handling) */
export interface Prefer {
  readonly return?: 'minimal' | 'representation' | 'OperationOutcome';
  readonly handling?: 'strict' | 'lenient';
}

export interface InteractionContext {
  /** The store to use: the shared one, or one bound to a Bundle's database transaction. */
  readonly store: ResourceStore;
  /** Public base URL of the FHIR API, without a trailing slash. */
  readonly baseUrl: string;
  readonly prefer: Prefer;
  readonly ifMatch?: string;
  readonly ifNoneMatch?: string;
  readonly ifModifiedSince?: Date;
  readonly ifNoneExist?: string;
}

/** What an interaction answers; rest/ turns it into an HTTP response, a Bundle into an entry. */
export interface InteractionResult {
  readonly status: number;
  /** A body built by the server (Bundle, OperationOutcome, CapabilityStatement) or a parsed resource. */
  readonly body?: Resource | Bundle | OperationOutcome;
  /** A stored resource, served byte for byte. */
  readonly json?: string;
  /** The version the response is about: ETag, Last-Modified and, with `location`, the Location header. */
  readonly version?: StoredVersion;
  readonly location?: boolean;
  /** Further headers, such as an asynchronous request's Content-Location and X-Progress (async.html). */
  readonly headers?: Readonly<Record<string, string>>;
}
