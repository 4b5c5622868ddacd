import type { Db } from "../db/openDatabase";
import { ConflictError, UnprocessableError } from "../errors";

/** A claim older than this belongs to a request that died; a retry may take it over. */
const ABANDONED_AFTER_MS = 5 * 60_000;

interface IdempotencyRow {
  body_hash: string | null;
  batch_id: string | null;
  claimed_at_ms: number;
}

export type Claim = { kind: "claimed" } | { kind: "completed"; bodyHash: string; batchId: string };

/**
 * Claims an Idempotency-Key before the request body is read, so a concurrent duplicate is recognised (409) while the
 * first upload is still streaming in. A key whose batch exists is answered from that batch.
 */
export function claimIdempotencyKey(db: Db, universityId: string, key: string): Claim {
  return db.transaction((): Claim => {
    const row = db.prepare("SELECT body_hash, batch_id, claimed_at_ms FROM idempotency_keys WHERE university_id = ? AND key = ?").get(universityId, key) as
      | IdempotencyRow
      | undefined;
    if (row !== undefined && row.batch_id !== null && row.body_hash !== null) return { kind: "completed", bodyHash: row.body_hash, batchId: row.batch_id };
    if (row !== undefined && Date.now() - row.claimed_at_ms < ABANDONED_AFTER_MS) {
      throw new ConflictError("IDEMPOTENCY_IN_FLIGHT");
    }
    db.prepare("INSERT OR REPLACE INTO idempotency_keys (university_id, key, body_hash, batch_id, claimed_at_ms) VALUES (?, ?, NULL, NULL, ?)").run(
      universityId,
      key,
      Date.now(),
    );
    return { kind: "claimed" };
  })();
}

/** Same key and same body: the same batch. Same key with another body is a client error (422), never a new batch. */
export function replayIdempotentRequest(claim: Extract<Claim, { kind: "completed" }>, bodyHash: string): string {
  if (claim.bodyHash !== bodyHash) {
    throw new UnprocessableError("IDEMPOTENCY_KEY_REUSED");
  }
  return claim.batchId;
}

export function completeIdempotencyKey(db: Db, universityId: string, key: string, bodyHash: string, batchId: string): void {
  db.prepare("UPDATE idempotency_keys SET body_hash = ?, batch_id = ? WHERE university_id = ? AND key = ?").run(bodyHash, batchId, universityId, key);
}

/** A request that failed (e.g. row errors) gives its key back so the corrected upload can reuse it. */
export function releaseIdempotencyKey(db: Db, universityId: string, key: string): void {
  db.prepare("DELETE FROM idempotency_keys WHERE university_id = ? AND key = ? AND batch_id IS NULL").run(universityId, key);
}
