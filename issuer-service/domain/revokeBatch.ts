import type { ServiceContext } from "../ServiceContext";
import { ConflictError } from "../errors";
import { loadBatch } from "./BatchView";
import { revocationReasonOf, type RevocationReasonOption } from "@credanchor/core/protocol";
import { revokeHoldings } from "./revokeHoldings";
import { sendRevocation } from "./sendRevocation";

/**
 * Revokes a whole published batch on chain (every credential in it) with one transaction. Its credentials that are
 * still their graduates' current ones go through the lifecycle (revokeHoldings): a correction or reissue pending for
 * any of them refuses the whole revocation until it settles. Credentials already superseded or revoked stay as they
 * are recorded.
 */
export async function revokeBatch(
  ctx: ServiceContext,
  universityId: string,
  id: string,
  request: { reason: string; reasonCode: RevocationReasonOption },
): Promise<{ id: string; transaction: string | null }> {
  const batch = await loadBatch(ctx.db, universityId, id);
  if (batch.state !== "published") throw ConflictError.batchNotPublished(batch.state);
  if (batch.revoked_at !== null) throw new ConflictError("ALREADY_REVOKED");
  const current = await ctx.db
    .selectFrom("holdings")
    .innerJoin("credentials", "credentials.id", "holdings.credential_id")
    .select("holdings.credential_id")
    .where("credentials.batch_id", "=", id)
    .where("holdings.state", "!=", "revoked")
    .execute();
  const transaction = await revokeHoldings(
    ctx,
    { universityId, kind: batch.kind, credentialIds: current.map((row) => row.credential_id!) },
    () => sendRevocation(ctx, universityId, { kind: "batch", root: batch.root!, reasonCode: revocationReasonOf(request.reasonCode), reason: request.reason }),
    async (trx, now) => {
      await trx.updateTable("batches").set({ revoked_at: now, revocation_reason: request.reason, updated_at: now }).where("id", "=", id).execute();
      await trx
        .updateTable("credentials")
        .set((eb) => ({
          revoked_at: eb.fn.coalesce("revoked_at", eb.val(now)),
          revocation_reason: eb.fn.coalesce("revocation_reason", eb.val(request.reason)),
        }))
        .where("batch_id", "=", id)
        .execute();
    },
  );
  return { id, transaction };
}
