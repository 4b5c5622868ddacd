import { InputValidationError, JsonFormatError } from "./errors";
import { GraduateRecord, IsoDate, MAX_FIELD_LENGTH, hasAtMostTwoDecimals } from "./GraduateRecord";
import { translateHonours } from "./honours";
import { indexOfUnassigned } from "./indexOfUnassigned";
import type { MessageParams } from "./i18n/createTranslator";
import type { LocalisedText } from "./i18n/Language";
import type { ProtocolMessageKey } from "./i18n/protocolCatalogues";
import { translate } from "./i18n/translate";
import { parseJson } from "./parseJson";
import { UNICODE_VERSION } from "./unicodeAssigned";

export type GraduateFileFormat = "csv" | "json";

/** Column names fixed by the registrars' input format (README, "Input format"). */
export const REQUIRED_COLUMNS = [
  "student_id",
  "name_en",
  "name_zh",
  "degree_en",
  "degree_zh",
  "major_en",
  "major_zh",
  "honours",
  "award_date",
] as const;
export const OPTIONAL_COLUMNS = ["gpa", "date_of_birth", "valid_until", "honours_zh"] as const;
const COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

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
  "DUPLICATE_STUDENT_ID",
] as const;
export type GraduateInputErrorCode = (typeof GRADUATE_INPUT_ERROR_CODES)[number];

/**
 * One problem in a registrar's file. `row` is the row number the registrar sees in a spreadsheet: in CSV the header
 * is row 1 and the first graduate row 2 (a quoted field spanning several lines is still one row); in JSON the first
 * array element is row 1 (index + 1). Problems with the file as a whole (EMPTY_FILE, INVALID_JSON) use row 0; problems
 * with a column use the header row: 1 in CSV, 0 in JSON, which has no header. `field` is the column name, or "" when
 * the problem is not in one field.
 */
export interface RowError {
  row: number;
  field: string;
  code: GraduateInputErrorCode;
  message: LocalisedText;
}

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
/** A graduate younger than this at the award date is almost certainly a typo in the year. */
export const MIN_AGE_AT_AWARD = 10;
export const MAX_AGE_AT_AWARD = 100;

// Hong Kong has not observed daylight saving time since 1979, so a fixed offset gives the registrars' calendar day.
const HONG_KONG_OFFSET_MS = 8 * 60 * 60 * 1000;
// C0/C1 controls (line breaks and tabs included: they break certificates and CSV exports), the bidirectional
// embedding/override/isolate characters that can make a name display differently from what is hashed, and lone
// surrogates, which have no UTF-8 form.
const FORBIDDEN_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;
const HAN = /\p{Script=Han}/u;
const GPA_TEXT = /^\d+(?:\.\d{1,2})?$/;
const UNQUOTED_FIELD = /[^,\r\n]*/y;

function rowError(row: number, field: string, code: GraduateInputErrorCode, params: MessageParams = {}, key: ProtocolMessageKey = `input.${code}`): RowError {
  return { row, field, code, message: translate(key, { row, field, ...params }) };
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

interface CsvRecord {
  row: number;
  cells: string[];
  /** A quote that RFC 4180 does not allow; the cells are then unreliable. */
  malformed: boolean;
}

/** RFC 4180 records, one per spreadsheet row; CRLF, LF and CR all end a record. */
function* csvRecords(text: string): Generator<CsvRecord> {
  let pos = 0;
  let row = 1;
  while (pos < text.length) {
    const cells: string[] = [];
    let malformed = false;
    for (;;) {
      let value = "";
      const quoted = text[pos] === '"';
      if (quoted) {
        pos++;
        for (;;) {
          const quote = text.indexOf('"', pos);
          if (quote < 0) {
            // Unclosed: everything to the end of the file is this field, so nothing after it can be trusted.
            value += text.slice(pos);
            pos = text.length;
            malformed = true;
            break;
          }
          value += text.slice(pos, quote);
          if (text[quote + 1] === '"') {
            value += '"';
            pos = quote + 2;
          } else {
            pos = quote + 1;
            break;
          }
        }
      }
      UNQUOTED_FIELD.lastIndex = pos;
      const rest = UNQUOTED_FIELD.exec(text)?.[0] ?? "";
      if (quoted ? rest !== "" : rest.includes('"')) malformed = true;
      value += rest;
      pos += rest.length;
      cells.push(value);
      if (text[pos] === ",") {
        pos++;
        continue;
      }
      pos += text.startsWith("\r\n", pos) ? 2 : 1;
      break;
    }
    yield { row, cells, malformed };
    row++;
  }
}

/** Today's date in Hong Kong, `YYYY-MM-DD`. */
function hongKongDate(now: Date): string {
  return new Date(now.getTime() + HONG_KONG_OFFSET_MS).toISOString().slice(0, 10);
}

/** The same calendar day `years` later (or earlier); ISO dates then compare correctly as strings. */
function shiftYears(date: string, years: number): string {
  return `${String(Number(date.slice(0, 4)) + years).padStart(4, "0")}${date.slice(4)}`;
}

interface HeaderCheck {
  errors: RowError[];
  /** Required columns absent from the file: reported once here, not again as REQUIRED on every row. */
  missing: Set<Column>;
}

function checkColumns(names: readonly string[], headerRow: number): HeaderCheck {
  const errors: RowError[] = [];
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (name.includes("\uFFFD")) errors.push(rowError(headerRow, name, "INVALID_ENCODING"));
    else if (name === "") errors.push(rowError(headerRow, "", "UNKNOWN_COLUMN", { position: index + 1 }, "input.UNKNOWN_COLUMN.empty"));
    else if (!COLUMNS.includes(name)) errors.push(rowError(headerRow, name, "UNKNOWN_COLUMN"));
    else if (seen.has(name)) errors.push(rowError(headerRow, name, "DUPLICATE_COLUMN"));
    seen.add(name);
  });
  const missing = new Set(REQUIRED_COLUMNS.filter((column) => !seen.has(column)));
  for (const column of missing) errors.push(rowError(headerRow, column, "MISSING_COLUMN"));
  return { errors, missing };
}

