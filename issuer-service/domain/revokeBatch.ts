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
  const batch = await loadBatch(ctx.db, universityId, id);
  if (batch.state !== "published") throw ConflictError.batchNotPublished(batch.state);
  if (batch.revoked_at !== null) throw new ConflictError("ALREADY_REVOKED");
  const transaction = await sendRevocation(ctx, universityId, {
    kind: "batch",
    root: batch.root!,
    reasonCode: revocationReasonOf(request.reasonCode),
    reason: request.reason,
  });
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable("batches").set({ revoked_at: now, revocation_reason: request.reason, updated_at: now }).where("id", "=", id).execute();
    await trx
      .updateTable("credentials")
      .set((eb) => ({
        revoked_at: eb.fn.coalesce("revoked_at", eb.val(now)),
        revocation_reason: eb.fn.coalesce("revocation_reason", eb.val(request.reason)),
      }))
      .where("batch_id", "=", id)
      .execute();
  });
  return { id, transaction };
}
