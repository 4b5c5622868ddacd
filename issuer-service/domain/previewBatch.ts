import type { KindRecord } from "@credanchor/core/issue";
import type { CredentialKind } from "@credanchor/core/protocol";
import type { Db } from "../db/openDatabase";
import type { HoldingState } from "../db/schema";
import { lifecycleRowError, type LifecycleRowError } from "./refusalErrors";
import { refusalOf } from "./transitionHoldings";

/** Records of the preview: what an employer will see of the first graduates (or transcripts, or letters). */
const PREVIEW_ROWS = 5;
const CHUNK = 500;

export interface BatchPreview {
  dryRun: true;
  kind: CredentialKind;
  count: number;
  preview: KindRecord[];
  /** The rows the upload would refuse for a graduate's lifecycle (already holds, revoked, pending). */
  warnings: LifecycleRowError[];
}

/**
 * A dry run of an upload: nothing is stored. It shows the first rows and, for every graduate the lifecycle would
 * refuse in this mode, the row error the real upload would give, so the registrar decides before anything is
 * anchored.
 */
export async function previewBatch(
  db: Db,
  universityId: string,
  kind: CredentialKind,
  parsed: { records: readonly KindRecord[]; rows: readonly number[] },
  mode: "issue" | "correction",
): Promise<BatchPreview> {
  const studentIds = parsed.records.map((record) => record.studentId);
  const found = new Map<string, { state: HoldingState; credential_id: string | null; pending_batch_id: string | null }>();
  for (let offset = 0; offset < studentIds.length; offset += CHUNK) {
    const rows = await db
      .selectFrom("holdings")
      .select(["student_id", "state", "credential_id", "pending_batch_id"])
      .where("university_id", "=", universityId)
      .where("kind", "=", kind)
      .where("student_id", "in", studentIds.slice(offset, offset + CHUNK))
      .execute();
    for (const row of rows) found.set(row.student_id, row);
  }
  const event = mode === "correction" ? "correct" : "issue";
  const warnings: LifecycleRowError[] = [];
  studentIds.forEach((studentId, index) => {
    const holding = found.get(studentId);
    const code = refusalOf(event, holding?.state ?? "none");
    if (code === null) return;
    const refusal = { studentId, state: holding?.state ?? "none", credential: holding?.credential_id ?? null, pendingBatch: holding?.pending_batch_id ?? null, code } as const;
    warnings.push(lifecycleRowError(refusal, parsed.rows[index] ?? 0));
  });
  return { dryRun: true, kind, count: parsed.records.length, preview: parsed.records.slice(0, PREVIEW_ROWS), warnings };
}
