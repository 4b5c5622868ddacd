import type { Db } from "../db/openDatabase";

interface AuditRow {
  id: number;
  at: string;
  university_id: string | null;
  key_id: string | null;
  action: string;
  target: string | null;
  result: string;
  detail: string | null;
}

const COLUMNS = ["id", "at", "university_id", "key_id", "action", "target", "result", "detail"] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  // Quote always and neutralise leading formula characters: auditors open this file in spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The university's audit log, oldest first, as JSON lines or CSV, yielded row by row so it streams. */
export function* exportAudit(db: Db, universityId: string, format: "jsonl" | "csv"): Generator<string> {
  if (format === "csv") yield `${COLUMNS.join(",")}\n`;
  const rows = db.prepare("SELECT * FROM audit_log WHERE university_id = ? ORDER BY id").iterate(universityId) as Iterable<AuditRow>;
  for (const row of rows) {
    if (format === "csv") yield `${COLUMNS.map((column) => csvCell(row[column])).join(",")}\n`;
    else yield `${JSON.stringify({ ...row, detail: row.detail === null ? null : (JSON.parse(row.detail) as unknown) })}\n`;
  }
}
