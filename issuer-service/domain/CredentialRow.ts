import type { Db } from "../db/openDatabase";
import { ConflictError, NotFoundError } from "../errors";

export interface CredentialRow {
  id: string;
  batch_id: string;
  university_id: string;
  position: number;
  student_id: string;
  leaf: string;
  record: string;
  document: string;
  revoked_at: string | null;
  revocation_reason: string | null;
  superseded_by: string | null;
  batch_state: string;
}

/**
 * A credential of the university whose batch is published. Another university's credential and one whose batch is
 * not yet confirmed on chain are both "not found": a credential exists for the outside world only once released.
 */
export function loadPublishedCredential(db: Db, universityId: string, id: string): CredentialRow {
  const row = db
    .prepare("SELECT c.*, b.state AS batch_state FROM credentials c JOIN batches b ON b.id = c.batch_id WHERE c.id = ? AND c.university_id = ?")
    .get(id, universityId) as CredentialRow | undefined;
  if (row === undefined || row.batch_state !== "published") throw new NotFoundError("credential");
  return row;
}

export function assertNotRevoked(row: CredentialRow): void {
  if (row.revoked_at !== null) {
    throw new ConflictError("ALREADY_REVOKED", { details: row.superseded_by === null ? undefined : { supersededBy: row.superseded_by } });
  }
}
