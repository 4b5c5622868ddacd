import type { Db } from "../db/openDatabase";
import { toBatchView, type BatchView } from "./BatchView";

/**
 * The university's batches, newest first, paged by an opaque cursor (the last seen sequence number) so that pages
 * stay stable while new batches arrive.
 */
export async function listBatches(
  db: Db,
  universityId: string,
  page: { limit: number; cursor?: string },
  latestBlock: number | null,
): Promise<{ items: BatchView[]; nextCursor: string | null }> {
  const decoded = page.cursor === undefined ? undefined : Number.parseInt(Buffer.from(page.cursor, "base64url").toString(), 10);
  // seq is a 32-bit column on PostgreSQL: a forged cursor beyond it must page, not fail the query.
  const before = decoded === undefined ? undefined : Number.isSafeInteger(decoded) ? Math.min(decoded, 2_147_483_647) : 0;
  const rows = await db
    .selectFrom("batches")
    .selectAll()
    .where("university_id", "=", universityId)
    .$if(before !== undefined, (query) => query.where("seq", "<", before!))
    .orderBy("seq", "desc")
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    items: await Promise.all(items.map((row) => toBatchView(db, row, latestBlock))),
    nextCursor: rows.length > page.limit && last !== undefined ? Buffer.from(String(last.seq)).toString("base64url") : null,
  };
}
