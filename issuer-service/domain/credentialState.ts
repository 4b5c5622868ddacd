import type { BatchState } from "../db/schema";

/** What a credential is for its graduate and the outside world. */
export type CredentialState = "pending" | "valid" | "revoked" | "superseded";

/** A credential's state from its batch and its own revocation record. */
export function credentialState(row: { batch_state: BatchState; revoked_at: string | null; superseded_by: string | null }): CredentialState {
  if (row.batch_state !== "published") return "pending";
  if (row.superseded_by !== null) return "superseded";
  return row.revoked_at === null ? "valid" : "revoked";
}
