import { z } from "zod";
import { type GraduateRecord, graduateRowOfRecord, hongKongDate, validateGraduateRecord } from "@credanchor/core/issue";
import type { Db } from "../db/openDatabase";
import { ConflictError, UnprocessableError } from "../errors";
import { assertNotRevoked, loadPublishedCredential } from "./CredentialRow";
import { createBatch } from "./createBatch";

/**
 * Fields a correction may change (the student id identifies the graduate and stays). Only the shape is checked here
 * (400 for an unknown field); whether the values make a valid record is a 422 row error, exactly as for an upload's
 * row (validateGraduateRecord). An empty honoursEn removes the honours (an award without a class).
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
  // A corrected English honours class drops the old Chinese one, which would no longer match: it is translated again
  // or asked for (HONOURS_ZH_REQUIRED), and an emptied honoursEn leaves an award without honours.
  const stale = corrections.honoursEn !== undefined && corrections.honoursZh === undefined ? { honoursZh: undefined } : {};
  const corrected = { ...(JSON.parse(row.record) as GraduateRecord), ...stale, ...corrections };
  // The upload's own validator, so that nothing refused in a file can be anchored through a reissue (issue 14).
  const { record, errors } = validateGraduateRecord(graduateRowOfRecord(corrected), { row: 1, today: hongKongDate(), fieldNames: "record" });
  if (record === undefined) throw new UnprocessableError("INVALID_ROWS", { params: { count: errors.length }, details: errors });
  return db.transaction().execute((trx) => createBatch(trx, universityId, [record], id));
}
