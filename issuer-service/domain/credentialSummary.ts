import type { GraduateRecord, TranscriptRecord } from "@credanchor/core/issue";
import { type CredentialKind, type LetterCredential, renderLetter } from "@credanchor/core/protocol";

/** What a list shows of a credential of any kind: a bilingual title and the date it is known by. */
export interface CredentialSummary {
  /** The degree of an award, the programme of a transcript, the title of a letter. */
  title: { en: string; "zh-Hant": string };
  /** `YYYY-MM-DD`: an award's award date, a transcript's status date (completion, as-of or withdrawal), a letter's day of issue. */
  date: string;
}

/** The summary of a stored credential from its record (and, for a letter, its document, where the template's title is). */
export function credentialSummary(kind: CredentialKind, record: string, document: () => string): CredentialSummary {
  if (kind === "transcript") {
    const transcript = JSON.parse(record) as TranscriptRecord;
    return { title: transcript.programme, date: transcript.completionDate ?? transcript.asOf ?? transcript.withdrawalDate ?? transcript.issuedOn };
  }
  if (kind === "letter") {
    const letter = JSON.parse(document()) as LetterCredential;
    return { title: { en: renderLetter(letter, "en").title, "zh-Hant": renderLetter(letter, "zh-Hant").title }, date: letter.validFrom.slice(0, 10) };
  }
  const award = JSON.parse(record) as GraduateRecord;
  return { title: { en: award.degreeEn, "zh-Hant": award.degreeZh }, date: award.awardDate };
}