type RowValues = Partial<Record<Column, unknown>>;

/** Validates rows one by one, remembering student IDs across rows to find duplicates. */
function rowValidator(missing: Set<Column>, now: Date) {
  const today = hongKongDate(now);
  const firstRowOf = new Map<string, number>();

  return (row: number, values: RowValues): { record?: GraduateRecord; errors: RowError[] } => {
    const errors: RowError[] = [];
    // A required column missing from the whole file fails the row without repeating the header error.
    let failedSilently = false;

    /** The field's normalised text; undefined when empty or invalid (an error is then recorded if needed). */
    const text = (column: Column, required: boolean): string | undefined => {
      const raw = values[column];
      if (raw !== undefined && raw !== null && typeof raw !== "string") {
        errors.push(rowError(row, column, "INVALID_TYPE"));
        return undefined;
      }
      const value = (raw ?? "").normalize("NFC").trim();
      if (value.includes("\uFFFD")) errors.push(rowError(row, column, "INVALID_ENCODING"));
      else if (FORBIDDEN_CHARACTERS.test(value)) errors.push(rowError(row, column, "INVALID_CHARACTERS"));
      else if (indexOfUnassigned(value) !== -1) errors.push(rowError(row, column, "UNASSIGNED_CHARACTER", { version: UNICODE_VERSION }));
      else if (value.length > MAX_FIELD_LENGTH) errors.push(rowError(row, column, "TOO_LONG", { max: MAX_FIELD_LENGTH }));
      else if (value !== "") return value;
      else if (required && missing.has(column)) failedSilently = true;
      else if (required) errors.push(rowError(row, column, "REQUIRED"));
      return undefined;
    };

    const ageLimits = { minYears: MIN_AGE_AT_AWARD, maxYears: MAX_AGE_AT_AWARD };
    const date = (column: Column, required: boolean, code: "INVALID_DATE" | "INVALID_DATE_OF_BIRTH"): string | undefined => {
      const value = text(column, required);
      if (value === undefined || IsoDate.safeParse(value).success) return value;
      errors.push(rowError(row, column, code, code === "INVALID_DATE_OF_BIRTH" ? ageLimits : {}));
      return undefined;
    };

    const gpa = (): number | undefined => {
      const raw = values.gpa;
      // JSON may carry the GPA as a number; CSV always as text.
      const number = typeof raw === "number" ? raw : typeof raw === "string" ? text("gpa", false) : raw;
      if (number === undefined || number === null) return undefined;
      const value = typeof number === "string" && GPA_TEXT.test(number) ? Number(number) : number;
      if (typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 4.3 && hasAtMostTwoDecimals(value)) {
        return value;
      }
      errors.push(rowError(row, "gpa", "INVALID_GPA"));
      return undefined;
    };

    const studentId = text("student_id", true);
    const nameEn = text("name_en", true);
    const nameZh = text("name_zh", true);
    const degreeEn = text("degree_en", true);
    const degreeZh = text("degree_zh", true);
    const majorEn = text("major_en", true);
    const majorZh = text("major_zh", true);
    const honoursEn = text("honours", true);
    const honoursZhGiven = text("honours_zh", false);
    const honoursZhError = errors.some((error) => error.field === "honours_zh");
    const awardDate = date("award_date", true, "INVALID_DATE");
    const validUntil = date("valid_until", false, "INVALID_DATE");
    const dateOfBirth = date("date_of_birth", false, "INVALID_DATE_OF_BIRTH");
    const gpaValue = gpa();

    if (nameZh !== undefined && !HAN.test(nameZh)) errors.push(rowError(row, "name_zh", "NAME_ZH_NOT_CHINESE"));
    if (awardDate !== undefined && awardDate > today) errors.push(rowError(row, "award_date", "AWARD_DATE_FUTURE", { today }));
    if (validUntil !== undefined && awardDate !== undefined && validUntil < awardDate) {
      errors.push(rowError(row, "valid_until", "VALID_UNTIL_BEFORE_AWARD"));
    }
    if (dateOfBirth !== undefined) {
      const reference = awardDate ?? today;
      if (dateOfBirth > shiftYears(reference, -MIN_AGE_AT_AWARD) || dateOfBirth < shiftYears(reference, -MAX_AGE_AT_AWARD)) {
        errors.push(rowError(row, "date_of_birth", "INVALID_DATE_OF_BIRTH", ageLimits));
      }
    }
    const honoursZh = honoursZhGiven ?? (honoursEn === undefined ? undefined : translateHonours(honoursEn));
    if (honoursZh === undefined && honoursEn !== undefined && !honoursZhError) {
      errors.push(rowError(row, "honours_zh", "HONOURS_ZH_REQUIRED", { honours: honoursEn }));
    }
    if (studentId !== undefined) {
      const firstRow = firstRowOf.get(studentId);
      if (firstRow === undefined) firstRowOf.set(studentId, row);
      else errors.push(rowError(row, "student_id", "DUPLICATE_STUDENT_ID", { studentId, firstRow }));
    }

    if (
      errors.length > 0 ||
      failedSilently ||
      studentId === undefined ||
      nameEn === undefined ||
      nameZh === undefined ||
      degreeEn === undefined ||
      degreeZh === undefined ||
      majorEn === undefined ||
      majorZh === undefined ||
      honoursEn === undefined ||
      honoursZh === undefined ||
      awardDate === undefined
    ) {
      return { errors };
    }
    // parse() re-checks what was built against the schema, so the two can never drift apart unnoticed.
    const record = GraduateRecord.parse({
      studentId,
      nameEn,
      nameZh,
      degreeEn,
      degreeZh,
      majorEn,
      majorZh,
      honoursEn,
      honoursZh,
      awardDate,
      ...(gpaValue === undefined ? {} : { gpa: gpaValue }),
      ...(dateOfBirth === undefined ? {} : { dateOfBirth }),
      ...(validUntil === undefined ? {} : { validUntil }),
    });
    return { record, errors };
  };
}

