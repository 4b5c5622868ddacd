import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildTranscriptCredential } from "../../../core/src/kinds/buildTranscriptCredential";
import { parseTranscriptFile } from "../../../core/src/kinds/parseTranscriptFile";
import { csvRecords } from "../../../core/src/csvRecords";
import { toCsv } from "../../../core/src/toCsv";
import { SCALE, TRANSCRIPT_RECORD } from "../helpers/kindRecords";
import { ISSUER } from "../helpers/records";

const CSV = readFileSync(join(__dirname, "..", "fixtures", "kinds", "transcripts.csv"), "utf8");
const NOW = new Date("2026-07-02T04:00:00Z");
const ALL = ["dateOfBirth", "gpa", "marks"] as const;
const parse = (text: string, format: "csv" | "json" = "csv") => parseTranscriptFile(text, format, { scale: SCALE, hideable: ALL, now: NOW });

/** The fixture as header + rows of cells, to edit one cell and write it back. */
function table(): { header: string[]; rows: string[][] } {
  const [header, ...rows] = [...csvRecords(CSV)].map((record) => record.cells);
  return { header: header as string[], rows };
}
function edited(edit: (rows: string[][], column: (name: string) => number) => void): string {
  const { header, rows } = table();
  edit(rows, (name) => header.indexOf(name));
  return toCsv([header, ...rows]);
}
const codes = (text: string) => parse(text).errors.map((e) => `${e.row}:${e.field}:${e.code}`);

