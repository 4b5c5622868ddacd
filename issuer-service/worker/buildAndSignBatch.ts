import { type KindRecord, signBatch } from "@credanchor/core/issue";
import { buildBatchManifest, contentId, initFastSha256 } from "@credanchor/core/protocol";
import type { ServiceContext } from "../ServiceContext";
import type { Insertable } from "kysely";
import type { BatchRow, CredentialsTable } from "../db/schema";
import { loadBatchKind } from "../domain/BatchKind";
import { namesOfRecord } from "../domain/namesOfRecord";
import { resolveIssuer } from "../domain/resolveIssuer";
import { wrapBatchInThread } from "./wrapBatchInThread";

/** Credentials per insert transaction: keeps each commit short so API reads are never blocked for long. */
const CREDENTIALS_PER_COMMIT = 1000;
/** Rows per INSERT statement: 8 columns × 100 rows stays far below SQLite's 32,766 bound parameters. */
const ROWS_PER_INSERT = 100;

async function loadRecords(ctx: ServiceContext, batchId: string): Promise<KindRecord[]> {
  const chunks = await ctx.db.selectFrom("batch_rows").select("records").where("batch_id", "=", batchId).orderBy("chunk").execute();
  return chunks.flatMap((chunk) => JSON.parse(chunk.records) as KindRecord[]);
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

  let records: KindRecord[] | null = await loadRecords(ctx, batch.id);
  const wrapped = await wrapBatchInThread(
    records,
    { id: issuer.issuerId, chainId, nameEn: issuer.nameEn, nameZh: issuer.nameZh, domain: issuer.domain },
    { chainId, anchor, issuer: issuer.issuerId, signer: signer.address },
    await loadBatchKind(db, batch),
  );
  await db
    .updateTable("batches")
    .set({ state: "built", root: wrapped.root, signer: signer.address, progress: 0, updated_at: new Date().toISOString() })
    .where("id", "=", batch.id)
    .execute();

  const signed = await signBatch(wrapped, signer);
  const manifest = buildBatchManifest({ chainId, anchor, issuer: issuer.issuerId, signer: signer.address, root: signed.root, leaves: signed.leaves });
  await initFastSha256();
  const manifestCid = contentId(manifest);

  // An earlier attempt that died while inserting left some rows behind; they belong to a discarded tree.
  await db.deleteFrom("credentials").where("batch_id", "=", batch.id).execute();
  for (let offset = 0; offset < signed.credentials.length; offset += CREDENTIALS_PER_COMMIT) {
    const end = Math.min(offset + CREDENTIALS_PER_COMMIT, signed.credentials.length);
    const rows: Insertable<CredentialsTable>[] = [];
    for (let index = offset; index < end; index++) {
      const record = records[index]!;
      const { nameEn, nameZh } = namesOfRecord(record);
      rows.push({
        id: signed.credentials[index]!.id,
        batch_id: batch.id,
        university_id: batch.university_id,
        position: index,
        student_id: record.studentId,
        kind: batch.kind,
        name_en: nameEn,
        name_zh: nameZh,
        leaf: signed.leaves[index]!,
        record: JSON.stringify(record),
        document: JSON.stringify(signed.credentials[index]),
      });
    }
    // One multi-row insert per chunk, chunks in separate transactions: HTTP requests get in between.
    await db.transaction().execute(async (trx) => {
      for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
        await trx.insertInto("credentials").values(rows.slice(from, from + ROWS_PER_INSERT)).execute();
      }
      await trx.updateTable("batches").set({ progress: end, updated_at: new Date().toISOString() }).where("id", "=", batch.id).execute();
    });
  }
  records = null;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("content")
      .values({ cid: manifestCid, bytes: Buffer.from(manifest) })
      .onConflict((conflict) => conflict.column("cid").doNothing())
      .execute();
    await trx
      .updateTable("batches")
      .set({
        state: "signed",
        root: signed.root,
        signer: signer.address,
        signature: signed.signature,
        manifest_cid: manifestCid,
        signed_at_ms: Date.now(),
        attempts: 0,
        last_error: null,
        updated_at: new Date().toISOString(),
      })
      .where("id", "=", batch.id)
      .execute();
  });
}
