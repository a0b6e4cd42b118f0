// The storage port of the interactions: what they need from a database, nothing about how it is done.
import type { Resource } from 'fhir/r4';
import type { IncludeSpec, PageCursor, SearchRequest } from '../search/search-request';

export type HistoryMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One stored version. `json` is the exact serialised resource (null for a deletion). */
export interface StoredVersion {
  readonly resourceType: string;
  readonly id: string;
  readonly versionId: number;
  readonly lastUpdated: Date;
  readonly deleted: boolean;
  readonly json: string | null;
  readonly method?: HistoryMethod;
}

/** A new version to write. `expectedVersion` undefined means the resource must not exist yet. */
export interface VersionWrite {
  readonly resourceType: string;
  readonly id: string;
  readonly versionId: number;
  readonly lastUpdated: Date;
  readonly method: HistoryMethod;
  readonly resource: Resource | null;
  readonly json: string | null;
  readonly expectedVersion?: number;
}

export interface HistoryQuery {
  readonly resourceType?: string;
  readonly id?: string;
  /** Only versions written at or after this instant. */
  readonly since?: Date;
  /** Only versions that were current at some point in [start, end). */
  readonly at?: { readonly start: Date; readonly end: Date };
  readonly count: number;
  /** Keyset cursor: continue strictly after this (lastUpdated, key) position, newest first. */
  readonly before?: HistoryCursor;
}

export interface HistoryCursor {
  readonly lastUpdated: string;
  readonly key: string;
}

export interface HistoryPage {
  readonly versions: StoredVersion[];
  readonly next?: HistoryCursor;
}

export interface SearchPage {
  readonly matches: StoredVersion[];
  readonly total?: number;
  /** Cursors of the neighbouring pages, where there are some. */
  readonly next?: PageCursor;
  readonly previous?: PageCursor;
}

export abstract class ResourceStore {
  /** The current version, deletions included; undefined when the resource never existed. */
  abstract read(resourceType: string, id: string): Promise<StoredVersion | undefined>;
  abstract vread(resourceType: string, id: string, versionId: number): Promise<StoredVersion | undefined>;
  /** Writes a version atomically with its index rows; false when `expectedVersion` no longer holds. */
  abstract write(version: VersionWrite): Promise<boolean>;
  /** Writes new resources (no `expectedVersion`) in one statement; returns how many were new (the rest existed). */
  abstract insert(versions: readonly VersionWrite[]): Promise<number>;
  abstract history(query: HistoryQuery): Promise<HistoryPage>;
  abstract search(request: SearchRequest): Promise<SearchPage>;
  /** Resources that `_include`/`_revinclude` add to a page of `matches` (without the matches themselves). */
  abstract include(matches: readonly StoredVersion[], specs: readonly IncludeSpec[]): Promise<StoredVersion[]>;
  /** Runs `work` in one database transaction; the store it receives writes inside it (nested calls join it). */
  abstract transaction<T>(work: (store: ResourceStore) => Promise<T>): Promise<T>;
  /** Runs `fn` once what this store wrote is committed: at once outside a transaction, never after a rollback. */
  abstract afterCommit(fn: () => void): void;
  /** Inside a transaction: waits until no other transaction holds `key`, and holds it until commit. */
  abstract lock(key: string): Promise<void>;
}
