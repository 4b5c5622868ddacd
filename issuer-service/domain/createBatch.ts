import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { GraduateRecord } from "@credanchor/core/issue";
import type { BatchMode, Database } from "../db/schema";
import { transitionHoldings } from "./transitionHoldings";

/** Rows per stored chunk: small enough to keep one row modest, large enough that 50,000 rows are 50 inserts. */
export const ROWS_PER_CHUNK = 1000;

/** The one kind of credential the service issues today; the lifecycle is kept per kind. */
export const CREDENTIAL_KIND = "degree";

export interface NewBatch {
  universityId: string;
  records: readonly GraduateRecord[];
  mode: BatchMode;
  label?: string | null;
  /** The one credential a reissue replaces (a correction of it, or a reissue after its revocation). */
  replaces?: string;
}

/**
 * Persists validated graduate records as a new batch in state `validated` for the worker to build, sign and
 * anchor, and moves every graduate's holding into the batch (transitionHoldings: a new issue, a correction, or a
 * reissue after revocation), refusing the whole batch if any graduate's lifecycle does not allow it. Call it inside
 * a transaction, so the batch, its rows, the holdings and whatever the caller binds to the batch are committed
 * together or not at all. The upload request never does the heavy work itself.
 */
export async function createBatch(trx: Transaction<Database>, batch: NewBatch): Promise<string> {
  const id = `batch_${randomUUID()}`;
  const now = new Date().toISOString();
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
  const scope = { universityId: batch.universityId, kind: CREDENTIAL_KIND };
  if (batch.replaces !== undefined) {
    const type = batch.mode === "reissueAfterRevocation" ? "reissueAfterRevocation" : "correct";
    await transitionHoldings(trx, scope, { by: "credential", ids: [batch.replaces] }, { type, batchId: id });
  } else {
    const type = batch.mode === "correction" ? "correct" : "issue";
    await transitionHoldings(trx, scope, { by: "student", ids: batch.records.map((record) => record.studentId) }, { type, batchId: id });
  }
  return id;
}
