import type { Db } from "../db/openDatabase";
import { toBatchView, type BatchRow, type BatchView } from "./BatchView";

/**
 * The university's batches, newest first, paged by an opaque cursor (the last seen sequence number) so that pages
 * stay stable while new batches arrive.
 */
export function listBatches(
  db: Db,
  universityId: string,
  page: { limit: number; cursor?: string },
  latestBlock: number | null,
): { items: BatchView[]; nextCursor: string | null } {
  const before = page.cursor === undefined ? Number.MAX_SAFE_INTEGER : Number.parseInt(Buffer.from(page.cursor, "base64url").toString(), 10);
  const rows = db
    .prepare("SELECT * FROM batches WHERE university_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?")
    .all(universityId, Number.isFinite(before) ? before : 0, page.limit + 1) as BatchRow[];
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((row) => toBatchView(db, row, latestBlock)),
    nextCursor: rows.length > page.limit && last !== undefined ? Buffer.from(String(last.seq)).toString("base64url") : null,
  };
}
