import type { ServiceContext } from "../ServiceContext";
import { loadPublishedCredential } from "./CredentialRow";
import { revocationReasonOf, type RevocationReasonOption } from "@credanchor/core/protocol";
import { revokeHoldings } from "./revokeHoldings";
import { sendRevocation } from "./sendRevocation";

/**
 * Revokes one released credential on chain with a reason, then records it. Only the graduate's current, valid
 * credential can be revoked (one superseded by a correction already is), and not while a correction or reissue of
 * it is pending: that is refused (409) until it settles, so a replacement can never outlive the revocation of the
 * credential it replaces.
 */
export async function revokeCredential(
  ctx: ServiceContext,
  universityId: string,
  id: string,
  request: { reason: string; reasonCode: RevocationReasonOption },
): Promise<{ id: string; transaction: string | null }> {
  const row = await loadPublishedCredential(ctx.db, universityId, id);
  const document = JSON.parse(row.document) as { proof: { merkleRoot: string; merkleProof: string[] } };
  const transaction = await revokeHoldings(
    ctx,
    { universityId, kind: row.kind, credentialIds: [id] },
    () =>
      sendRevocation(ctx, universityId, {
        kind: "credential",
        root: document.proof.merkleRoot,
        leaf: row.leaf,
        proof: document.proof.merkleProof,
        reasonCode: revocationReasonOf(request.reasonCode),
        reason: request.reason,
      }),
    async (trx, now) => {
      await trx.updateTable("credentials").set({ revoked_at: now, revocation_reason: request.reason }).where("id", "=", id).execute();
    },
  );
  return { id, transaction };
}
