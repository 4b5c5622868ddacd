import type { ServiceContext } from "../ServiceContext";
import { assertNotRevoked, loadPublishedCredential } from "./CredentialRow";
import { revocationReasonOf, type RevocationReasonOption } from "@credanchor/core/protocol";
import { sendRevocation } from "./sendRevocation";

/** Revokes one released credential on chain with a reason, then records it. */
export async function revokeCredential(
  ctx: ServiceContext,
  universityId: string,
  id: string,
  request: { reason: string; reasonCode: RevocationReasonOption },
): Promise<{ id: string; transaction: string | null }> {
  const row = await loadPublishedCredential(ctx.db, universityId, id);
  assertNotRevoked(row);
  const document = JSON.parse(row.document) as { proof: { merkleRoot: string; merkleProof: string[] } };
  const transaction = await sendRevocation(ctx, universityId, {
    kind: "credential",
    root: document.proof.merkleRoot,
    leaf: row.leaf,
    proof: document.proof.merkleProof,
    reasonCode: revocationReasonOf(request.reasonCode),
    reason: request.reason,
  });
  await ctx.db.updateTable("credentials").set({ revoked_at: new Date().toISOString(), revocation_reason: request.reason }).where("id", "=", id).execute();
  return { id, transaction };
}