function parseCsvRows(text: string, maxRows: number, now: Date, errors: RowErrorList): GraduateRecord[] {
  const records = csvRecords(text);
  const header = records.next();
  if (header.done) {
    errors.add(rowError(0, "", "EMPTY_FILE"));
    return [];
  }
  const names = header.value.cells.map((cell) => cell.normalize("NFC").trim());
  if (header.value.malformed) errors.add(rowError(1, "", "INVALID_CSV"));
  const columns = checkColumns(names, 1);
  errors.add(...columns.errors);
  const validate = rowValidator(columns.missing, now);
  const result: GraduateRecord[] = [];
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
    const values: RowValues = {};
    names.forEach((name, index) => {
      if (COLUMNS.includes(name)) values[name as Column] = cells[index];
    });
    const checked = validate(row, values);
    errors.add(...checked.errors);
    if (checked.record) result.push(checked.record);
  }
  if (graduates === 0) errors.add(rowError(0, "", "EMPTY_FILE"));
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJsonRows(text: string, maxRows: number, now: Date, errors: RowErrorList): GraduateRecord[] {
  let parsed: unknown;
  try {
    parsed = parseJson(text);
  } catch (error) {
    if (!(error instanceof JsonFormatError)) throw error;
    errors.add(rowError(0, "", "INVALID_JSON", { detail: error.shortMessage }));
    return [];
  }
  if (!Array.isArray(parsed)) {
    errors.add(rowError(0, "", "INVALID_JSON", {}, "input.INVALID_JSON.notArray"));
    return [];
  }
  if (parsed.length === 0) {
    errors.add(rowError(0, "", "EMPTY_FILE"));
    return [];
  }

  const rows = parsed.slice(0, maxRows);
  // JSON has no header: the columns are the keys used anywhere in the file, so a key missing from every object is
  // one MISSING_COLUMN and a key missing from some objects is REQUIRED on those rows, as in CSV.
  const keys = new Set(rows.filter(isPlainObject).flatMap((object) => Object.keys(object)));
  const columns = checkColumns([...keys], 0);
  errors.add(...columns.errors);
  const validate = rowValidator(columns.missing, now);
  const result: GraduateRecord[] = [];
  rows.forEach((object: unknown, index) => {
    const row = index + 1;
    if (!isPlainObject(object)) {
      errors.add(rowError(row, "", "INVALID_JSON", {}, "input.INVALID_JSON.row"));
      return;
    }
    const values: RowValues = {};
    for (const column of COLUMNS) {
      if (Object.prototype.hasOwnProperty.call(object, column)) values[column as Column] = object[column];
    }
    const checked = validate(row, values);
    errors.add(...checked.errors);
    if (checked.record) result.push(checked.record);
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
  let records: GraduateRecord[] = [];
  if (body.trim() === "") errors.add(rowError(0, "", "EMPTY_FILE"));
  else records = format === "csv" ? parseCsvRows(body, maxRows, now, errors) : parseJsonRows(body, maxRows, now, errors);
  return { records, errors: errors.kept, errorCount: errors.count };
}