describe("parseTranscriptFile (SPEC §12.2 input)", () => {
  it("reads one transcript per student from rows in any order, terms and courses in file order", () => {
    const parsed = parse(CSV);
    expect(parsed.errors).to.deep.equal([]);
    expect(parsed.records.map((r) => r.studentId)).to.deep.equal(["HU2026001", "HU2026002"]);
    expect(parsed.rows).to.deep.equal([2, 3]);
    expect(parsed.records[0]).to.deep.equal(TRANSCRIPT_RECORD);
    const inProgress = parsed.records[1];
    expect(inProgress).to.include({ status: "in-progress", asOf: "2026-06-30", creditsAttempted: 3, creditsEarned: 3 });
    expect(inProgress?.terms.map((t) => t.id)).to.deep.equal(["2024-S1", "2025-S2"]);
    // What was read builds a credential its verifier accepts.
    expect(() => buildTranscriptCredential(inProgress as never, ISSUER, SCALE)).not.to.throw();
  });

  it("reads the same rows from a JSON array of objects keyed by the columns", () => {
    const { header, rows } = table();
    const json = JSON.stringify(rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]]).filter(([, v]) => v !== ""))));
    const parsed = parse(json, "json");
    expect(parsed.errors).to.deep.equal([]);
    expect(parsed.records).to.deep.equal(parse(CSV).records);
  });

  it("a student's terms out of order, or a term's rows split by another term, are TERMS_OUT_OF_ORDER on the row", () => {
    // 2022-S1 now starts after 2023-S1 (row 8 is the first row of 2023-S1).
    const moved = edited((rows, c) => rows.forEach((r) => { if (r[c("term")] === "2022-S1") r[c("term_start")] = "2024-01-01"; }));
    expect(codes(moved)).to.include("8:term_start:TERMS_OUT_OF_ORDER");
    // Row 12, the last of HU2026001, back in 2022-S1 after 2023-S1 and 2025-S2 began: a split term.
    const splitLate = edited((rows, c) => { const r = rows[10] as string[]; r[c("term")] = "2022-S1"; r[c("term_start")] = "2022-09-01"; r[c("term_name_en")] = "2022/23 Semester 1"; r[c("term_name_zh")] = "2022/23 年度上學期"; r[c("term_gpa")] = "2.65"; });
    expect(codes(splitLate)).to.include("12:term_start:TERMS_OUT_OF_ORDER");
  });

  it("credits that do not add up are CREDITS_MISMATCH naming the expected total", () => {
    const parsed = parse(edited((rows, c) => rows.forEach((r) => { if (r[c("student_id")] === "HU2026001") r[c("credits_earned")] = "30"; })));
    const error = parsed.errors.find((e) => e.code === "CREDITS_MISMATCH");
    expect(error).to.include({ row: 2, field: "credits_earned", value: "30" });
    expect(error?.message.en).to.contain("add up to 27");
    expect(error?.message["zh-Hant"]).to.contain("合計為 27");
    expect(parsed.records.map((r) => r.studentId)).to.deep.equal(["HU2026002"]);
  });

  it("a GPA above the scale is GPA_OUT_OF_RANGE; a grade not on the scale UNKNOWN_GRADE; a course twice in a term DUPLICATE_COURSE", () => {
    expect(codes(edited((rows, c) => rows.forEach((r) => { if (r[c("term")] === "2025-S2") r[c("term_gpa")] = "4.5"; })))).to.include("12:term_gpa:GPA_OUT_OF_RANGE");
    expect(codes(edited((rows, c) => { (rows[1] as string[])[c("grade")] = "A++"; }))).to.deep.equal(["3:grade:UNKNOWN_GRADE"]);
    expect(codes(edited((rows, c) => { (rows[1] as string[])[c("grade")] = "101"; }))).to.deep.equal(["3:grade:UNKNOWN_GRADE"]);
    expect(codes(edited((rows, c) => { (rows[3] as string[])[c("course_code")] = "CHEM1001"; }))).to.include("5:course_code:DUPLICATE_COURSE");
  });

  it("reports a row's format errors column by column in one fixed order, and reads padded or non-ASCII cells as it reads plain ones", () => {
    const bad: [string, string][] = [
      ["grade", "A++"], ["cumulative_gpa", "x"], ["term_gpa", "4.5"], ["mark", "1001"], ["credits", "three"], ["credits_earned", "99999"], ["credits_attempted", "abc"],
      ["name_zh", "Chan"], ["degree_credential", "urn:uuid:X"], ["marker", "retake"], ["status", "done"], ["study_mode", "evening"],
      ["term_start", "2022-9-1"], ["status_date", "2026-13-01"], ["admission_date", "x"], ["date_of_birth", "2003-02-30"],
    ];
    const parsed = parse(edited((rows, c) => bad.forEach(([column, value]) => ((rows[0] as string[])[c(column)] = value))));
    expect(parsed.errors.filter((e) => e.row === 2).map((e) => `${e.field}:${e.code}`)).to.deep.equal([
      "date_of_birth:INVALID_DATE", "admission_date:INVALID_DATE", "status_date:INVALID_DATE", "term_start:INVALID_DATE", "study_mode:INVALID_VALUE",
      "status:INVALID_VALUE", "marker:INVALID_VALUE", "degree_credential:INVALID_VALUE", "name_zh:NAME_ZH_NOT_CHINESE", "credits_attempted:INVALID_NUMBER",
      "credits_earned:INVALID_NUMBER", "credits:INVALID_NUMBER", "mark:INVALID_NUMBER", "term_gpa:GPA_OUT_OF_RANGE", "cumulative_gpa:INVALID_NUMBER", "grade:UNKNOWN_GRADE",
      // Then the rules across the student's rows.
      "term_start:TERM_BEFORE_ADMISSION",
    ]);
    const padded = parse(edited((rows) => rows.forEach((row) => row.forEach((cell, i) => (row[i] = cell === "" ? cell : ` ${cell.normalize("NFD")}\u00a0`)))));
    expect(padded.errors).to.deep.equal([]);
    expect(padded.records).to.deep.equal(parse(CSV).records);
  });

  it("student and term values must be the same on each of their rows; a term may not start before admission", () => {
    expect(codes(edited((rows, c) => { (rows[2] as string[])[c("programme_en")] = "BSc Chemistry"; }))).to.include("4:programme_en:STUDENT_FIELD_MISMATCH");
    expect(codes(edited((rows, c) => { (rows[2] as string[])[c("term_gpa")] = "2.66"; }))).to.include("4:term_gpa:TERM_FIELD_MISMATCH");
    expect(codes(edited((rows, c) => rows.forEach((r) => { if (r[c("student_id")] === "HU2026002") r[c("admission_date")] = "2025-01-01"; })))).to.include("3:term_start:TERM_BEFORE_ADMISSION");
  });

  it("cells are checked as graduate files' are, each error in both languages naming row and column", () => {
    const parsed = parse(edited((rows, c) => {
      (rows[0] as string[])[c("study_mode")] = "evening";
      (rows[0] as string[])[c("credits")] = "three";
      (rows[0] as string[])[c("course_title_en")] = "Chem\u202Eistry";
      (rows[0] as string[])[c("marker")] = "retake";
      (rows[0] as string[])[c("course_code")] = "";
    }));
    expect(parsed.errors.map((e) => `${e.row}:${e.field}:${e.code}`)).to.include.members([
      "2:study_mode:INVALID_VALUE", "2:credits:INVALID_NUMBER", "2:course_title_en:INVALID_CHARACTERS", "2:marker:INVALID_VALUE", "2:course_code:REQUIRED",
    ]);
    const mode = parsed.errors.find((e) => e.field === "study_mode");
    expect(mode?.message.en).to.equal('study_mode "evening" is not one of: full-time, part-time. Write exactly one of: full-time, part-time.');
    expect(mode?.message["zh-Hant"]).to.contain("full-time, part-time");
    expect(parse("student_id,name_en\nHU1,Chan\n").errors.map((e) => e.code)).to.include.members(["MISSING_COLUMN"]);
    expect(parse("").errors.map((e) => e.code)).to.deep.equal(["EMPTY_FILE"]);
  });
});
