import type { ClaimField, ClaimOutcome, LocalisedText } from "@credanchor/core/protocol";
import type { InstitutionRequest } from "../requests/institutionRequests";
import type { VerifiedCredential } from "./verifiedCredential";

/** A request as the API lists it for its organisation. */
export type InboxRequest = InstitutionRequest & { link: string };

/** A verified credential with the applicant's claimed details checked against it (null: not VALID, nothing compared). */
export type CheckedCredential = VerifiedCredential & { claims: Record<ClaimField, ClaimOutcome> | null };

/**
 * Where a request's submission stands in this browser: nothing to read (not submitted, withdrawn or expired),
 * being fetched and verified, verified, or unreadable (the reason in both languages).
 */
export type SubmissionView =
  | { state: "none" }
  | { state: "verifying" }
  | { state: "verified"; credentials: CheckedCredential[] }
  | { state: "failed"; reason: LocalisedText };

/** One line of the inbox: a request and what this browser made of its submission. */
export interface InboxRow {
  request: InboxRequest;
  submission: SubmissionView;
}
