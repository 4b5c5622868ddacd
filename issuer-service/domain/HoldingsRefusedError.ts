import type { HoldingState } from "../db/schema";

/** One holding an event did not apply to, with what was found instead. */
export interface HoldingRefusal {
  studentId: string | null;
  state: HoldingState | "none";
  /** The holding's current credential (or the credential asked for, when it is no holding's current one). */
  credential: string | null;
  /** The batch about to issue or replace the holding's credential, when one is pending. */
  pendingBatch: string | null;
  code: "ALREADY_HOLDS" | "PENDING" | "NOT_PENDING" | "REVOKED" | "REVOCATION_IN_PROGRESS" | "NO_CREDENTIAL" | "SUPERSEDED";
}

/**
 * The lifecycle refused an event for some holdings, so nothing of it happened (the transaction rolls back). Upload
 * routes turn the refusals into row errors, credential routes into a 409.
 */
export class HoldingsRefusedError extends Error {
  override name = "HoldingsRefusedError";

  constructor(readonly refusals: readonly HoldingRefusal[]) {
    super(`${refusals.length} credential holding(s) refused the transition: ${refusals.slice(0, 3).map((r) => `${r.studentId ?? r.credential}: ${r.code}`).join(", ")}`);
  }
}
