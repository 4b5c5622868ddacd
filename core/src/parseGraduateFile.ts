import { checkGraduateRow } from "./checkGraduateRow";
import { csvRecords } from "./csvRecords";
import { InputValidationError, JsonFormatError } from "./errors";
import { checkInputHeader } from "./checkInputHeader";
import { GRADUATE_COLUMNS, type GraduateColumn, type GraduateRowInput, OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from "./graduateColumns";
import type { GraduateRecord } from "./GraduateRecord";
import { type GraduateInputErrorCode, graduateRowError, type GraduateRowErrorInput, type RowError } from "./graduateRowError";
import { hongKongDate } from "./hongKongDate";
import type { MessageParams } from "./i18n/createTranslator";
import { parseJson } from "./parseJson";
import { type ValidatedGraduateRecord, validateGraduateRecord } from "./validateGraduateRecord";

export type GraduateFileFormat = "csv" | "json";

export interface ParseGraduateFileOptions {
  /** Largest batch accepted; one file is one batch. */
  maxRows?: number;
  /** The moment "today" is taken from, for AWARD_DATE_FUTURE; tests pin it. */
  now?: Date;
  /** Most row errors kept in `errors`; the rest are only counted (`errorCount`). */
  maxErrors?: number;
}

export interface ParsedGraduateFile {
  /** The rows that passed every check, in file order. The batch may be issued only when `errors` is empty. */
  records: GraduateRecord[];
  /** The file row of each record (`rows[i]` is the row of `records[i]`), for errors found after parsing. */
  rows: number[];
  /** The first `maxErrors` problems in file order. */
  errors: RowError[];
  /** How many problems the file has in all; more than `errors.length` when the list was cut at `maxErrors`. */
  errorCount: number;
}

export const DEFAULT_MAX_ROWS = 50_000;
/**
 * A registrar fixes a file from its first errors; a file of nothing but control characters has hundreds of
 * thousands, and listing them all cost hundreds of megabytes and seconds of blocked event loop (issue 14).
 */
export const DEFAULT_MAX_ERRORS = 1_000;

function rowError(row: number, field: string, code: GraduateInputErrorCode, params: MessageParams = {}, key?: GraduateRowErrorInput["key"]): RowError {
  return graduateRowError({ row, field, code, params, ...(key === undefined ? {} : { key }) });
}

/** Collects row errors up to `max` and counts all of them, so a huge bad file never builds a huge list. */
class RowErrorList {
  readonly kept: RowError[] = [];
  count = 0;

  constructor(private readonly max: number) {}

  add(...errors: RowError[]): void {
    for (const error of errors) {
      if (this.kept.length < this.max) this.kept.push(error);
      this.count++;
    }
  }
}

/** Guess the format from the file name, falling back to the content for names without a known extension. */
export function detectGraduateFileFormat(fileName: string, text: string): GraduateFileFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".csv")) return "csv";
  return /^\uFEFF?\s*\[/.test(text) ? "json" : "csv";
}

/**
 * Decode an uploaded file strictly: a non-UTF-8 file (Excel's "CSV" in Big5 or UTF-16) must be re-saved, not read
 * with replacement characters in graduates' names. TextDecoder removes a leading byte order mark by default.
 */
export function decodeGraduateFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new InputValidationError("The file is not valid UTF-8 text.", {
      code: "INVALID_ENCODING",
      cause,
      details: [rowError(0, "", "INVALID_ENCODING", {}, "input.INVALID_ENCODING.file")],
    });
  }
}

interface HeaderCheck {
  errors: RowError[];
  /** Required columns absent from the file: reported once here, not again as REQUIRED on every row. */
  missing: Set<GraduateColumn>;
}

function checkColumns(names: readonly string[], headerRow: number): HeaderCheck {
  const errors: RowError[] = [];
  const missing = checkInputHeader(names, headerRow, { required: REQUIRED_COLUMNS, optional: OPTIONAL_COLUMNS }, errors) as Set<GraduateColumn>;
  return { errors, missing };
}

/**
 * Validates rows one by one, remembering student IDs across rows to find duplicates: a plainly valid row through
 * its compiled check (checkGraduateRow), any other through validateGraduateRecord, which reports its problems.
 */
function rowValidator(absentColumns: Set<GraduateColumn>, now: Date) {
  const today = hongKongDate(now);
  const firstRowOf = new Map<string, number>();

  return (row: number, values: GraduateRowInput): ValidatedGraduateRecord => {
    const record = checkGraduateRow(values, today);
    const checked = record === undefined ? validateGraduateRecord(values, { row, today, absentColumns }) : { record, errors: [] };
    const raw = values.student_id;
    const studentId = record?.studentId ?? (typeof raw === "string" ? raw.normalize("NFC").trim() : "");
    if (studentId === "" || checked.errors.some((error) => error.field === "student_id")) return checked;
    const firstRow = firstRowOf.get(studentId);
    if (firstRow === undefined) {
      firstRowOf.set(studentId, row);
      return checked;
    }
    const duplicate = graduateRowError({ row, field: "student_id", code: "DUPLICATE_STUDENT_ID", value: studentId, params: { firstRow } });
    return { errors: [...checked.errors, duplicate] };
  };
}

