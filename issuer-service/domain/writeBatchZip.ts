import { Zip, ZipDeflate } from "fflate";
import { toCsv } from "@credanchor/core/protocol";
import { credentialFileNamer, credentialFileStem } from "@credanchor/core/issue";
import type { Db } from "../db/openDatabase";
import { ConflictError } from "../errors";
import { issueClaimCodes, withdrawUnusedClaimCodes } from "../portal/claimCodes";
import { loadBatchKind } from "./BatchKind";
import { loadBatch } from "./BatchView";

/** Credentials read per query while the ZIP streams. */
const PAGE = 500;

/**
 * Streams a ZIP of every credential of a published batch (one `<student id>.json` each, or as `credanchor issue` names
 * the kind's files, `<student id>-transcript.json` or `<student id>-<template id>.json`; `-2`, `-3`… appended when
 * two ids give the same file name) plus a batch report, reading the credentials from the database a page at a time
 * so a 50,000-credential batch is never in memory at once. Beside them, `batch-<root>-claim-codes.csv`: a one-time
 * claim code per credential for the graduate portal, valid `claimCodeDays`; each download issues new codes and the
 * unused ones of an earlier download stop working (docs/PORTAL.md).
 */
export async function writeBatchZip(
  db: Db,
  universityId: string,
  batchId: string,
  claimCodeDays: number,
  write: (chunk: Uint8Array) => void,
  end: () => void,
): Promise<void> {
  const batch = await loadBatch(db, universityId, batchId);
  if (batch.state !== "published") throw ConflictError.batchNotPublished(batch.state);
  const kind = await loadBatchKind(db, batch);
  const zip = new Zip((error, chunk, final) => {
    if (error) throw error;
    write(chunk);
    if (final) end();
  });
  const encoder = new TextEncoder();
  const add = (name: string, text: string) => {
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(encoder.encode(text), true);
  };
  // The report and the claim codes are named after the batch's root, as `credanchor issue` names its report.
  const stem = `batch-${batch.root!.slice(2, 14)}`;
  const reportName = `${stem}.json`;
  const uniqueName = credentialFileNamer([reportName]);
  const ids: string[] = [];
  const now = Date.now();
  const claimCodes: string[][] = [["student_id", "claim_code", "expires_at"]];
  const codesExpireAt = now + claimCodeDays * 86_400_000;
  await withdrawUnusedClaimCodes(db, batchId);
  for (let from = 0; from < batch.count; from += PAGE) {
    const rows = await db
      .selectFrom("credentials")
      .select(["id", "university_id", "student_id", "kind", "document"])
      .where("batch_id", "=", batchId)
      .where("position", ">=", from)
      .where("position", "<", from + PAGE)
      .orderBy("position")
      .execute();
    for (const row of rows) {
      ids.push(row.id);
      add(uniqueName(credentialFileStem(row.student_id, kind)), `${JSON.stringify(JSON.parse(row.document), null, 2)}\n`);
    }
    const expiresAt = new Date(codesExpireAt).toISOString();
    for (const [studentId, code] of await issueClaimCodes(db, batchId, rows, codesExpireAt, now)) claimCodes.push([studentId!, code!, expiresAt]);
  }
  add(`${stem}-claim-codes.csv`, toCsv(claimCodes));
  add(
    reportName,
    `${JSON.stringify(
      {
        batch: batch.id,
        kind: batch.kind,
        root: batch.root,
        count: batch.count,
        signer: batch.signer,
        manifestCid: batch.manifest_cid,
        transaction: batch.tx_hash,
        blockNumber: batch.block_number,
        publishedAt: batch.published_at,
        credentialIds: ids,
      },
      null,
      2,
    )}\n`,
  );
  zip.end();
}
