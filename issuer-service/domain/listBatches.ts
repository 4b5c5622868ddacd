import type { CredentialKind } from "@credanchor/core/protocol";
import type { Db } from "../db/openDatabase";
import { batchViewOf, countCredentials, type BatchView } from "./BatchView";
import { decodeCursor, encodeCursor } from "./keysetCursor";

/**
 * The university's batches (of one kind, when asked), newest first, paged by an opaque cursor (the last seen sequence number) so that pages
 * stay stable while new batches arrive.
 */
export async function listBatches(
  db: Db,
  universityId: string,
  page: { limit: number; cursor?: string; kind?: CredentialKind },
  latestBlock: number | null,
): Promise<{ items: BatchView[]; nextCursor: string | null }> {
  const [before] = page.cursor === undefined ? [] : decodeCursor(page.cursor, 1);
  const rows = await db
    .selectFrom("batches")
    .selectAll()
    .where("university_id", "=", universityId)
    .$if(page.kind !== undefined, (query) => query.where("kind", "=", page.kind!))
    .$if(before !== undefined, (query) => query.where("seq", "<", before!))
    .orderBy("seq", "desc")
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  const counts = await countCredentials(db, items.map((row) => row.id));
  return {
    items: items.map((row) => batchViewOf(row, counts.get(row.id), latestBlock)),
    nextCursor: rows.length > page.limit && last !== undefined ? encodeCursor([last.seq]) : null,
  };
}
