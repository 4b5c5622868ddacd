import type { Db } from "../db/openDatabase";
import { bindHoldings } from "./bindHoldings";

/**
 * Binds to the account every holding (of every kind) that `universityId` issued to `studentId`, as that university's
 * own sign-on vouched for the student id. Only that university's: another university's graduate may have the same
 * student id. Revoked ones too, so they show as revoked. Returns how many were new.
 */
export async function bindByStudentId(db: Db, accountId: string, universityId: string, studentId: string, now = new Date()): Promise<number> {
  const holdings = await db
    .selectFrom("holdings")
    .select(["university_id", "student_id", "kind"])
    .where("university_id", "=", universityId)
    .where("student_id", "=", studentId)
    .where("credential_id", "is not", null)
    .execute();
  return bindHoldings(db, accountId, holdings, "studentId", now);
}
