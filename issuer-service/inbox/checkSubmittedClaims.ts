import { checkClaims } from "@credanchor/core/protocol";
import type { ClaimedDetails } from "../requests/RequestInput";
import type { CheckedCredential } from "./InboxRow";
import type { VerifiedCredential } from "./verifiedCredential";

/** The one file of the comparison: core's check pairs claims with files by name, a submission has its own. */
const SUBMITTED = "submitted";

/**
 * The applicant's claimed details (name, award, university, award year, from the request or its CSV row) against
 * each credential they submitted, field by field with core's checkClaims: compared only when the credential is
 * VALID, since an unverified credential proves nothing.
 */
export function checkSubmittedClaims(reference: string, claimed: ClaimedDetails, credentials: readonly VerifiedCredential[]): CheckedCredential[] {
  const claim = { reference, name: claimed.name, award: claimed.award, university: claimed.university, year: claimed.awardYear, file: SUBMITTED };
  return credentials.map((credential) => ({ ...credential, claims: checkClaims(claim, [{ ...credential, file: SUBMITTED }]).fields }));
}
