import type { Db } from "../db/openDatabase";

export interface Actor {
  universityId: string;
  keyId: string;
}

/** Records one action in the append-only audit log (triggers in the schema reject UPDATE and DELETE). */
export async function appendAudit(
  db: Db,
  actor: Actor | null,
  action: string,
  target: string | null,
  result: string,
  detail?: Record<string, unknown>,
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      at: new Date().toISOString(),
      university_id: actor?.universityId ?? null,
      key_id: actor?.keyId ?? null,
      action,
      target,
      result,
      detail: detail === undefined ? null : JSON.stringify(detail),
    })
    .execute();
}
