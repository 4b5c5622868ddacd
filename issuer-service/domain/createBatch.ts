import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { IssueKind, KindRecord } from "@credanchor/core/issue";
import type { BatchMode, Database } from "../db/schema";
import { storeBatchKind } from "./BatchKind";
import { transitionHoldings } from "./transitionHoldings";

/** Rows per stored chunk: small enough to keep one row modest, large enough that 50,000 rows are 50 inserts. */
export const ROWS_PER_CHUNK = 1000;

export interface NewBatch {
  universityId: string;
  /** The kind and what it is issued with; `records` are of that kind (parseUpload). */
  kind: IssueKind;
  records: readonly KindRecord[];
  mode: BatchMode;
  label?: string | null;
  /** The one credential a reissue replaces (a correction of it, or a reissue after its revocation). */
  replaces?: string;
}

/**
 * Persists validated input records of one kind as a new batch in state `validated` for the worker to build, sign and
 * anchor, and moves every graduate's holding into the batch (transitionHoldings: a new issue, a correction, or a
 * reissue after revocation), refusing the whole batch if any graduate's lifecycle does not allow it. Call it inside
 * a transaction, so the batch, its rows, the holdings and whatever the caller binds to the batch are committed
 * together or not at all. The upload request never does the heavy work itself.
 */
export async function createBatch(trx: Transaction<Database>, batch: NewBatch): Promise<string> {
  const id = `batch_${randomUUID()}`;
  const now = new Date().toISOString();
  const kind = await storeBatchKind(trx, batch.kind);
  await trx
    .insertInto("batches")
    .values({
      id,
      university_id: batch.universityId,
      state: "validated",
      count: batch.records.length,
      supersedes: batch.replaces ?? null,
      label: batch.label ?? null,
      mode: batch.mode,
      ...kind,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (let offset = 0, chunk = 0; offset < batch.records.length; offset += ROWS_PER_CHUNK, chunk++) {
    await trx
      .insertInto("batch_rows")
      .values({ batch_id: id, chunk, records: JSON.stringify(batch.records.slice(offset, offset + ROWS_PER_CHUNK)) })
      .execute();
  }
  // The lifecycle is per kind: a graduate holds at most one live credential of each kind.
  const scope = { universityId: batch.universityId, kind: kind.kind };
  if (batch.replaces !== undefined) {
    const type = batch.mode === "reissueAfterRevocation" ? "reissueAfterRevocation" : "correct";
    await transitionHoldings(trx, scope, { by: "credential", ids: [batch.replaces] }, { type, batchId: id });
  } else {
    const type = batch.mode === "correction" ? "correct" : "issue";
    await transitionHoldings(trx, scope, { by: "student", ids: batch.records.map((record) => record.studentId) }, { type, batchId: id });
  }
  return id;
}
