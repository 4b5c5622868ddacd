import { z } from "zod";
import { GraduateRecord } from "@credanchor/core/issue";
import type { Db } from "../db/openDatabase";
import { ConflictError, UnprocessableError } from "../errors";
import { translate } from "../i18n/translate";
import { assertNotRevoked, loadPublishedCredential } from "./CredentialRow";
import { createBatch } from "./createBatch";
import type { RowError } from "./parseUpload";

/**
 * Fields a correction may change (the student id identifies the graduate and stays). Only the shape is checked here
 * (400 for an unknown field); whether the values make a valid record is a 422 row error, like an upload's.
 */
export const CorrectableFields = z
  .object({
    nameEn: z.string(),
    nameZh: z.string(),
    degreeEn: z.string(),
    degreeZh: z.string(),
    majorEn: z.string(),
    majorZh: z.string(),
    honoursEn: z.string(),
    honoursZh: z.string(),
    awardDate: z.string(),
    gpa: z.number(),
    dateOfBirth: z.string(),
    validUntil: z.string(),
  })
  .partial()
  .strict();
export type Corrections = z.infer<typeof CorrectableFields>;

/**
 * Queues a corrected credential as a new one-credential batch that supersedes the old one. The old credential is
 * revoked (Superseded, reason = the new id) by the worker only after the new batch is confirmed.
 */
export async function reissueCredential(db: Db, universityId: string, id: string, corrections: Corrections): Promise<string> {
  const row = await loadPublishedCredential(db, universityId, id);
  assertNotRevoked(row);
  const pending = await db.selectFrom("batches").select("id").where("supersedes", "=", id).where("state", "!=", "failed").executeTakeFirst();
  if (pending !== undefined) throw new ConflictError("REISSUE_IN_PROGRESS", { params: { batch: pending.id } });
  const merged = GraduateRecord.safeParse({ ...(JSON.parse(row.record) as GraduateRecord), ...corrections });
  if (!merged.success) {
    const errors: RowError[] = merged.error.issues.map((issue) => ({
      row: 1,
      field: issue.path.map(String).join("."),
      code: "INVALID_FIELD",
      message: translate("row.INVALID_FIELD", { field: issue.path.map(String).join(".") }),
    }));
    throw new UnprocessableError("INVALID_ROWS", { params: { count: errors.length }, details: errors });
  }
  return db.transaction().execute((trx) => createBatch(trx, universityId, [merged.data], id));
}
