import { CredentialId } from "../Credential";
import { type GraduateInputErrorCode, graduateRowError, type RowError } from "../graduateRowError";
import { ISO_DATE_PATTERN, IsoDate } from "../GraduateRecord";
import type { MessageParams } from "../i18n/createTranslator";
import { isPlainCell } from "../isPlainCell";
import { readCellText } from "../readCellText";
import { type GradeMeaning, gradeMeaning, type GradingScale } from "./GradingScale";
import { readInputRows } from "./readInputRows";
import { TRANSCRIPT_SECTIONS, type TranscriptSection } from "./TranscriptCredential";
import type { TranscriptCourseRecord, TranscriptRecord } from "./TranscriptRecord";

/** Columns every row repeats for its student, its term, and its course (README, "Transcript input"). */
const STUDENT_COLUMNS = [
  "student_id", "name_en", "name_zh", "date_of_birth", "programme_en", "programme_zh", "study_mode", "admission_date", "status",
  "status_date", "cumulative_gpa", "credits_attempted", "credits_earned", "degree_credential",
] as const;
const TERM_COLUMNS = ["term", "term_name_en", "term_name_zh", "term_start", "term_gpa"] as const;
const OPTIONAL = new Set<string>(["date_of_birth", "cumulative_gpa", "degree_credential", "term_gpa", "marker", "mark"]);
const ALL_COLUMNS = [...STUDENT_COLUMNS, ...TERM_COLUMNS, "course_code", "course_title_en", "course_title_zh", "credits", "grade", "marker", "mark"];
export const TRANSCRIPT_COLUMNS = { required: ALL_COLUMNS.filter((c) => !OPTIONAL.has(c)), optional: ALL_COLUMNS.filter((c) => OPTIONAL.has(c)) };

const STATUS_DATE = { completed: "completionDate", "in-progress": "asOf", withdrawn: "withdrawalDate" } as const;
const HAN = /\p{Script=Han}/u;
const NUMBER = /^\d+(?:\.\d{1,2})?$/;
const number = (max: number) => (value: string) => NUMBER.test(value) && Number(value) <= max;
/** IsoDate's verdict: its pattern is all it checks, and zod is asked only about text the pattern refuses. */
const isDate = (value: string) => ISO_DATE_PATTERN.test(value) || IsoDate.safeParse(value).success;

export interface ParseTranscriptFileOptions {
  scale: GradingScale;
  /** The sections the issuer lets holders hide (SPEC §12.2). */
  hideable: readonly TranscriptSection[];
  /** The moment the day of issue is taken from (its UTC date); tests pin it. */
  now?: Date;
  maxRows?: number;
  maxErrors?: number;
}

export interface ParsedTranscriptFile {
  /** One record per student, in order of each student's first row; issue only when `errors` is empty. */
  records: TranscriptRecord[];
  /** The first row of each record's student. */
  rows: number[];
  errors: RowError[];
  errorCount: number;
}

interface Row {
  row: number;
  text: Record<string, string>;
  studentId: string;
  termId: string;
  termStart: string;
  /** Absent on a row with errors (its student is then not issued). */
  course?: TranscriptCourseRecord;
}

interface FormatCheck {
  column: string;
  ok: (value: string) => boolean;
  code: GraduateInputErrorCode;
  params: MessageParams;
}

/** Each column's format, in the order a row's errors are reported; built once per file, not per row. */
function formatChecks(scale: GradingScale, meaningOf: (grade: string) => GradeMeaning | undefined): FormatCheck[] {
  const each = (columns: string[], ok: FormatCheck["ok"], code: GraduateInputErrorCode, params: MessageParams = {}) => columns.map((column) => ({ column, ok, code, params }));
  return [
    ...each(["date_of_birth", "admission_date", "status_date", "term_start"], isDate, "INVALID_DATE"),
    ...each(["study_mode"], (v) => v === "full-time" || v === "part-time", "INVALID_VALUE", { allowed: "full-time, part-time" }),
    ...each(["status"], (v) => Object.hasOwn(STATUS_DATE, v), "INVALID_VALUE", { allowed: "completed, in-progress, withdrawn" }),
    ...each(["marker"], (v) => ["repeat", "exemption", "transfer"].includes(v), "INVALID_VALUE", { allowed: "repeat, exemption, transfer" }),
    ...each(["degree_credential"], (v) => CredentialId.safeParse(v).success, "INVALID_VALUE", { allowed: "urn:uuid:<lowercase uuid>" }),
    ...each(["name_zh"], (v) => HAN.test(v), "NAME_ZH_NOT_CHINESE"),
    ...each(["credits_attempted", "credits_earned"], number(10_000), "INVALID_NUMBER", { max: 10_000 }),
    ...each(["credits"], number(100), "INVALID_NUMBER", { max: 100 }),
    ...each(["mark"], number(1000), "INVALID_NUMBER", { max: 1000 }),
    ...["term_gpa", "cumulative_gpa"].flatMap((column) => [
      ...each([column], (v) => NUMBER.test(v), "INVALID_NUMBER", { max: scale.maxGpa }),
      ...each([column], (v) => !NUMBER.test(v) || Number(v) <= scale.maxGpa, "GPA_OUT_OF_RANGE", { max: scale.maxGpa, scale: scale.id }),
    ]),
    ...each(["grade"], (v) => meaningOf(v) !== undefined, "UNKNOWN_GRADE", { scale: scale.id }),
  ];
}

