// Whether searches run as prepared statements (statements.ts preparedName), which PostgreSQL plans once per
// connection instead of at every request — planning a one-hit search cost ~10× running it.
// A cached plan is made from the statistics of its moment, and PostgreSQL replans it only when ANALYZE updates
// them: prepared while the tables are nearly empty, a search would scan them sequentially as they grow until then.
// So searches are prepared only once `resource` has been analyzed at a size where planning is worth saving.
import type { OnModuleDestroy } from '@nestjs/common';
import type { Pool } from 'pg';

/** Below this many analyzed resources, every search is planned for its own values (and planning costs little). */
export const GENERIC_PLANS_FROM_ROWS = 10_000;
const CHECK_EVERY_MS = 30_000;

export class GenericPlans implements OnModuleDestroy {
  private on = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly pool: Pick<Pool, 'query'>,
    private readonly fromRows = GENERIC_PLANS_FROM_ROWS,
  ) {}

  get enabled(): boolean {
    return this.on;
  }

  /** Checks now and then every 30 s, until the database is large enough; then stays on. */
  start(): void {
    // An unreachable database is reported by the requests themselves.
    const check = () => this.check().catch(() => false);
    void check();
    this.timer = setInterval(() => void check().then(() => this.on && this.stop()), CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  onModuleDestroy(): void {
    this.stop();
  }

  async check(): Promise<boolean> {
    const { rows } = await this.pool.query<{ rows: number }>(`SELECT reltuples::float8 AS rows FROM pg_class WHERE oid = 'resource'::regclass`);
    this.on ||= (rows[0]?.rows ?? -1) >= this.fromRows;
    return this.on;
  }
}
