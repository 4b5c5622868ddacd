import type { Db } from "../db/openDatabase";
import { loadPublishedCredential } from "./CredentialRow";

export interface CredentialView {
  id: string;
  batchId: string;
  studentId: string;
  status: { revoked: boolean; revokedAt: string | null; reason: string | null; supersededBy: string | null };
  credential: unknown;
}

/** A released credential with its revocation status as this service knows it (the chain remains the authority). */
export async function getCredential(db: Db, universityId: string, id: string): Promise<CredentialView> {
  const row = await loadPublishedCredential(db, universityId, id);
  return {
    id: row.id,
    batchId: row.batch_id,
    studentId: row.student_id,
    status: { revoked: row.revoked_at !== null, revokedAt: row.revoked_at, reason: row.revocation_reason, supersededBy: row.superseded_by },
    credential: JSON.parse(row.document) as unknown,
  };
}