/**
 * Parses and validates a transcript file (one row per course, SPEC §12.2): every cell as graduate files are checked
 * (readCellText), each value against its column's format and the grading scale, then the rules across a student's
 * rows — the same student and term values on each of its rows, terms in order and unsplit, no course twice in a
 * term, term and cumulative GPA within the scale, credits attempted and earned adding up. Rows of one student may be
 * anywhere in the file. Every problem names its row and column, in English and Traditional Chinese.
 */
export function parseTranscriptFile(text: string, format: "csv" | "json", options: ParseTranscriptFileOptions): ParsedTranscriptFile {
  const { scale } = options;
  const input = readInputRows(text, format, TRANSCRIPT_COLUMNS, options.maxRows ?? 200_000);
  const errors = [...input.errors];
  const fail = (row: number, field: string, code: GraduateInputErrorCode, value?: unknown, params: MessageParams = {}) =>
    errors.push(graduateRowError({ row, field, code, params, ...(value === undefined ? {} : { value }) }));
  const failedRows = new Set<number>();
  // A file's rows repeat a few grades thousands of times: each looked up in the scale once.
  const meanings = new Map<string, GradeMeaning | undefined>();
  const meaningOf = (grade: string): GradeMeaning | undefined => {
    if (!meanings.has(grade)) meanings.set(grade, gradeMeaning(scale, grade));
    return meanings.get(grade);
  };
  const checks = formatChecks(scale, meaningOf);

  const rows: Row[] = [];
  for (const { row, values } of input.rows) {
    const before = errors.length;
    const text: Record<string, string> = {};
    for (const column of ALL_COLUMNS) {
      const raw = values[column];
      // Most cells are plain, which readCellText would return as they are.
      if (isPlainCell(raw)) {
        text[column] = raw;
        continue;
      }
      const { value, problem } = readCellText(raw);
      if (problem !== undefined) fail(row, column, problem.code, problem.value, problem.params);
      else if (value !== undefined) text[column] = value;
      else if (!OPTIONAL.has(column) && !input.missing.has(column)) fail(row, column, "REQUIRED");
    }
    for (const { column, ok, code, params } of checks) {
      const value = text[column];
      if (value !== undefined && !ok(value)) fail(row, column, code, value, params);
    }
    if (errors.length > before || input.missing.size > 0) {
      failedRows.add(row);
      if (text.student_id !== undefined) rows.push({ row, text, studentId: text.student_id, termId: text.term ?? "", termStart: text.term_start ?? "" });
      continue;
    }
    const course: TranscriptCourseRecord = {
      code: text.course_code as string,
      title: { en: text.course_title_en as string, "zh-Hant": text.course_title_zh as string },
      credits: Number(text.credits),
      grade: text.grade as string,
      ...(text.marker === undefined ? {} : { marker: text.marker as TranscriptCourseRecord["marker"] & string }),
      ...(text.mark === undefined ? {} : { mark: Number(text.mark) }),
    };
    rows.push({ row, text, studentId: text.student_id as string, termId: text.term as string, termStart: text.term_start as string, course });
  }

  const students = new Map<string, Row[]>();
  for (const row of rows) {
    const own = students.get(row.studentId);
    if (own === undefined) students.set(row.studentId, [row]);
    else own.push(row);
  }

  const records: TranscriptRecord[] = [];
  const firstRows: number[] = [];
  // The UTC date, not Hong Kong's: validFrom is that day at 00:00:00Z, which must not lie after the moment of issue.
  const issuedOn = (options.now ?? new Date()).toISOString().slice(0, 10);
  const hideable = TRANSCRIPT_SECTIONS.filter((section) => options.hideable.includes(section));
  for (const [studentId, own] of students) {
    const before = errors.length;
    const first = own[0] as Row;
    for (const row of own.slice(1)) {
      for (const column of STUDENT_COLUMNS) {
        if (row.text[column] !== first.text[column]) fail(row.row, column, "STUDENT_FIELD_MISMATCH", row.text[column] ?? "", { firstRow: first.row });
      }
    }
    const terms: { id: string; first: Row; courses: Map<string, number>; rows: Row[] }[] = [];
    for (const row of own) {
      const current = terms[terms.length - 1];
      if (current !== undefined && current.id === row.termId) {
        for (const column of TERM_COLUMNS) {
          if (row.text[column] !== current.first.text[column]) fail(row.row, column, "TERM_FIELD_MISMATCH", row.text[column] ?? "", { firstRow: current.first.row, term: row.termId });
        }
      } else {
        const split = terms.some((term) => term.id === row.termId);
        if (current !== undefined && (split || row.termStart <= current.first.termStart)) {
          fail(row.row, "term_start", "TERMS_OUT_OF_ORDER", row.termStart, { term: row.termId, previous: current.id });
        }
        terms.push({ id: row.termId, first: row, courses: new Map(), rows: [] });
      }
      const term = terms[terms.length - 1] as (typeof terms)[number];
      const code = row.text.course_code;
      if (code !== undefined) {
        const firstRow = term.courses.get(code);
        if (firstRow !== undefined) fail(row.row, "course_code", "DUPLICATE_COURSE", code, { term: row.termId, firstRow });
        else term.courses.set(code, row.row);
      }
      term.rows.push(row);
    }
    const admission = first.text.admission_date;
    if (admission !== undefined && terms[0] !== undefined && first.termStart !== "" && first.termStart < admission) {
      fail(first.row, "term_start", "TERM_BEFORE_ADMISSION", first.termStart, { term: first.termId, admissionDate: admission });
    }
    if (errors.length > before || own.some((row) => failedRows.has(row.row))) continue;

    // Credits add up (SPEC §12.2): attempted = every graded course but exemptions and transfers; earned = every pass.
    let attempted = 0;
    let earned = 0;
    for (const { course } of own as Required<Row>[]) {
      const meaning = meaningOf(course.grade);
      if (meaning === undefined || meaning.inProgress) continue;
      if (course.marker !== "exemption" && course.marker !== "transfer") attempted += course.credits;
      if (meaning.passing) earned += course.credits;
    }
    for (const [column, expected] of [["credits_attempted", attempted], ["credits_earned", earned]] as const) {
      const given = Number(first.text[column]);
      if (Math.abs(given - expected) > 0.005) fail(first.row, column, "CREDITS_MISMATCH", first.text[column], { expected: Number(expected.toFixed(2)) });
    }
    if (errors.length > before) continue;

    const t = first.text;
    const status = t.status as keyof typeof STATUS_DATE;
    records.push({
      studentId,
      name: { en: t.name_en as string, "zh-Hant": t.name_zh as string },
      ...(t.date_of_birth === undefined ? {} : { dateOfBirth: t.date_of_birth }),
      programme: { en: t.programme_en as string, "zh-Hant": t.programme_zh as string },
      studyMode: t.study_mode as TranscriptRecord["studyMode"],
      admissionDate: t.admission_date as string,
      status,
      [STATUS_DATE[status]]: t.status_date as string,
      terms: terms.map((term) => ({
        id: term.id,
        name: { en: term.first.text.term_name_en as string, "zh-Hant": term.first.text.term_name_zh as string },
        startDate: term.first.termStart,
        ...(term.first.text.term_gpa === undefined ? {} : { gpa: Number(term.first.text.term_gpa) }),
        courses: term.rows.map((row) => row.course as TranscriptCourseRecord),
      })),
      ...(t.cumulative_gpa === undefined ? {} : { cumulativeGpa: Number(t.cumulative_gpa) }),
      creditsAttempted: Number(t.credits_attempted),
      creditsEarned: Number(t.credits_earned),
      ...(t.degree_credential === undefined ? {} : { degreeCredential: t.degree_credential }),
      ...(hideable.length === 0 ? {} : { hideable }),
      issuedOn,
    });
    firstRows.push(first.row);
  }
  const sorted = errors.map((error, index) => ({ error, index })).sort((a, b) => a.error.row - b.error.row || a.index - b.index).map(({ error }) => error);
  const maxErrors = options.maxErrors ?? 1_000;
  return { records, rows: firstRows, errors: sorted.slice(0, maxErrors), errorCount: sorted.length };
}
