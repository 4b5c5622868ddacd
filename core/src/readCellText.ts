import { MAX_FIELD_LENGTH } from "./GraduateRecord";
import type { GraduateInputErrorCode } from "./graduateRowError";
import type { MessageParams } from "./i18n/createTranslator";
import { indexOfUnassigned } from "./indexOfUnassigned";
import { UNICODE_VERSION } from "./unicodeAssigned";

// C0/C1 controls (line breaks and tabs included: they break certificates and CSV exports), the bidirectional
// embedding/override/isolate characters that can make a name display differently from what is hashed, and lone
// surrogates, which have no UTF-8 form.
const FORBIDDEN_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;

export interface CellText {
  /** The cell's text, NFC and trimmed; undefined when the cell is empty or has a problem. */
  value?: string;
  problem?: { code: GraduateInputErrorCode; value: unknown; params?: MessageParams };
}

/**
 * One cell of a registrar's file as text, checked the one way every input file is (graduates, transcripts,
 * letters): text only, NFC and trimmed (spreadsheets carry stray spaces nobody sees), no unreadable, invisible or
 * unassigned characters, at most `maxLength` characters.
 */
export function readCellText(raw: unknown, maxLength: number = MAX_FIELD_LENGTH): CellText {
  if (raw !== undefined && raw !== null && typeof raw !== "string") return { problem: { code: "INVALID_TYPE", value: raw } };
  const value = (raw ?? "").normalize("NFC").trim();
  if (value.includes("\uFFFD")) return { problem: { code: "INVALID_ENCODING", value } };
  if (FORBIDDEN_CHARACTERS.test(value)) return { problem: { code: "INVALID_CHARACTERS", value } };
  if (indexOfUnassigned(value) !== -1) return { problem: { code: "UNASSIGNED_CHARACTER", value, params: { version: UNICODE_VERSION } } };
  if (value.length > maxLength) return { problem: { code: "TOO_LONG", value, params: { max: maxLength, length: value.length } } };
  return value === "" ? {} : { value };
}
