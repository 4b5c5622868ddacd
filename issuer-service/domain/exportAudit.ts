import type { Db } from "../db/openDatabase";

/** Rows read per query: the export streams page by page, never the whole log in memory. */
const PAGE = 500;

const COLUMNS = ["id", "at", "university_id", "key_id", "action", "target", "result", "detail"] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  // Quote always and neutralise leading formula characters: auditors open this file in spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The university's audit log, oldest first, as JSON lines or CSV, yielded row by row so it streams. */
export async function* exportAudit(db: Db, universityId: string, format: "jsonl" | "csv"): AsyncGenerator<string> {
  if (format === "csv") yield `${COLUMNS.join(",")}\n`;
  for (let after = 0; ; ) {
    const rows = await db.selectFrom("audit_log").selectAll().where("university_id", "=", universityId).where("id", ">", after).orderBy("id").limit(PAGE).execute();
    for (const row of rows) {
      if (format === "csv") yield `${COLUMNS.map((column) => csvCell(row[column])).join(",")}\n`;
      else yield `${JSON.stringify({ ...row, detail: row.detail === null ? null : (JSON.parse(row.detail) as unknown) })}\n`;
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}
