import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";
import type { Db } from "../db/openDatabase";

/**
 * express-rate-limit's counters in the database, so that every instance behind the proxy counts against one
 * budget (in-process counters would give each client N times its limit with N instances). One upsert per request
 * starts a window, or counts a hit in the current one, atomically on both engines.
 */
export class DatabaseRateLimitStore implements Store {
  readonly localKeys = false;
  #windowMs = 60_000;

  constructor(
    private readonly db: Db,
    /** Distinguishes the limiters sharing the table (per IP, per key, share creation). */
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.#windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = Date.now();
    const resetAt = now + this.#windowMs;
    const row = await this.db
      .insertInto("rate_limits")
      .values({ key: `${this.prefix}:${key}`, hits: 1, reset_at_ms: resetAt })
      .onConflict((conflict) =>
        conflict.column("key").doUpdateSet((eb) => {
          const expired = eb("rate_limits.reset_at_ms", "<=", now);
          return {
            hits: eb.case().when(expired).then(eb.val(1)).else(eb("rate_limits.hits", "+", 1)).end(),
            reset_at_ms: eb.case().when(expired).then(eb.val(resetAt)).else(eb.ref("rate_limits.reset_at_ms")).end(),
          };
        }),
      )
      .returning(["hits", "reset_at_ms"])
      .executeTakeFirstOrThrow();
    return { totalHits: row.hits, resetTime: new Date(row.reset_at_ms) };
  }

  async decrement(key: string): Promise<void> {
    await this.db
      .updateTable("rate_limits")
      .set((eb) => ({ hits: eb("hits", "-", 1) }))
      .where("key", "=", `${this.prefix}:${key}`)
      .where("hits", ">", 0)
      .execute();
  }

  async resetKey(key: string): Promise<void> {
    await this.db.deleteFrom("rate_limits").where("key", "=", `${this.prefix}:${key}`).execute();
  }
}

/**
 * The store a limiter named `prefix` counts in: the database when instances share one (PostgreSQL), process memory
 * (express-rate-limit's own store) on SQLite, which runs one instance: there a database write per request would be
 * a disk flush for nothing (docs/PERFORMANCE.md, "Load").
 */
export function rateLimitStore(config: { databaseUrl?: string }, db: Db, prefix: string): Store | undefined {
  return config.databaseUrl === undefined ? undefined : new DatabaseRateLimitStore(db, prefix);
}

/** Deletes the counters of windows that have ended (the worker does it every tick), so the table stays small. */
export async function purgeExpiredRateLimits(db: Db, now = Date.now()): Promise<void> {
  await db.deleteFrom("rate_limits").where("reset_at_ms", "<=", now).execute();
}
