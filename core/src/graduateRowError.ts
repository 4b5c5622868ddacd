import { displayValue } from "./displayValue";
import type { MessageParams } from "./i18n/createTranslator";
import type { LocalisedText } from "./i18n/Language";
import type { ProtocolMessageKey } from "./i18n/protocolCatalogues";
import { translate } from "./i18n/translate";

export const GRADUATE_INPUT_ERROR_CODES = [
  "EMPTY_FILE",
  "INVALID_ENCODING",
  "INVALID_JSON",
  "INVALID_CSV",
  "MISSING_COLUMN",
  "UNKNOWN_COLUMN",
  "DUPLICATE_COLUMN",
  "COLUMN_COUNT",
  "TOO_MANY_ROWS",
  "INVALID_TYPE",
  "REQUIRED",
  "TOO_LONG",
  "INVALID_CHARACTERS",
  "UNASSIGNED_CHARACTER",
  "NAME_ZH_NOT_CHINESE",
  "INVALID_DATE",
  "AWARD_DATE_FUTURE",
  "VALID_UNTIL_BEFORE_AWARD",
  "INVALID_DATE_OF_BIRTH",
  "INVALID_GPA",
  "HONOURS_ZH_REQUIRED",
  "HONOURS_EN_REQUIRED",
  "DUPLICATE_STUDENT_ID",
  // Transcripts and letters (SPEC §12): the same row errors, with the rules across a student's rows.
  "INVALID_VALUE",
  "INVALID_NUMBER",
  "STUDENT_FIELD_MISMATCH",
  "TERM_FIELD_MISMATCH",
  "TERMS_OUT_OF_ORDER",
  "TERM_BEFORE_ADMISSION",
  "DUPLICATE_COURSE",
  "UNKNOWN_GRADE",
  "GPA_OUT_OF_RANGE",
  "CREDITS_MISMATCH",
] as const;
export type GraduateInputErrorCode = (typeof GRADUATE_INPUT_ERROR_CODES)[number];

/**
 * One problem in a graduate row or a registrar's file. `row` is the row number the registrar sees in a spreadsheet:
 * in CSV the header is row 1 and the first graduate row 2 (a quoted field spanning several lines is still one row);
 * in JSON the first array element is row 1 (index + 1); a single record (a reissue body) is row 1. Problems with the
 * file as a whole (EMPTY_FILE, INVALID_JSON) use row 0; problems with a column use the header row: 1 in CSV, 0 in
 * JSON, which has no header. `field` is the column name (or the record member, for a reissue body), or "" when the
 * problem is not in one field.
 */
export interface RowError {
  row: number;
  field: string;
  code: GraduateInputErrorCode;
  /** The offending value as it may safely be shown (displayValue); absent when the field is empty or not one value. */
  value?: string;
  /** What is wrong, quoting the value, then how to fix it: the whole text for a one-line display. */
  message: LocalisedText;
  /** How to fix it, alone, for a display that shows it apart from the problem. */
  fix: LocalisedText;
}

export interface GraduateRowErrorInput {
  row: number;
  field: string;
  code: GraduateInputErrorCode;
  /** The raw bad value; omitted when there is none to show. */
  value?: unknown;
  params?: MessageParams;
  /** A variant of the code's message (e.g. `input.INVALID_JSON.row`); its fix is `<key>.fix`. */
  key?: `input.${string}` & ProtocolMessageKey;
}

/** Neither a row number nor a separator: every display shows the row and field itself (issue 14: "Row 19" twice). */
function joined(problem: LocalisedText, fix: LocalisedText): LocalisedText {
  return { en: `${problem.en} ${fix.en}`, "zh-Hant": `${problem["zh-Hant"]}${fix["zh-Hant"]}` };
}

/** A RowError with its message and fix in both languages, the value made safe to show. */
export function graduateRowError({ row, field, code, value, params = {}, key = `input.${code}` }: GraduateRowErrorInput): RowError {
  const shown = value === undefined ? undefined : displayValue(value);
  const all = { field, ...params, ...(shown === undefined ? {} : { value: shown }) };
  const problem = translate(key, all);
  const fix = translate(`${key}.fix` as ProtocolMessageKey, all);
  return { row, field, code, ...(shown === undefined ? {} : { value: shown }), message: joined(problem, fix), fix };
}
