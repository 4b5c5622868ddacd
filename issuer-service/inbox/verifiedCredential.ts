import {
  membersOf,
  readLocalisedText,
  reportHeadline,
  type CredentialKind,
  type LocalisedText,
  type ReportStatus,
  type VerificationReport,
} from "@credanchor/core/protocol";

/** One submitted credential as the reviewer's browser verified it: the verdict and what the credential shows. */
export interface VerifiedCredential {
  kind: CredentialKind | null;
  status: ReportStatus;
  /** The verdict, or for anything not VALID its reason, in a sentence (core's report headline). */
  headline: LocalisedText;
  studentId: string | null;
  name: Partial<LocalisedText> | null;
  /** A degree's title, a transcript's programme; a letter names none. */
  award: Partial<LocalisedText> | null;
  /** As the registry names the issuer when the issuer check passed, else as the credential says. */
  university: Partial<LocalisedText> | null;
  /** `YYYY-MM-DD`: a degree's award date, a completed transcript's completion date. */
  awardDate: string | null;
  blockNumber: number | null;
  verifiedAt: string;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** Either half of a bilingual text may be hidden or missing; null when both are. */
function bilingual(value: unknown): Partial<LocalisedText> | null {
  return readLocalisedText(value) ?? null;
}

/**
 * What a reviewer is shown of one verified credential. The document's content counts only as far as FORMAT passed
 * (a report with no credential shows none of it); the issuer's name is the registry's once the issuer check passed.
 */
export function verifiedCredential(document: unknown, report: VerificationReport): VerifiedCredential {
  const issuer = report.checks.find((check) => check.check === "ISSUER");
  const registered = issuer?.status === "VALID" ? issuer.data : undefined;
  const anchor = report.checks.find((check) => check.check === "ANCHOR");
  const block = anchor?.status === "VALID" ? anchor.data?.blockNumber : undefined;
  const subject = report.credential === null ? {} : membersOf(membersOf(document).credentialSubject);
  return {
    kind: report.credential?.kind ?? null,
    status: report.status,
    headline: reportHeadline(report),
    studentId: text(subject.studentId),
    name: bilingual(subject.name),
    award: bilingual(subject.degree) ?? bilingual(subject.programme),
    university:
      typeof registered?.nameEn === "string" && typeof registered.nameZh === "string"
        ? { en: registered.nameEn, "zh-Hant": registered.nameZh }
        : (report.credential?.issuerName ?? null),
    awardDate: text(subject.awardDate) ?? text(subject.completionDate),
    blockNumber: typeof block === "number" ? block : null,
    verifiedAt: report.verifiedAt,
  };
}
