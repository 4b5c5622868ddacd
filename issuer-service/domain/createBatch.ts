import { randomUUID } from "node:crypto";
import type { GraduateRecord } from "@credanchor/core/issue";
import type { Transaction } from "kysely";
import type { Database } from "../db/schema";

/** Rows per stored chunk: small enough to keep one row modest, large enough that 50,000 rows are 50 inserts. */
export const ROWS_PER_CHUNK = 1000;

/**
 * Persists validated graduate records as a new batch in state `validated` for the worker to build, sign and
 * anchor; the upload request never does the heavy work itself. Call it inside a transaction (`trx`), so the batch
 * and its rows, and whatever the caller binds to the batch, are committed together or not at all.
 */
export async function createBatch(trx: Transaction<Database>, universityId: string, records: readonly GraduateRecord[], supersedes: string | null = null): Promise<string> {
  const id = `batch_${randomUUID()}`;
  const now = new Date().toISOString();
  await trx
    .insertInto("batches")
    .values({ id, university_id: universityId, state: "validated", count: records.length, supersedes, created_at: now, updated_at: now })
    .execute();
  for (let offset = 0, chunk = 0; offset < records.length; offset += ROWS_PER_CHUNK, chunk++) {
    await trx
      .insertInto("batch_rows")
      .values({ batch_id: id, chunk, records: JSON.stringify(records.slice(offset, offset + ROWS_PER_CHUNK)) })
      .execute();
  }
  return id;
}
