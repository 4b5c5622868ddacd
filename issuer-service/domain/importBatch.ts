import { randomUUID } from "node:crypto";
import type { IssueKind, KindRecord } from "@credanchor/core/issue";
import type { ServiceContext } from "../ServiceContext";
import { ConflictError } from "../errors";
import { appendAudit } from "./appendAudit";
import { storeBatchKind } from "./BatchKind";
import { namesOfRecord } from "./namesOfRecord";
import { HoldingsRefusedError } from "./HoldingsRefusedError";
import { uploadRefused } from "./refusalErrors";
import { resolveIssuer } from "./resolveIssuer";
import { transitionHoldings } from "./transitionHoldings";

/** A batch issued and anchored outside the service (by `credanchor issue` through core, as `npm start` seeds). */
export interface ExternalBatch {
  universityId: string;
  label: string;
  /** The kind of every credential of the batch and what it was issued with (a transcript's scale, a letter's template); award when absent. */
  kind?: IssueKind;
  records: readonly KindRecord[];
  /** The signed credentials, in the order of `records`, and the batch's leaves in the same order. */
  credentials: readonly { id: string }[];
  leaves: readonly string[];
  root: string;
  signer: string;
  signature: string;
  /** The CredentialAnchor the batch was anchored on: the current deployment's when absent, or an earlier one it still lists. */
  anchor?: string;
  /** The manifest CID and anchoring transaction, where known (a batch taken in from its files knows neither: the chain's record gives the CID). */
  manifestCid?: string;
  transaction?: string;
}

/**
 * Takes a batch that was anchored elsewhere into the service, so the console shows it with the batches issued
 * through the API and its graduates' holdings are tracked (`source: "import"`). The chain is the authority: the
 * root must be anchored under the university's issuer, by the named key, with this count and manifest, on the
 * current contracts or on an earlier deployment the consortium still lists, or nothing is stored. Its graduates must
 * hold nothing yet (the lifecycle's `issue`, then `publish`).
 */
export async function importBatch(ctx: ServiceContext, batch: ExternalBatch): Promise<string> {
  const { issuerId } = await resolveIssuer(ctx.chain, ctx.keys.current(batch.universityId));
  const reader = ctx.chain.readerOf(batch.anchor ?? ctx.chain.deployment.anchor);
  const record = reader === null ? null : await reader.batch(issuerId, batch.root);
  if (
    record === null ||
    record.signer.toLowerCase() !== batch.signer.toLowerCase() ||
    record.count !== batch.records.length ||
    (batch.manifestCid !== undefined && record.manifestCid !== batch.manifestCid) ||
    batch.credentials.length !== batch.records.length ||
    batch.leaves.length !== batch.records.length
  ) {
    throw new ConflictError("IMPORT_NOT_ON_CHAIN", { params: { root: batch.root } });
  }
  const id = `batch_${randomUUID()}`;
  const now = new Date().toISOString();
  const kind = batch.kind ?? { kind: "award" };
  await ctx.db.transaction().execute(async (trx) => {
    // The lifecycle first: a graduate who holds a credential already refuses the import before anything is written.
    const scope = { universityId: batch.universityId, kind: kind.kind };
    try {
      await transitionHoldings(trx, scope, { by: "student", ids: batch.records.map((graduate) => graduate.studentId) }, { type: "issue", batchId: id });
    } catch (error) {
      // A graduate who already holds a credential: the row errors an upload would give, rows numbered by position.
      if (!(error instanceof HoldingsRefusedError)) throw error;
      throw uploadRefused(error, new Map(batch.records.map((graduate, index) => [graduate.studentId, index + 1])));
    }
    const existing = await trx.selectFrom("batches").select("id").where("root", "=", batch.root).executeTakeFirst();
    if (existing !== undefined) throw new ConflictError("BATCH_EXISTS", { params: { batch: existing.id } });
    await trx
      .insertInto("batches")
      .values({
        id,
        university_id: batch.universityId,
        state: "published",
        count: batch.records.length,
        supersedes: null,
        root: batch.root,
        signer: batch.signer,
        signature: batch.signature,
        manifest_cid: record.manifestCid,
        tx_hash: batch.transaction ?? null,
        block_number: record.blockNumber,
        label: batch.label,
        source: "import",
        ...(await storeBatchKind(trx, kind)),
        created_at: now,
        updated_at: now,
        published_at: new Date(record.anchoredAt * 1000).toISOString(),
      })
      .execute();
    for (let offset = 0; offset < batch.records.length; offset += 100) {
      await trx
        .insertInto("credentials")
        .values(
          batch.records.slice(offset, offset + 100).map((graduate, index) => {
            const { nameEn, nameZh } = namesOfRecord(graduate);
            return {
            id: batch.credentials[offset + index]!.id,
            batch_id: id,
            university_id: batch.universityId,
            position: offset + index,
            student_id: graduate.studentId,
            leaf: batch.leaves[offset + index]!,
            record: JSON.stringify(graduate),
            document: JSON.stringify(batch.credentials[offset + index]),
            kind: kind.kind,
            name_en: nameEn,
            name_zh: nameZh,
          };
          }),
        )
        .execute();
    }
    await transitionHoldings(trx, scope, { by: "pendingBatch", batchId: id }, { type: "publish", batchId: id });
  });
  await appendAudit(ctx.db, { universityId: batch.universityId, keyId: "import" }, "batch.import", id, "ok", { root: batch.root, count: batch.records.length, label: batch.label });
  return id;
}
