import type { TranscriptRecord } from "@credanchor/core/issue";
import type { MessageKey } from "../i18n/en";
import { i18n } from "./i18n";

/** What a transcript and its input record share, and what the console shows of either. */
type TranscriptSummary = Pick<TranscriptRecord, "programme" | "studyMode" | "status" | "completionDate" | "asOf" | "withdrawalDate" | "cumulativeGpa" | "creditsAttempted" | "creditsEarned"> & {
  terms: readonly { courses: readonly unknown[] }[];
};

/**
 * A transcript at a glance (issue 15: programme, terms, cumulative GPA, credits), the same for an upload's preview
 * (its record) and an issued transcript (its subject): the programme in the console's language first, the status of
 * studies with its date, how many terms and courses, and the totals. A hidden GPA shows as a dash.
 */
export function transcriptFacts(transcript: TranscriptSummary): [string, string][] {
  const both = (text: { en: string; "zh-Hant": string }) => (i18n.language === "en" ? `${text.en} · ${text["zh-Hant"]}` : `${text["zh-Hant"]} · ${text.en}`);
  const date = transcript.completionDate ?? transcript.asOf ?? transcript.withdrawalDate ?? null;
  const courses = transcript.terms.reduce((sum, term) => sum + term.courses.length, 0);
  return [
    [i18n.t("console.field.programme"), both(transcript.programme)],
    [i18n.t("console.field.studyMode"), i18n.t(`console.studyMode.${transcript.studyMode}` as MessageKey)],
    [i18n.t("console.field.studies"), i18n.t(`console.studies.${transcript.status}` as MessageKey, { date: i18n.date(date) })],
    [i18n.t("console.field.terms"), i18n.t("console.transcript.termsCourses", { terms: i18n.count(transcript.terms.length), courses: i18n.count(courses) })],
    [i18n.t("console.field.cumulativeGpa"), transcript.cumulativeGpa === undefined ? "—" : transcript.cumulativeGpa.toFixed(2)],
    [i18n.t("console.field.credits"), `${i18n.count(transcript.creditsEarned)} / ${i18n.count(transcript.creditsAttempted)}`],
  ];
}
