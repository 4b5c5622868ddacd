import { randomUUID } from "node:crypto";
import type { GraduateRecord } from "@credanchor/core/issue";
import type { Db } from "../db/openDatabase";

/** Rows per stored chunk: small enough to keep one row of SQLite modest, large enough that 50,000 rows are 50 inserts. */
export const ROWS_PER_CHUNK = 1000;

/**
 * Persists validated graduate records as a new batch in state `validated`, in one transaction, for the worker to
 * build, sign and anchor. The upload request never does the heavy work itself.
 */
export function createBatch(db: Db, universityId: string, records: readonly GraduateRecord[], supersedes: string | null = null): string {
  const id = `batch_${randomUUID()}`;
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare(
      "INSERT INTO batches (id, university_id, state, count, supersedes, created_at, updated_at) VALUES (?, ?, 'validated', ?, ?, ?, ?)",
    ).run(id, universityId, records.length, supersedes, now, now);
    const insert = db.prepare("INSERT INTO batch_rows (batch_id, chunk, records) VALUES (?, ?, ?)");
    for (let offset = 0, chunk = 0; offset < records.length; offset += ROWS_PER_CHUNK, chunk++) {
      insert.run(id, chunk, JSON.stringify(records.slice(offset, offset + ROWS_PER_CHUNK)));
    }
  })();
  return id;
}
