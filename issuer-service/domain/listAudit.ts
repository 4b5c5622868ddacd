import type { Db } from "../db/openDatabase";
import { decodeCursor, encodeCursor } from "./keysetCursor";

export interface AuditEntry {
  id: number;
  at: string;
  keyId: string | null;
  action: string;
  target: string | null;
  result: string;
  detail: unknown;
}

/** One page of the university's audit log, newest first; the cursor is the last entry's id. */
export async function listAudit(db: Db, universityId: string, page: { limit: number; cursor?: string }): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const [before] = page.cursor === undefined ? [] : decodeCursor(page.cursor, 1);
  const rows = await db
    .selectFrom("audit_log")
    .selectAll()
    .where("university_id", "=", universityId)
    .$if(before !== undefined, (q) => q.where("id", "<", before!))
    .orderBy("id", "desc")
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map((row) => ({
    id: row.id,
    at: row.at,
    keyId: row.key_id,
    action: row.action,
    target: row.target,
    result: row.result,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as unknown),
  }));
  return { items, nextCursor: rows.length > page.limit ? encodeCursor([items[items.length - 1]!.id]) : null };
}
