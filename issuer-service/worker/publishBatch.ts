import { RevocationReason } from "@credanchor/core/protocol";
import type { ServiceContext } from "../ServiceContext";
import type { BatchRow } from "../db/schema";
import { appendAudit } from "../domain/appendAudit";
import { sendRevocation } from "../domain/sendRevocation";

/** Actions the worker takes on its own are recorded under the university with the key id "worker". */
const WORKER = (batch: BatchRow) => ({ universityId: batch.university_id, keyId: "worker" });

/**
 * confirmed → published: credentials become downloadable only now. A reissue batch first revokes the credential it
 * replaces (reason code Superseded, reason = the new credential's id, which the verifier shows as `supersededBy`),
 * so the old one is never revoked before its replacement is final on chain.
 */
export async function publishBatch(ctx: ServiceContext, batch: BatchRow): Promise<void> {
  const { db } = ctx;
  if (batch.supersedes !== null) {
    const replacement = await db.selectFrom("credentials").select("id").where("batch_id", "=", batch.id).orderBy("position").limit(1).executeTakeFirstOrThrow();
    const old = await db.selectFrom("credentials").select(["id", "leaf", "document"]).where("id", "=", batch.supersedes).executeTakeFirstOrThrow();
    const oldDocument = JSON.parse(old.document) as { proof: { merkleRoot: string; merkleProof: string[] } };
    const transaction = await sendRevocation(ctx, batch.university_id, {
      kind: "credential",
      root: oldDocument.proof.merkleRoot,
      leaf: old.leaf,
      proof: oldDocument.proof.merkleProof,
      reasonCode: RevocationReason.Superseded,
      reason: replacement.id,
    });
    await db
      .updateTable("credentials")
      .set((eb) => ({ revoked_at: eb.fn.coalesce("revoked_at", eb.val(new Date().toISOString())), revocation_reason: replacement.id, superseded_by: replacement.id }))
      .where("id", "=", old.id)
      .execute();
    await appendAudit(db, WORKER(batch), "credential.supersede", old.id, "ok", { replacement: replacement.id, transaction });
  }
  const published = await db
    .updateTable("batches")
    .set({ state: "published", published_at: new Date().toISOString(), updated_at: new Date().toISOString() })
    .where("id", "=", batch.id)
    .where("state", "=", "confirmed")
    .executeTakeFirst();
  // Only the step that moved the batch records it, should another instance have published it meanwhile.
  if (Number(published.numUpdatedRows) > 0) {
    await appendAudit(db, WORKER(batch), "batch.publish", batch.id, "ok", { root: batch.root, count: batch.count });
  }
}
