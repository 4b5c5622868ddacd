import { z } from "zod";
import { type GraduateRecord, graduateRowOfRecord, hongKongDate, type KindRecord, validateGraduateRecord } from "@credanchor/core/issue";
import type { Db } from "../db/openDatabase";
import type { CredentialRow } from "./CredentialRow";
import { BadRequestError, UnprocessableError } from "../errors";
import { loadBatchKind } from "./BatchKind";
import { loadPublishedCredential } from "./CredentialRow";
import { createBatch } from "./createBatch";
import { HoldingsRefusedError } from "./HoldingsRefusedError";
import { credentialRefused } from "./refusalErrors";

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
 * Queues a corrected credential as a new one-credential batch. A correction (`mode: "correction"`) replaces a valid
 * credential, which the worker revokes (Superseded, reason = the new id) only after the new batch is confirmed; a
 * reissue after revocation (`mode: "reissueAfterRevocation"`) is the one way back from a revoked credential. The
 * lifecycle (transitionHoldings) decides which applies: a revoked credential cannot be corrected, a valid one is not
 * reissued after revocation, and nothing is reissued while a revocation or another reissue of it is under way.
 */
export async function reissueCredential(
  db: Db,
  universityId: string,
  id: string,
  corrections: Corrections,
  mode: "correction" | "reissueAfterRevocation" = "correction",
): Promise<string> {
  const row = await loadPublishedCredential(db, universityId, id);
  const batch = await db.selectFrom("batches").select(["kind", "kind_input"]).where("id", "=", row.batch_id).executeTakeFirstOrThrow();
  const kind = await loadBatchKind(db, batch);
  const record = kind.kind === "award" ? correctedAward(row, corrections) : reissuedAsItWas(row, corrections);
  try {
    return await db.transaction().execute((trx) => createBatch(trx, { universityId, kind, records: [record], mode, replaces: id }));
  } catch (error) {
    throw error instanceof HoldingsRefusedError ? credentialRefused(error) : error;
  }
}

/** An award's record with the corrections applied, validated as an upload's row would be. */
function correctedAward(row: CredentialRow, corrections: Corrections): GraduateRecord {
  // A corrected English honours class drops the old Chinese one, which would no longer match: it is translated again
  // or asked for (HONOURS_ZH_REQUIRED), and an emptied honoursEn leaves an award without honours.
  const stale = corrections.honoursEn !== undefined && corrections.honoursZh === undefined ? { honoursZh: undefined } : {};
  const corrected = { ...(JSON.parse(row.record) as GraduateRecord), ...stale, ...corrections };
  // The upload's own validator, so that nothing refused in a file can be anchored through a reissue (issue 14).
  const { record, errors } = validateGraduateRecord(graduateRowOfRecord(corrected), { row: 1, today: hongKongDate(), fieldNames: "record" });
  if (record === undefined) throw new UnprocessableError("INVALID_ROWS", { params: { count: errors.length }, details: errors });
  return record;
}

/**
 * A transcript or letter reissued as it was, issued today (a letter's validity runs from its new day of issue, as
 * the upload parsers date records). Their fields are corrected by uploading the student's rows again as a correction.
 */
function reissuedAsItWas(row: CredentialRow, corrections: Corrections): KindRecord {
  const fields = Object.keys(corrections);
  if (fields.length > 0) {
    const message = "corrects award certificates only: upload the corrected transcript or letter rows with mode=correction";
    throw new BadRequestError("INVALID_REQUEST", { details: fields.map((field) => ({ field: `body.${field}`, message })) });
  }
  return { ...(JSON.parse(row.record) as Exclude<KindRecord, GraduateRecord>), issuedOn: new Date().toISOString().slice(0, 10) };
}
