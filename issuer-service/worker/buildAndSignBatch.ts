import { type GraduateRecord, signBatch } from "@credanchor/core/issue";
import { buildBatchManifest, contentId } from "@credanchor/core/protocol";
import type { ServiceContext } from "../ServiceContext";
import type { BatchRow } from "../domain/BatchView";
import { resolveIssuer } from "../domain/resolveIssuer";
import { wrapBatchInThread } from "./wrapBatchInThread";

/** Credentials per insert transaction: keeps each commit short so API reads are never blocked for long. */
const CREDENTIALS_PER_COMMIT = 1000;

function loadRecords(ctx: ServiceContext, batchId: string): GraduateRecord[] {
  const chunks = ctx.db.prepare("SELECT records FROM batch_rows WHERE batch_id = ? ORDER BY chunk").all(batchId) as { records: string }[];
  return chunks.flatMap((chunk) => JSON.parse(chunk.records) as GraduateRecord[]);
}

/**
 * validated → built → signed. Salts are random, so this step is redone from the stored records if the process dies
 * before `signed` is committed; nothing of an unsigned attempt has left the database by then. At `signed` the
 * credentials, the signature and the manifest (with its CID, computed locally so a content store that is down never
 * blocks anchoring) are committed together.
 */
export async function buildAndSignBatch(ctx: ServiceContext, batch: BatchRow): Promise<void> {
  const { db, chain } = ctx;
  const signer = ctx.keys.current(batch.university_id);
  const issuer = await resolveIssuer(chain, signer);
  const { chainId, anchor } = chain.deployment;

  let records: GraduateRecord[] | null = loadRecords(ctx, batch.id);
  const wrapped = await wrapBatchInThread(
    records,
    { id: issuer.issuerId, chainId, nameEn: issuer.nameEn, nameZh: issuer.nameZh, domain: issuer.domain },
    { chainId, anchor, issuer: issuer.issuerId, signer: signer.address },
  );
  db.prepare("UPDATE batches SET state = 'built', root = ?, signer = ?, progress = ?, updated_at = ? WHERE id = ?").run(
    wrapped.root,
    signer.address,
    0,
    new Date().toISOString(),
    batch.id,
  );

  const signed = await signBatch(wrapped, signer);
  const manifest = buildBatchManifest({ chainId, anchor, issuer: issuer.issuerId, signer: signer.address, root: signed.root, leaves: signed.leaves });
  const manifestCid = contentId(manifest);

  // An earlier attempt that died while inserting left some rows behind; they belong to a discarded tree.
  db.prepare("DELETE FROM credentials WHERE batch_id = ?").run(batch.id);
  const insert = db.prepare(
    "INSERT INTO credentials (id, batch_id, university_id, position, student_id, leaf, record, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const progress = db.prepare("UPDATE batches SET progress = ?, updated_at = ? WHERE id = ?");
  for (let offset = 0; offset < signed.credentials.length; offset += CREDENTIALS_PER_COMMIT) {
    // Let HTTP requests in between chunks: storing 50,000 credentials is several seconds of work.
    await new Promise((resolve) => setImmediate(resolve));
    db.transaction(() => {
      for (let index = offset; index < Math.min(offset + CREDENTIALS_PER_COMMIT, signed.credentials.length); index++) {
        const credential = signed.credentials[index]!;
        const record = records![index]!;
        insert.run(
          credential.id,
          batch.id,
          batch.university_id,
          index,
          record.studentId,
          signed.leaves[index]!,
          JSON.stringify(record),
          JSON.stringify(credential),
        );
      }
      progress.run(Math.min(offset + CREDENTIALS_PER_COMMIT, signed.credentials.length), new Date().toISOString(), batch.id);
    })();
  }
  records = null;
  db.transaction(() => {
    db.prepare("INSERT OR IGNORE INTO content (cid, bytes) VALUES (?, ?)").run(manifestCid, Buffer.from(manifest));
    db.prepare(
      "UPDATE batches SET state = 'signed', root = ?, signer = ?, signature = ?, manifest_cid = ?, signed_at_ms = ?, attempts = 0, last_error = NULL, updated_at = ? WHERE id = ?",
    ).run(signed.root, signer.address, signed.signature, manifestCid, Date.now(), new Date().toISOString(), batch.id);
  })();
}
