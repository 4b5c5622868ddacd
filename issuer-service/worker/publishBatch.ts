import { RevocationReason } from "@credanchor/core/protocol";
import type { ServiceContext } from "../ServiceContext";
import type { BatchRow } from "../domain/BatchView";
import { appendAudit } from "../domain/appendAudit";
import { sendRevocation } from "../domain/sendRevocation";

interface CredentialRow {
  id: string;
  batch_id: string;
  leaf: string;
  document: string;
}

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
    const replacement = db.prepare("SELECT id FROM credentials WHERE batch_id = ? ORDER BY position LIMIT 1").get(batch.id) as { id: string };
    const old = db.prepare("SELECT * FROM credentials WHERE id = ?").get(batch.supersedes) as CredentialRow;
    const oldDocument = JSON.parse(old.document) as { proof: { merkleRoot: string; merkleProof: string[] } };
    const transaction = await sendRevocation(ctx, batch.university_id, {
      kind: "credential",
      root: oldDocument.proof.merkleRoot,
      leaf: old.leaf,
      proof: oldDocument.proof.merkleProof,
      reasonCode: RevocationReason.Superseded,
      reason: replacement.id,
    });
    db.prepare("UPDATE credentials SET revoked_at = COALESCE(revoked_at, ?), revocation_reason = ?, superseded_by = ? WHERE id = ?").run(
      new Date().toISOString(),
      replacement.id,
      replacement.id,
      old.id,
    );
    appendAudit(db, WORKER(batch), "credential.supersede", old.id, "ok", { replacement: replacement.id, transaction });
  }
  db.prepare("UPDATE batches SET state = 'published', published_at = ?, updated_at = ? WHERE id = ?").run(
    new Date().toISOString(),
    new Date().toISOString(),
    batch.id,
  );
  appendAudit(db, WORKER(batch), "batch.publish", batch.id, "ok", { root: batch.root, count: batch.count });
}