/** The valid records of a file and the row each came from. */
type Rows = Pick<ParsedGraduateFile, "records" | "rows">;

function parseCsvRows(text: string, maxRows: number, now: Date, errors: RowErrorList): Rows {
  const records = csvRecords(text);
  const header = records.next();
  if (header.done) {
    errors.add(rowError(0, "", "EMPTY_FILE"));
    return { records: [], rows: [] };
  }
  const names = header.value.cells.map((cell) => cell.normalize("NFC").trim());
  if (header.value.malformed) errors.add(rowError(1, "", "INVALID_CSV"));
  const columns = checkColumns(names, 1);
  errors.add(...columns.errors);
  const validate = rowValidator(columns.missing, now);
  // The column each cell fills, looked up once per file rather than once per cell.
  const columnAt = names.map((name) => (GRADUATE_COLUMNS.includes(name) ? (name as GraduateColumn) : undefined));
  const result: Rows = { records: [], rows: [] };
  let graduates = 0;
  for (const { row, cells, malformed } of records) {
    // Spreadsheets export trailing empty rows; they are not graduates, but keep their row numbers.
    if (!malformed && cells.every((cell) => cell.trim() === "")) continue;
    if (++graduates > maxRows) {
      errors.add(rowError(row, "", "TOO_MANY_ROWS", { max: maxRows }));
      break;
    }
    if (malformed) {
      errors.add(rowError(row, "", "INVALID_CSV"));
      continue;
    }
    if (cells.length !== names.length) {
      // Shifted cells would produce a misleading error in every later field, so the row is reported once.
      errors.add(rowError(row, "", "COLUMN_COUNT", { actual: cells.length, expected: names.length }));
      continue;
    }
    const values: GraduateRowInput = {};
    for (let index = 0; index < columnAt.length; index++) {
      const column = columnAt[index];
      if (column !== undefined) values[column] = cells[index];
    }
    const checked = validate(row, values);
    errors.add(...checked.errors);
    if (checked.record) {
      result.records.push(checked.record);
      result.rows.push(row);
    }
  }
  if (graduates === 0) errors.add(rowError(0, "", "EMPTY_FILE"));
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJsonRows(text: string, maxRows: number, now: Date, errors: RowErrorList): Rows {
  let parsed: unknown;
  try {
    parsed = parseJson(text);
  } catch (error) {
    if (!(error instanceof JsonFormatError)) throw error;
    errors.add(rowError(0, "", "INVALID_JSON", { detail: error.shortMessage }));
    return { records: [], rows: [] };
  }
  if (!Array.isArray(parsed)) {
    errors.add(rowError(0, "", "INVALID_JSON", {}, "input.INVALID_JSON.notArray"));
    return { records: [], rows: [] };
  }
  if (parsed.length === 0) {
    errors.add(rowError(0, "", "EMPTY_FILE"));
    return { records: [], rows: [] };
  }

  const rows = parsed.slice(0, maxRows);
  // JSON has no header: the columns are the keys used anywhere in the file, so a key missing from every object is
  // one MISSING_COLUMN and a key missing from some objects is REQUIRED on those rows, as in CSV.
  const keys = new Set(rows.filter(isPlainObject).flatMap((object) => Object.keys(object)));
  const columns = checkColumns([...keys], 0);
  errors.add(...columns.errors);
  const validate = rowValidator(columns.missing, now);
  const result: Rows = { records: [], rows: [] };
  rows.forEach((object: unknown, index) => {
    const row = index + 1;
    if (!isPlainObject(object)) {
      errors.add(rowError(row, "", "INVALID_JSON", {}, "input.INVALID_JSON.row"));
      return;
    }
    const values: GraduateRowInput = {};
    for (const column of GRADUATE_COLUMNS) {
      if (Object.prototype.hasOwnProperty.call(object, column)) values[column as GraduateColumn] = object[column];
    }
    const checked = validate(row, values);
    errors.add(...checked.errors);
    if (checked.record) {
      result.records.push(checked.record);
      result.rows.push(row);
    }
  });
  if (parsed.length > maxRows) errors.add(rowError(maxRows + 1, "", "TOO_MANY_ROWS", { max: maxRows }));
  return result;
}

/**
 * Parse and validate one registrar file (one batch). Every row is checked and every problem counted; the first
 * `maxErrors` (default DEFAULT_MAX_ERRORS) are returned, so the registrar can fix the file in few passes; see RowError
 * for the row numbering. Text must already be decoded (decodeGraduateFile); a leading byte order mark is ignored.
 */
export function parseGraduateFile(text: string, format: GraduateFileFormat, options: ParseGraduateFileOptions = {}): ParsedGraduateFile {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const now = options.now ?? new Date();
  const errors = new RowErrorList(options.maxErrors ?? DEFAULT_MAX_ERRORS);
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let parsed: Rows = { records: [], rows: [] };
  if (body.trim() === "") errors.add(rowError(0, "", "EMPTY_FILE"));
  else parsed = format === "csv" ? parseCsvRows(body, maxRows, now, errors) : parseJsonRows(body, maxRows, now, errors);
  return { ...parsed, errors: errors.kept, errorCount: errors.count };
}
