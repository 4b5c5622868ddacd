import type { Db } from "../db/openDatabase";
import { ConflictError, UnprocessableError } from "../errors";

/** A claim older than this belongs to a request that died; a retry may take it over. */
const ABANDONED_AFTER_MS = 5 * 60_000;

export type Claim = { kind: "claimed" } | { kind: "completed"; bodyHash: string; batchId: string };

/**
 * Claims an Idempotency-Key before the request body is read, so a concurrent duplicate is recognised (409) while the
 * first upload is still streaming in, on this instance or any other. The claim is one statement: a new key is
 * inserted, an abandoned claim taken over, and anything else left alone, atomically on either engine. A key whose
 * batch exists is answered from that batch.
 */
export async function claimIdempotencyKey(db: Db, universityId: string, key: string, now = Date.now()): Promise<Claim> {
  const claimed = await db
    .insertInto("idempotency_keys")
    .values({ university_id: universityId, key, body_hash: null, batch_id: null, claimed_at_ms: now })
    .onConflict((conflict) =>
      conflict
        .columns(["university_id", "key"])
        .doUpdateSet({ claimed_at_ms: now })
        .where("idempotency_keys.batch_id", "is", null)
        .where("idempotency_keys.claimed_at_ms", "<=", now - ABANDONED_AFTER_MS),
    )
    .executeTakeFirst();
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) > 0) return { kind: "claimed" };
  const row = await db
    .selectFrom("idempotency_keys")
    .select(["body_hash", "batch_id"])
    .where("university_id", "=", universityId)
    .where("key", "=", key)
    .executeTakeFirst();
  if (row?.batch_id != null && row.body_hash !== null) return { kind: "completed", bodyHash: row.body_hash, batchId: row.batch_id };
  throw new ConflictError("IDEMPOTENCY_IN_FLIGHT");
}

/** Same key and same body: the same batch. Same key with another body is a client error (422), never a new batch. */
export function replayIdempotentRequest(claim: Extract<Claim, { kind: "completed" }>, bodyHash: string): string {
  if (claim.bodyHash !== bodyHash) {
    throw new UnprocessableError("IDEMPOTENCY_KEY_REUSED");
  }
  return claim.batchId;
}

export async function completeIdempotencyKey(db: Db, universityId: string, key: string, bodyHash: string, batchId: string): Promise<void> {
  await db.updateTable("idempotency_keys").set({ body_hash: bodyHash, batch_id: batchId }).where("university_id", "=", universityId).where("key", "=", key).execute();
}

/** A request that failed (e.g. row errors) gives its key back so the corrected upload can reuse it. */
export async function releaseIdempotencyKey(db: Db, universityId: string, key: string): Promise<void> {
  await db.deleteFrom("idempotency_keys").where("university_id", "=", universityId).where("key", "=", key).where("batch_id", "is", null).execute();
}
