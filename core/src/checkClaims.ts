import type { LocalisedText } from "./i18n/Language";
import type { ApplicantClaim } from "./parseApplicantList";
import type { ReportStatus } from "./VerificationReport";

/** What the verifier established about one credential file (a bulk row). */
export interface VerifiedFacts {
  file: string;
  status: ReportStatus;
  name: Partial<LocalisedText> | null;
  award: Partial<LocalisedText> | null;
  university: Partial<LocalisedText> | null;
  /** `YYYY-MM-DD`. */
  awardDate: string | null;
}

/**
 * One claimed detail against the credential: `match`, `mismatch`, `notClaimed` (the list leaves it empty) or
 * `notShown` (the holder hid it, or the credential has no such detail).
 */
export type ClaimOutcome = "match" | "mismatch" | "notClaimed" | "notShown";

export const CLAIM_FIELDS = ["name", "award", "university", "year"] as const;
export type ClaimField = (typeof CLAIM_FIELDS)[number];

export interface ClaimCheck {
  claim: ApplicantClaim;
  /** `noFile`: no credential with that file name was verified; `notVerified`: it was, but is not VALID. */
  standing: "verified" | "notVerified" | "noFile";
  status: ReportStatus | null;
  /** Per field; only compared when the credential is VALID, since an unverified credential proves nothing. */
  fields: Record<ClaimField, ClaimOutcome> | null;
}

/**
 * How a person writes a name, folded so that only a different name differs: Unicode NFC (a decomposed é is é),
 * case, and all spacing (ordinary and ideographic spaces, none at all between Chinese characters).
 */
function fold(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/[\s\u3000]+/gu, "");
}

function compare(claimed: string, shown: (string | undefined)[]): ClaimOutcome {
  if (claimed.trim() === "") return "notClaimed";
  const known = shown.filter((value): value is string => value !== undefined && value !== "");
  if (known.length === 0) return "notShown";
  return known.some((value) => fold(value) === fold(claimed)) ? "match" : "mismatch";
}

const both = (text: Partial<LocalisedText> | null) => [text?.en, text?.["zh-Hant"]];

/** Whether a bulk row's file is the one the list names: the same name, or the same name inside a ZIP. */
function sameFile(row: string, listed: string): boolean {
  return listed !== "" && (row === listed || row.endsWith(`/${listed}`));
}

/**
 * The claims check of an admissions office: each applicant's claimed name, award, university and year against the
 * credential file they sent, as verified. A name matches in either language.
 */
export function checkClaims(claim: ApplicantClaim, verified: readonly VerifiedFacts[]): ClaimCheck {
  const facts = verified.find((row) => sameFile(row.file, claim.file));
  if (facts === undefined) return { claim, standing: "noFile", status: null, fields: null };
  if (facts.status !== "VALID") return { claim, standing: "notVerified", status: facts.status, fields: null };
  return {
    claim,
    standing: "verified",
    status: facts.status,
    fields: {
      name: compare(claim.name, both(facts.name)),
      award: compare(claim.award, both(facts.award)),
      university: compare(claim.university, both(facts.university)),
      year: compare(claim.year, [facts.awardDate?.slice(0, 4)]),
    },
  };
}
