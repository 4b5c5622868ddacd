import type { GraduateRecord } from "./GraduateRecord";

/** Column names fixed by the registrars' input format (README, "Input format"). */
export const REQUIRED_COLUMNS = [
  "student_id",
  "name_en",
  "name_zh",
  "degree_en",
  "degree_zh",
  "major_en",
  "major_zh",
  /** Every file has the column, but its cells may be empty: postgraduate awards have no honours class. */
  "honours",
  "award_date",
] as const;
export const OPTIONAL_COLUMNS = ["gpa", "date_of_birth", "valid_until", "honours_zh"] as const;
export const GRADUATE_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
export type GraduateColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** One row as read: a cell per column (text in CSV; JSON may carry other types, which are then refused). */
export type GraduateRowInput = Partial<Record<GraduateColumn, unknown>>;

/** The record member each column fills; an API body and the stored record use these names. */
export const RECORD_FIELD_OF_COLUMN: Readonly<Record<GraduateColumn, keyof GraduateRecord>> = {
  student_id: "studentId",
  name_en: "nameEn",
  name_zh: "nameZh",
  degree_en: "degreeEn",
  degree_zh: "degreeZh",
  major_en: "majorEn",
  major_zh: "majorZh",
  honours: "honoursEn",
  honours_zh: "honoursZh",
  award_date: "awardDate",
  gpa: "gpa",
  date_of_birth: "dateOfBirth",
  valid_until: "validUntil",
};

/**
 * A record (or a record with corrections applied: any object keyed by record members) back in the input's row
 * form, so that it is checked by the same validator as an uploaded row.
 */
export function graduateRowOfRecord(record: Readonly<Partial<Record<keyof GraduateRecord, unknown>>>): GraduateRowInput {
  const row: GraduateRowInput = {};
  for (const [column, field] of Object.entries(RECORD_FIELD_OF_COLUMN) as [GraduateColumn, keyof GraduateRecord][]) {
    if (record[field] !== undefined) row[column] = record[field];
  }
  return row;
}
