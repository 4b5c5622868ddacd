import type { GraduateRowInput } from "./graduateColumns";
import { type GraduateRecord, hasAtMostTwoDecimals, ISO_DATE_PATTERN, MAX_FIELD_LENGTH } from "./GraduateRecord";
import { translateHonours } from "./honours";
import { isPlainCell } from "./isPlainCell";
import { shiftYears } from "./shiftYears";
import { GPA_TEXT, MAX_AGE_AT_AWARD, MIN_AGE_AT_AWARD } from "./validateGraduateRecord";

/** In plain text, the one way to hold a Han character (what NAME_ZH_NOT_CHINESE asks of name_zh). */
const PLAIN_HAN = /[\u4e00-\u9fff]/;

/** An empty optional cell: absent from a JSON row, null, or an empty CSV cell. */
const isEmpty = (value: unknown): value is undefined | null | "" => value === undefined || value === null || value === "";
const isDate = (value: unknown): value is string => typeof value === "string" && ISO_DATE_PATTERN.test(value);

/** An optional date cell: the date, null when empty, undefined when not plainly valid. */
const optionalDate = (raw: unknown): string | null | undefined => (isEmpty(raw) ? null : isDate(raw) ? raw : undefined);

/** An optional GPA cell (a JSON number, or text as GPA_TEXT writes it): the GPA, null when empty, undefined when not plainly valid. */
function optionalGpa(raw: unknown): number | null | undefined {
  if (isEmpty(raw)) return null;
  // Text longer than a field may be is TOO_LONG however small its number.
  const value = typeof raw === "number" ? raw : typeof raw === "string" && raw.length <= MAX_FIELD_LENGTH && GPA_TEXT.test(raw) ? Number(raw) : undefined;
  return value !== undefined && Number.isFinite(value) && value >= 0 && value <= 4.3 && hasAtMostTwoDecimals(value) ? value : undefined;
}

/**
 * validateGraduateRecord compiled by hand for the one common case, a plainly valid row: issuance checks every row
 * of a class, and the general check (each cell normalised and searched for unreadable or unassigned characters, the
 * row's errors collected, then zod's re-check of the record) cost more than building the credential. Returns the
 * record validateGraduateRecord would return, or undefined whenever the row is not plainly valid (text outside
 * isPlainCell, a cell to trim, a problem of any kind); the caller then runs validateGraduateRecord itself, so every
 * refusal, message, row and field stays that check's. test/core/checkGraduateRow.test.ts checks on valid and
 * mutated rows that whatever this accepts, validateGraduateRecord accepts with the same record.
 */
export function checkGraduateRow(input: GraduateRowInput, today: string): GraduateRecord | undefined {
  const { student_id: studentId, name_en: nameEn, name_zh: nameZh, degree_en: degreeEn, degree_zh: degreeZh, major_en: majorEn, major_zh: majorZh, award_date: awardDate } = input;
  if (!isPlainCell(studentId) || !isPlainCell(nameEn) || !isPlainCell(nameZh) || !isPlainCell(degreeEn) || !isPlainCell(degreeZh) || !isPlainCell(majorEn) || !isPlainCell(majorZh)) return undefined;
  if (!PLAIN_HAN.test(nameZh) || !isDate(awardDate) || awardDate > today) return undefined;
  const validUntil = optionalDate(input.valid_until);
  const dateOfBirth = optionalDate(input.date_of_birth);
  const gpa = optionalGpa(input.gpa);
  if (validUntil === undefined || dateOfBirth === undefined || gpa === undefined) return undefined;
  if (validUntil !== null && validUntil < awardDate) return undefined;
  if (dateOfBirth !== null && (dateOfBirth > shiftYears(awardDate, -MIN_AGE_AT_AWARD) || dateOfBirth < shiftYears(awardDate, -MAX_AGE_AT_AWARD))) return undefined;

  // Honours in both languages or in neither; a standard class without honours_zh is translated.
  const { honours: honoursEn, honours_zh: honoursZhGiven } = input;
  let honours: Pick<GraduateRecord, "honoursEn" | "honoursZh"> = {};
  if (isPlainCell(honoursEn)) {
    const honoursZh = isEmpty(honoursZhGiven) ? translateHonours(honoursEn) : honoursZhGiven;
    if (!isPlainCell(honoursZh)) return undefined;
    honours = { honoursEn, honoursZh };
  } else if (!isEmpty(honoursEn) || !isEmpty(honoursZhGiven)) return undefined;

  // Members in the schema's order, as its parse returns them.
  const record: GraduateRecord = { studentId, nameEn, nameZh, degreeEn, degreeZh, majorEn, majorZh, ...honours, awardDate };
  if (gpa !== null) record.gpa = gpa;
  if (dateOfBirth !== null) record.dateOfBirth = dateOfBirth;
  if (validUntil !== null) record.validUntil = validUntil;
  return record;
}
