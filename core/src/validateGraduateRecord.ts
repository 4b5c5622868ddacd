import { type GraduateColumn, type GraduateRowInput, RECORD_FIELD_OF_COLUMN } from "./graduateColumns";
import { GraduateRecord, IsoDate, hasAtMostTwoDecimals } from "./GraduateRecord";
import { type GraduateInputErrorCode, graduateRowError, type RowError } from "./graduateRowError";
import { translateHonours } from "./honours";
import type { MessageParams } from "./i18n/createTranslator";
import { readCellText } from "./readCellText";
import { shiftYears } from "./shiftYears";

/** A graduate younger than this at the award date is almost certainly a typo in the year. */
export const MIN_AGE_AT_AWARD = 10;
export const MAX_AGE_AT_AWARD = 100;

const HAN = /\p{Script=Han}/u;
/** A GPA written as text: digits, at most two decimals (CSV cells are always text). */
export const GPA_TEXT = /^\d+(?:\.\d{1,2})?$/;

export interface ValidateGraduateRecordOptions {
  /** The row number errors carry (see RowError). */
  row: number;
  /** Today in the registrars' calendar, `YYYY-MM-DD` (hongKongDate): a later award date is refused. */
  today: string;
  /** Required columns missing from the whole file: reported once there, so not again as REQUIRED in each row. */
  absentColumns?: ReadonlySet<GraduateColumn>;
  /** How errors name a field: by its column (a file, the default) or by its record member (an API body). */
  fieldNames?: "column" | "record";
}

export interface ValidatedGraduateRecord {
  /** The normalised record, when the row has no error. */
  record?: GraduateRecord;
  errors: RowError[];
}

/**
 * The one check of a graduate row, whatever brought it: an uploaded CSV or JSON file (parseGraduateFile), the CLI's
 * issue, a reissue or a correction in the issuer service (graduateRowOfRecord turns a record back into a row). Every
 * problem of the row is reported, each with the bad value shown safely and its fix in both languages; the record is
 * returned only when there is none. What this refuses can therefore not be anchored by any other way in.
 */
export function validateGraduateRecord(input: GraduateRowInput, options: ValidateGraduateRecordOptions): ValidatedGraduateRecord {
  const { row, today, absentColumns = new Set<GraduateColumn>() } = options;
  const errors: RowError[] = [];
  const fieldName = (column: GraduateColumn) => (options.fieldNames === "record" ? RECORD_FIELD_OF_COLUMN[column] : column);
  const fail = (column: GraduateColumn, code: GraduateInputErrorCode, value?: unknown, params?: MessageParams) =>
    errors.push(graduateRowError({ row, field: fieldName(column), code, ...(value === undefined ? {} : { value }), ...(params === undefined ? {} : { params }) }));
  // A required column missing from the whole file fails the row without repeating the header error.
  let failedSilently = false;

  /** The field's normalised text; undefined when empty or invalid (an error is then recorded if needed). */
  const text = (column: GraduateColumn, required: boolean): string | undefined => {
    const { value, problem } = readCellText(input[column]);
    if (problem !== undefined) fail(column, problem.code, problem.value, problem.params);
    else if (value !== undefined) return value;
    else if (required && absentColumns.has(column)) failedSilently = true;
    else if (required) fail(column, "REQUIRED");
    return undefined;
  };

  const ageLimits = { minYears: MIN_AGE_AT_AWARD, maxYears: MAX_AGE_AT_AWARD };
  const date = (column: GraduateColumn, required: boolean, code: "INVALID_DATE" | "INVALID_DATE_OF_BIRTH"): string | undefined => {
    const value = text(column, required);
    if (value === undefined || IsoDate.safeParse(value).success) return value;
    fail(column, code, value, code === "INVALID_DATE_OF_BIRTH" ? ageLimits : {});
    return undefined;
  };

  const gpa = (): number | undefined => {
    const raw = input.gpa;
    // JSON (and a reissue body) may carry the GPA as a number; CSV always as text.
    const number = typeof raw === "number" ? raw : typeof raw === "string" ? text("gpa", false) : raw;
    if (number === undefined || number === null) return undefined;
    const value = typeof number === "string" && GPA_TEXT.test(number) ? Number(number) : number;
    if (typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 4.3 && hasAtMostTwoDecimals(value)) {
      return value;
    }
    fail("gpa", "INVALID_GPA", number);
    return undefined;
  };

  const studentId = text("student_id", true);
  const nameEn = text("name_en", true);
  const nameZh = text("name_zh", true);
  const degreeEn = text("degree_en", true);
  const degreeZh = text("degree_zh", true);
  const majorEn = text("major_en", true);
  const majorZh = text("major_zh", true);
  const honoursEn = text("honours", false);
  const honoursZhGiven = text("honours_zh", false);
  const honoursFailed = errors.some((error) => error.field === fieldName("honours") || error.field === fieldName("honours_zh"));
  const awardDate = date("award_date", true, "INVALID_DATE");
  const validUntil = date("valid_until", false, "INVALID_DATE");
  const dateOfBirth = date("date_of_birth", false, "INVALID_DATE_OF_BIRTH");
  const gpaValue = gpa();

  if (nameZh !== undefined && !HAN.test(nameZh)) fail("name_zh", "NAME_ZH_NOT_CHINESE", nameZh);
  if (awardDate !== undefined && awardDate > today) fail("award_date", "AWARD_DATE_FUTURE", awardDate, { today });
  if (validUntil !== undefined && awardDate !== undefined && validUntil < awardDate) {
    fail("valid_until", "VALID_UNTIL_BEFORE_AWARD", validUntil, { awardDate });
  }
  if (dateOfBirth !== undefined) {
    const reference = awardDate ?? today;
    if (dateOfBirth > shiftYears(reference, -MIN_AGE_AT_AWARD) || dateOfBirth < shiftYears(reference, -MAX_AGE_AT_AWARD)) {
      fail("date_of_birth", "INVALID_DATE_OF_BIRTH", dateOfBirth, ageLimits);
    }
  }
  // Honours in both languages or in neither: a standard class is translated, anything else needs honours_zh.
  const honoursZh = honoursZhGiven ?? (honoursEn === undefined ? undefined : translateHonours(honoursEn));
  if (!honoursFailed && honoursEn !== undefined && honoursZh === undefined) {
    fail("honours_zh", "HONOURS_ZH_REQUIRED", honoursEn, { honoursField: fieldName("honours") });
  }
  if (!honoursFailed && honoursEn === undefined && honoursZhGiven !== undefined) {
    fail("honours", "HONOURS_EN_REQUIRED", honoursZhGiven, { honoursZhField: fieldName("honours_zh") });
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
    ...(honoursEn === undefined || honoursZh === undefined ? {} : { honoursEn, honoursZh }),
    awardDate,
    ...(gpaValue === undefined ? {} : { gpa: gpaValue }),
    ...(dateOfBirth === undefined ? {} : { dateOfBirth }),
    ...(validUntil === undefined ? {} : { validUntil }),
  });
  return { record, errors };
}
