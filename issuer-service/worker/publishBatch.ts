import { RevocationReason } from "@credanchor/core/protocol";
import type { ServiceContext } from "../ServiceContext";
import type { BatchRow } from "../db/schema";
import { appendAudit } from "../domain/appendAudit";
import { sendRevocation } from "../domain/sendRevocation";
import { transitionHoldings } from "../domain/transitionHoldings";

/** Actions the worker takes on its own are recorded under the university with the key id "worker". */
const WORKER = (batch: BatchRow) => ({ universityId: batch.university_id, keyId: "worker" });

/**
 * confirmed → published: credentials become downloadable only now. Every credential this batch corrects is first
 * revoked on chain (reason code Superseded, reason = its replacement's id, which the verifier shows as
 * `supersededBy`), so an old credential is never revoked before its replacement is final on chain; a crash between
 * two revocations resumes here (sendRevocation skips what is already revoked). Then, in one transaction, the old
 * credentials are marked superseded, each new one records what it replaced (`supersedes`), the graduates' holdings
 * point at the new credentials (transitionHoldings `publish`) and the batch is published.
 */
export async function publishBatch(ctx: ServiceContext, batch: BatchRow): Promise<void> {
  const { db } = ctx;
  const replacements = await db
    .selectFrom("holdings")
    .innerJoin("credentials as fresh", (join) => join.onRef("fresh.student_id", "=", "holdings.student_id").on("fresh.batch_id", "=", batch.id))
    .leftJoin("credentials as old", "old.id", "holdings.credential_id")
    .select(["holdings.state", "fresh.id as freshId", "old.id as oldId", "old.leaf as oldLeaf", "old.document as oldDocument"])
    .where("holdings.university_id", "=", batch.university_id)
    .where("holdings.pending_batch_id", "=", batch.id)
    .where("holdings.state", "in", ["correcting", "reissuing"])
    .execute();
  const supersessions: { oldId: string; freshId: string; transaction: string | null }[] = [];
  for (const replacement of replacements) {
    if (replacement.state !== "correcting" || replacement.oldId === null) continue;
    const oldDocument = JSON.parse(replacement.oldDocument!) as { proof: { merkleRoot: string; merkleProof: string[] } };
    const transaction = await sendRevocation(ctx, batch.university_id, {
      kind: "credential",
      root: oldDocument.proof.merkleRoot,
      leaf: replacement.oldLeaf!,
      proof: oldDocument.proof.merkleProof,
      reasonCode: RevocationReason.Superseded,
      reason: replacement.freshId,
    });
    supersessions.push({ oldId: replacement.oldId, freshId: replacement.freshId, transaction });
  }
  const now = new Date().toISOString();
  const published = await db.transaction().execute(async (trx) => {
    for (const { oldId, freshId } of supersessions) {
      await trx
        .updateTable("credentials")
        .set((eb) => ({ revoked_at: eb.fn.coalesce("revoked_at", eb.val(now)), revocation_reason: freshId, superseded_by: freshId }))
        .where("id", "=", oldId)
        .execute();
    }
    for (const { oldId, freshId } of replacements) {
      if (oldId !== null) await trx.updateTable("credentials").set({ supersedes: oldId }).where("id", "=", freshId).execute();
    }
    await transitionHoldings(trx, { universityId: batch.university_id, kind: batch.kind }, { by: "pendingBatch", batchId: batch.id }, { type: "publish", batchId: batch.id });
    const moved = await trx
      .updateTable("batches")
      .set({ state: "published", published_at: now, updated_at: now })
      .where("id", "=", batch.id)
      .where("state", "=", "confirmed")
      .executeTakeFirst();
    return Number(moved.numUpdatedRows) > 0;
  });
  // Only the step that moved the batch records it, should another instance have published it meanwhile.
  if (!published) return;
  for (const { oldId, freshId, transaction } of supersessions) {
    await appendAudit(db, WORKER(batch), "credential.supersede", oldId, "ok", { replacement: freshId, transaction });
  }
  await appendAudit(db, WORKER(batch), "batch.publish", batch.id, "ok", { root: batch.root, count: batch.count });
}
