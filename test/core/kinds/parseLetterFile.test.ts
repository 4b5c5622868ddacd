import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildLetterCredential } from "../../../core/src/kinds/buildLetterCredential";
import { letterColumns, parseLetterFile } from "../../../core/src/kinds/parseLetterFile";
import { renderLetter } from "../../../core/src/kinds/renderLetter";
import { LETTER_RECORD, LETTER_TEMPLATE } from "../helpers/kindRecords";
import { ISSUER } from "../helpers/records";

const CSV = readFileSync(join(__dirname, "..", "fixtures", "kinds", "letters.csv"), "utf8");
const NOW = new Date("2026-07-02T04:00:00Z");
const parse = (text: string, format: "csv" | "json" = "csv") => parseLetterFile(text, format, { template: LETTER_TEMPLATE, now: NOW });

describe("parseLetterFile (SPEC §12.3 input)", () => {
  it("a template's columns: the student's, one per field, _en and _zh for a bilingual field, in snake_case", () => {
    expect(letterColumns(LETTER_TEMPLATE)).to.deep.equal(["student_id", "name_en", "name_zh", "programme_en", "programme_zh", "graduation_date"]);
  });

  it("reads one letter per row, issued on today's UTC date, that renders in both languages", () => {
    const parsed = parse(CSV);
    expect(parsed.errors).to.deep.equal([]);
    expect(parsed.records[0]).to.deep.equal(LETTER_RECORD);
    const letter = buildLetterCredential(parsed.records[1] as (typeof parsed.records)[number], LETTER_TEMPLATE, ISSUER);
    expect(renderLetter(letter, "zh-Hant").body).to.equal("茲證明李嘉欣（學生編號 HU2026003）已修畢應用科學高級文憑課程，並於 2026-06-30 畢業。");
    const json = JSON.stringify([{ student_id: "HU1", name_en: "A B", name_zh: "甲乙", programme_en: "P", programme_zh: "課程", graduation_date: "2026-06-30" }]);
    expect(parse(json, "json").records).to.have.length(1);
  });

  it("names row and column of each problem: an empty field, a missing or unknown column, a student twice", () => {
    const bad = `${CSV.trimEnd()}\nHU2026001,Chan Tai Man,陳大文,,化學理學士,2026-06-30\n`;
    expect(parse(bad).errors.map((e) => `${e.row}:${e.field}:${e.code}`)).to.deep.equal(["4:programme_en:REQUIRED", "4:student_id:DUPLICATE_STUDENT_ID"]);
    const header = parse("student_id,name_en,name_zh,programme,graduation_date\nHU1,A,甲,x,2026-06-30\n").errors.map((e) => `${e.row}:${e.field}:${e.code}`);
    expect(header).to.deep.equal(["1:programme:UNKNOWN_COLUMN", "1:programme_en:MISSING_COLUMN", "1:programme_zh:MISSING_COLUMN"]);
    const error = parse(bad).errors[0];
    expect(error?.message.en).to.equal("programme_en is empty. Fill in programme_en; it is required.");
    expect(error?.message["zh-Hant"]).to.equal("programme_en 是空白的。programme_en 為必填欄位，請填寫。");
  });
});
