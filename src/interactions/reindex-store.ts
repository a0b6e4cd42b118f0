// The port of $reindex (reindex.ts) to storage: jobs and their progress, and rewriting index rows.

export type ReindexStatus = 'queued' | 'running' | 'completed' | 'cancelled' | 'failed';

/** A custom search parameter's definition, by its hash (search/custom-parameters.ts). */
export interface IndexedParameter {
  readonly resourceType: string;
  readonly code: string;
  readonly hash: string;
}

export interface ReindexJob {
  readonly id: string;
  /** Undefined: every type. */
  readonly resourceType?: string;
  readonly status: ReindexStatus;
  readonly total: number;
  readonly processed: number;
  /** Resources are rewritten in rid order; the job goes on after this one. */
  readonly lastRid: string;
  readonly parameters: readonly IndexedParameter[];
  readonly error?: string;
  readonly createdAt: Date;
  readonly finishedAt?: Date;
}

export abstract class ReindexStore {
  /** A queued job over one type (undefined: all), counting the resources it will rewrite. */
  abstract create(resourceType: string | undefined, parameters: readonly IndexedParameter[]): Promise<ReindexJob>;
  abstract get(id: string): Promise<ReindexJob | undefined>;
  /** Takes a queued job, or a running one whose process stopped sending heartbeats for `staleMs`. */
  abstract claim(staleMs: number): Promise<ReindexJob | undefined>;
  /** Records progress and the heartbeat; returns the job's status (another request may have cancelled it). */
  abstract progress(id: string, processed: number, lastRid: string): Promise<ReindexStatus>;
  /** Ends a job; a completed one records its parameters as indexed. */
  abstract finish(id: string, status: 'completed' | 'failed', error?: string): Promise<void>;
  /** Cancels a queued or running job; false when it had already ended or does not exist. */
  abstract cancel(id: string): Promise<boolean>;
  /** The custom parameter definitions a completed $reindex built the index with. */
  abstract indexedParameters(): Promise<IndexedParameter[]>;
  /**
   * Rewrites the index rows of up to `limit` current resources after `afterRid` (in rid order) with today's
   * parameters; a resource changed meanwhile is skipped (its writer indexed it). Returns how many were read
   * and the last rid; none read means the end.
   */
  abstract reindexAfter(resourceType: string | undefined, afterRid: string, limit: number): Promise<{ read: number; lastRid: string }>;
  /** Rewrites one resource's index rows; false when it does not exist or is deleted. */
  abstract reindexOne(resourceType: string, id: string): Promise<boolean>;
}
