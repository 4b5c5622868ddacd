import type { ServiceContext } from "../ServiceContext";
import { ConflictError } from "../errors";
import { loadBatch } from "./BatchView";
import { revocationReasonOf, type RevocationReasonOption } from "@credanchor/core/protocol";
import { sendRevocation } from "./sendRevocation";

/** Revokes a whole published batch on chain (every credential in it) with one transaction. */
export async function revokeBatch(
  ctx: ServiceContext,
  universityId: string,
  id: string,
  request: { reason: string; reasonCode: RevocationReasonOption },
): Promise<{ id: string; transaction: string | null }> {
  const batch = loadBatch(ctx.db, universityId, id);
  if (batch.state !== "published") throw ConflictError.batchNotPublished(batch.state);
  if (batch.revoked_at !== null) throw new ConflictError("ALREADY_REVOKED");
  const transaction = await sendRevocation(ctx, universityId, {
    kind: "batch",
    root: batch.root!,
    reasonCode: revocationReasonOf(request.reasonCode),
    reason: request.reason,
  });
  const now = new Date().toISOString();
  ctx.db.transaction(() => {
    ctx.db.prepare("UPDATE batches SET revoked_at = ?, revocation_reason = ?, updated_at = ? WHERE id = ?").run(now, request.reason, now, id);
    ctx.db.prepare("UPDATE credentials SET revoked_at = COALESCE(revoked_at, ?), revocation_reason = COALESCE(revocation_reason, ?) WHERE batch_id = ?").run(
      now,
      request.reason,
      id,
    );
  })();
  return { id, transaction };
}
