import { toCsv, translate, type LocalisedText } from "@credanchor/core/protocol";
import type { MessageKey } from "../i18n/en";
import { translateTo } from "../i18n/translate";
import type { CheckedCredential, InboxRow } from "./InboxRow";

const COLUMNS: MessageKey[] = [
  "inbox.csv.reference",
  "inbox.csv.studentId",
  "inbox.csv.name",
  "inbox.csv.award",
  "inbox.csv.awardDate",
  "inbox.csv.status",
  "inbox.csv.block",
  "inbox.csv.verifiedAt",
];

/** Both languages in one cell, each once: `Chan Tai Man / 陳大文`; a name given in one language only stays as it is. */
function both(text: Partial<LocalisedText> | null): string {
  return [...new Set([text?.en, text?.["zh-Hant"]].filter((value): value is string => value !== undefined && value !== ""))].join(" / ");
}

/** The service's own text in both languages. */
function bilingual(key: MessageKey): string {
  return both({ en: translateTo("en", key), "zh-Hant": translateTo("zh-Hant", key) });
}

/** VALID in both languages; anything else with its reason, so the file alone says why. */
function verdict(credential: CheckedCredential): string {
  const word = translate(`report.${credential.status}`);
  if (credential.status === "VALID") return both(word);
  return both({ en: `${word.en}: ${credential.headline.en}`, "zh-Hant": `${word["zh-Hant"]}：${credential.headline["zh-Hant"]}` });
}

/**
 * The rows on screen as a bilingual CSV (core's toCsv: UTF-8 with BOM, every cell quoted and formula-safe): headers
 * and words in English and Chinese in the same cell, dates and times in ISO 8601 so any spreadsheet sorts them.
 * One line per submitted credential; a request with none gives one line with its status.
 */
export function inboxCsv(rows: readonly InboxRow[]): string {
  const lines: string[][] = [COLUMNS.map(bilingual)];
  for (const { request, submission } of rows) {
    const reference = request.applicantReference;
    if (submission.state === "verified") {
      for (const credential of submission.credentials) {
        lines.push([
          reference,
          credential.studentId ?? "",
          both(credential.name),
          both(credential.award),
          credential.awardDate ?? "",
          verdict(credential),
          credential.blockNumber === null ? "" : String(credential.blockNumber),
          credential.verifiedAt,
        ]);
      }
    } else {
      const status = bilingual(`inbox.status.${request.status}`);
      lines.push([reference, "", "", "", "", submission.state === "failed" ? `${status}: ${both(submission.reason)}` : status, "", ""]);
    }
  }
  return toCsv(lines);
}
