import { createHmac } from "node:crypto";
import type { Db } from "../db/openDatabase";
import { BadRequestError } from "../errors";
import { bindHoldings } from "./bindHoldings";

/** Letters and digits only, upper case: `a123456(3)`, `A 123456 3` and `A1234563` are one number. */
const normalise = (number: string) => number.toUpperCase().replace(/[^A-Z0-9]/g, "");
const NUMBER = /^[A-Z0-9]{6,20}$/;
const HEADER = "student_id,id_document_number";

/** The number's HMAC-SHA-256 under the service's key: what is stored and compared, never the number. */
export function identityHash(key: string, number: string): Buffer {
  return createHmac("sha256", key).update(normalise(number), "utf8").digest();
}

/**
 * Records the identity-document numbers of a batch's graduates (a CSV `student_id,id_document_number`), each as
 * its keyed hash, replacing an earlier one for the same student. Every row must name a graduate of the batch; a
 * bad row is named by its number and column, never by the value it holds. Nothing is stored unless every row is good.
 */
export async function recordIdentities(db: Db, key: string, universityId: string, batchId: string, csv: string, now = new Date()): Promise<number> {
  const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/).filter((line) => line.trim() !== "");
  const fields: { field: string; message: string }[] = [];
  if (lines[0]?.replace(/"/g, "").trim() !== HEADER) fields.push({ field: "body.row1", message: `the header must be ${HEADER}` });
  const students = new Set(
    (await db.selectFrom("credentials").select("student_id").where("batch_id", "=", batchId).where("university_id", "=", universityId).execute()).map((row) => row.student_id),
  );
  const rows = lines.slice(1).map((line, index) => {
    const [studentId = "", number = "", ...rest] = line.split(",").map((cell) => cell.trim().replace(/^"|"$/g, ""));
    const row = index + 2;
    if (rest.length > 0) fields.push({ field: `body.row${row}`, message: "has more than two columns" });
    if (!students.has(studentId)) fields.push({ field: `body.row${row}.student_id`, message: "is not a graduate of this batch" });
    if (!NUMBER.test(normalise(number))) fields.push({ field: `body.row${row}.id_document_number`, message: "must be 6 to 20 letters and digits (brackets and spaces are ignored)" });
    return { studentId, hash: identityHash(key, number) };
  });
  if (rows.length === 0) fields.push({ field: "body", message: "has no rows" });
  if (fields.length > 0) throw new BadRequestError("INVALID_REQUEST", { details: fields.slice(0, 100) });
  await db.transaction().execute(async (trx) => {
    for (const row of rows) {
      await trx
        .insertInto("identity_hashes")
        .values({ university_id: universityId, student_id: row.studentId, hash: row.hash, recorded_at: now.toISOString() })
        .onConflict((conflict) => conflict.columns(["university_id", "student_id"]).doUpdateSet({ hash: row.hash, recorded_at: now.toISOString() }))
        .execute();
    }
  });
  return rows.length;
}

/**
 * Binds to the account every holding, at every university and of every kind, whose graduate's number hashes to
 * `hash`; revoked ones too, so the graduate sees them as revoked rather than not at all. Returns how many were new.
 */
export async function bindByIdentity(db: Db, accountId: string, hash: Buffer, now = new Date()): Promise<number> {
  const holdings = await db
    .selectFrom("identity_hashes")
    .innerJoin("holdings", (join) => join.onRef("holdings.university_id", "=", "identity_hashes.university_id").onRef("holdings.student_id", "=", "identity_hashes.student_id"))
    .select(["holdings.university_id", "holdings.student_id", "holdings.kind"])
    .where("identity_hashes.hash", "=", hash)
    .where("holdings.credential_id", "is not", null)
    .execute();
  return bindHoldings(db, accountId, holdings, "identity", now);
}
