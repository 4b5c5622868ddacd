import type { Db } from "../db/openDatabase";

export interface Actor {
  universityId: string;
  keyId: string;
}

/** Records one action in the append-only audit log (triggers in the schema reject UPDATE and DELETE). */
export function appendAudit(
  db: Db,
  actor: Actor | null,
  action: string,
  target: string | null,
  result: string,
  detail?: Record<string, unknown>,
): void {
  db.prepare("INSERT INTO audit_log (at, university_id, key_id, action, target, result, detail) VALUES (?, ?, ?, ?, ?, ?, ?)").run(
    new Date().toISOString(),
    actor?.universityId ?? null,
    actor?.keyId ?? null,
    action,
    target,
    result,
    detail === undefined ? null : JSON.stringify(detail),
  );
}
