import type { Db } from "./openDatabase";

/**
 * Takes or renews the lease `name` for `holder` until `now + ttlMs`, in one statement: the row is written only if
 * nobody holds it, the holder is `holder` itself, or the last holder let it expire (a process that died). True when
 * `holder` holds it afterwards. Instances compare their own clocks with the stored expiry, so their clocks must
 * agree to well within the lease time (NTP; docs/OPERATIONS.md).
 */
export async function acquireLease(db: Db, name: string, holder: string, ttlMs: number, now = Date.now()): Promise<boolean> {
  const result = await db
    .insertInto("leases")
    .values({ name, holder, expires_at_ms: now + ttlMs })
    .onConflict((conflict) =>
      conflict
        .column("name")
        .doUpdateSet((eb) => ({ holder: eb.ref("excluded.holder"), expires_at_ms: eb.ref("excluded.expires_at_ms") }))
        .where((eb) => eb.or([eb("leases.holder", "=", holder), eb("leases.expires_at_ms", "<=", now)])),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Gives the lease up at once (a clean stop), so another instance need not wait for it to expire. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.deleteFrom("leases").where("name", "=", name).where("holder", "=", holder).execute();
}
