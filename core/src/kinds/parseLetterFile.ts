import { type GraduateInputErrorCode, graduateRowError, type RowError } from "../graduateRowError";
import type { LocalisedText } from "../Credential";
import type { MessageParams } from "../i18n/createTranslator";
import { isPlainCell } from "../isPlainCell";
import { readCellText } from "../readCellText";
import type { LetterRecord, LetterTemplate } from "./LetterTemplate";
import { readInputRows } from "./readInputRows";

const HAN = /\p{Script=Han}/u;
/** A field's column: its name in snake_case (`graduationDate` → `graduation_date`). */
const columnOf = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The columns a template's letter file has: the student's, then one per field, or `_en` and `_zh` for a bilingual one. */
export function letterColumns(template: LetterTemplate): string[] {
  return ["student_id", "name_en", "name_zh", ...template.fields.flatMap((field) => (field.bilingual === true ? [`${columnOf(field.name)}_en`, `${columnOf(field.name)}_zh`] : [columnOf(field.name)]))];
}

export interface ParsedLetterFile {
  records: LetterRecord[];
  rows: number[];
  errors: RowError[];
  errorCount: number;
}

/**
 * Parses and validates a letter file for one template (SPEC §12.3): one row per letter with the student's id and
 * names and a column per template field, every cell checked as graduate files are, no student twice. Letters are
 * issued on the UTC date of `now`.
 */
export function parseLetterFile(text: string, format: "csv" | "json", options: { template: LetterTemplate; now?: Date; maxRows?: number; maxErrors?: number }): ParsedLetterFile {
  const { template } = options;
  const columns = letterColumns(template);
  const input = readInputRows(text, format, { required: columns, optional: [] }, options.maxRows ?? 50_000);
  const errors = [...input.errors];
  const fail = (row: number, field: string, code: GraduateInputErrorCode, value?: unknown, params: MessageParams = {}) =>
    errors.push(graduateRowError({ row, field, code, params, ...(value === undefined ? {} : { value }) }));
  // The UTC date, not Hong Kong's: validFrom is that day at 00:00:00Z, which must not lie after the moment of issue.
  const issuedOn = (options.now ?? new Date()).toISOString().slice(0, 10);
  const firstRowOf = new Map<string, number>();
  const records: LetterRecord[] = [];
  const rows: number[] = [];
  for (const { row, values } of input.rows) {
    const before = errors.length;
    const cell: Record<string, string> = {};
    for (const column of columns) {
      const raw = values[column];
      // A plain cell is what readCellText would return (its limit of 500 is above isPlainCell's).
      if (isPlainCell(raw)) {
        cell[column] = raw;
        continue;
      }
      const { value, problem } = readCellText(raw, 500);
      if (problem !== undefined) fail(row, column, problem.code, problem.value, problem.params);
      else if (value !== undefined) cell[column] = value;
      else if (!input.missing.has(column)) fail(row, column, "REQUIRED");
    }
    if (cell.name_zh !== undefined && !HAN.test(cell.name_zh)) fail(row, "name_zh", "NAME_ZH_NOT_CHINESE", cell.name_zh);
    const studentId = cell.student_id;
    if (studentId !== undefined) {
      const firstRow = firstRowOf.get(studentId);
      if (firstRow !== undefined) fail(row, "student_id", "DUPLICATE_STUDENT_ID", studentId, { firstRow });
      else firstRowOf.set(studentId, row);
    }
    if (errors.length > before || input.missing.size > 0) continue;
    const fields: Record<string, string | LocalisedText> = {};
    for (const field of template.fields) {
      const column = columnOf(field.name);
      fields[field.name] = field.bilingual === true ? { en: cell[`${column}_en`] as string, "zh-Hant": cell[`${column}_zh`] as string } : (cell[column] as string);
    }
    records.push({ studentId: studentId as string, name: { en: cell.name_en as string, "zh-Hant": cell.name_zh as string }, fields, issuedOn });
    rows.push(row);
  }
  const maxErrors = options.maxErrors ?? 1_000;
  return { records, rows, errors: errors.slice(0, maxErrors), errorCount: errors.length };
}
