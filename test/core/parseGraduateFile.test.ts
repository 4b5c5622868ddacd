import { expect } from "chai";
import { indexOfUnassigned } from "../../core/src/indexOfUnassigned";
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputValidationError } from "../../core/src/errors";
import type { GraduateRecord } from "../../core/src/GraduateRecord";
import { translateHonours } from "../../core/src/honours";
import { en } from "../../core/src/i18n/en";
import { GRADUATE_INPUT_ERROR_CODES, type RowError } from "../../core/src/graduateRowError";
import { decodeGraduateFile, detectGraduateFileFormat, parseGraduateFile, type GraduateFileFormat } from "../../core/src/parseGraduateFile";

// 23 November 2026, noon in Hong Kong: the seeds were generated against this day.
const NOW = new Date("2026-11-23T12:00:00+08:00");
const SEEDS = join(__dirname, "..", "..", "seeds");

const HEADER = "student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date,gpa,date_of_birth,valid_until,honours_zh";
const GOOD = "S001,Chan Tai Man,陳大文,Bachelor of Arts,文學士,History,歷史,First Class Honours,2025-11-27,3.85,2003-05-01,,";
const GOOD_RECORD: GraduateRecord = {
  studentId: "S001",
  nameEn: "Chan Tai Man",
  nameZh: "陳大文",
  degreeEn: "Bachelor of Arts",
  degreeZh: "文學士",
  majorEn: "History",
  majorZh: "歷史",
  honoursEn: "First Class Honours",
  honoursZh: "一級榮譽",
  awardDate: "2025-11-27",
  gpa: 3.85,
  dateOfBirth: "2003-05-01",
};

const parse = (text: string, format: GraduateFileFormat = "csv", maxRows?: number) =>
  parseGraduateFile(text, format, { now: NOW, ...(maxRows === undefined ? {} : { maxRows }) });
const brief = (errors: RowError[]) => errors.map(({ row, field, code }) => ({ row, field, code }));
/** GOOD with one column replaced, as a CSV data line. */
const goodWith = (column: string, value: string) => {
  const cells = GOOD.split(",");
  cells[HEADER.split(",").indexOf(column)] = value;
  return cells.join(",");
};
const csv = (...lines: string[]) => [HEADER, ...lines].join("\n") + "\n";

describe("parseGraduateFile", () => {
  describe("valid input", () => {
    it("yields one normalised record per row and no errors", () => {
      const result = parse(csv(GOOD, "S002,  Wong Ka Yan ,黃嘉欣,Master of Science,理學碩士,Data Science,數據科學,With Merit,2024-11-28,,,2030-11-28,"));
      expect(result.errors).to.deep.equal([]);
      expect(result.records).to.deep.equal([
        GOOD_RECORD,
        {
          studentId: "S002",
          nameEn: "Wong Ka Yan",
          nameZh: "黃嘉欣",
          degreeEn: "Master of Science",
          degreeZh: "理學碩士",
          majorEn: "Data Science",
          majorZh: "數據科學",
          honoursEn: "With Merit",
          honoursZh: "良好",
          awardDate: "2024-11-28",
          validUntil: "2030-11-28",
        },
      ]);
    });

    it("accepts an empty honours cell (a postgraduate award has no class): the record has no honours at all", () => {
      const phd = "S003,Lee Siu Ming,李小明,Doctor of Philosophy,哲學博士,Physics,物理學,,2025-11-27,,,,";
      const msc = "S004,Ho Wai Ling,何慧玲,Master of Science,理學碩士,Data Science,數據科學,,2025-11-27,3.9,,,";
      const result = parse(csv(GOOD, phd, msc));
      expect(result.errors).to.deep.equal([]);
      const { honoursEn: _en, honoursZh: _zh, gpa: _gpa, dateOfBirth: _dob, ...common } = GOOD_RECORD;
      expect(result.records.slice(1)).to.deep.equal([
        { ...common, studentId: "S003", nameEn: "Lee Siu Ming", nameZh: "李小明", degreeEn: "Doctor of Philosophy", degreeZh: "哲學博士", majorEn: "Physics", majorZh: "物理學" },
        { ...common, studentId: "S004", nameEn: "Ho Wai Ling", nameZh: "何慧玲", degreeEn: "Master of Science", degreeZh: "理學碩士", majorEn: "Data Science", majorZh: "數據科學", gpa: 3.9 },
      ]);
      expect(result.records[1]).not.to.have.property("honoursEn");
    });

    it("accepts honours absent from some JSON objects and null or empty in others", () => {
      const phd = { student_id: "S1", name_en: "Lee Siu Ming", name_zh: "李小明", degree_en: "Doctor of Philosophy", degree_zh: "哲學博士", major_en: "Physics", major_zh: "物理學", award_date: "2025-11-27" };
      const result = parse(JSON.stringify([{ ...phd, honours: "Pass" }, { ...phd, student_id: "S2" }, { ...phd, student_id: "S3", honours: null }, { ...phd, student_id: "S4", honours: "" }]), "json");
      expect(result.errors).to.deep.equal([]);
      expect(result.records.map((record) => record.honoursZh)).to.deep.equal(["及格", undefined, undefined, undefined]);
    });

    it("accepts a byte order mark, CRLF line ends and no final newline", () => {
      const result = parse(`\uFEFF${HEADER}\r\n${GOOD}`);
      expect(result.errors).to.deep.equal([]);
      expect(result.records).to.deep.equal([GOOD_RECORD]);
    });

    it("reads RFC 4180 quoted fields: commas, doubled quotes, and the optional columns omitted", () => {
      const header = "student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date";
      const line = 'S1,"Chan Tai Man, Peter",陳大文,"Bachelor of Arts","文學士","History ""and"" Culture",歷史,Pass,2025-11-27';
      const result = parse(`${header}\n${line}\n`);
      expect(result.errors).to.deep.equal([]);
      expect(result.records[0]?.nameEn).to.equal("Chan Tai Man, Peter");
      expect(result.records[0]?.majorEn).to.equal('History "and" Culture');
    });

    it("counts a quoted multi-line field as one spreadsheet row, and rejects the line break in it", () => {
      const result = parse(csv(goodWith("name_en", '"Chan\nTai Man"'), goodWith("student_id", "S002").replace("2025-11-27", "2025-02-30")));
      expect(brief(result.errors)).to.deep.equal([
        { row: 2, field: "name_en", code: "INVALID_CHARACTERS" },
        { row: 3, field: "award_date", code: "INVALID_DATE" },
      ]);
    });

    it("NFC-normalises text, so a decomposed accent equals the composed one", () => {
      const result = parse(csv(goodWith("name_en", "Sophie Mu\u0308ller")));
      expect(result.records[0]?.nameEn).to.equal("Sophie M\u00fcller");
    });

    it("skips blank rows that spreadsheets export, keeping the row numbers", () => {
      const result = parse(csv(GOOD, ",,,,,,,,,,,,", "", goodWith("student_id", "")));
      expect(result.records).to.have.length(1);
      expect(brief(result.errors)).to.deep.equal([{ row: 5, field: "student_id", code: "REQUIRED" }]);
    });

    it("reads JSON with the same keys, the GPA as a number or text, rows numbered index + 1", () => {
      const object = {
        student_id: "S001",
        name_en: "Chan Tai Man",
        name_zh: "陳大文",
        degree_en: "Bachelor of Arts",
        degree_zh: "文學士",
        major_en: "History",
        major_zh: "歷史",
        honours: "First Class Honours",
        award_date: "2025-11-27",
        gpa: 3.85,
        date_of_birth: "2003-05-01",
      };
      const result = parse(JSON.stringify([object, { ...object, student_id: "S002", gpa: "3.85" }, { ...object, student_id: 3 }]), "json");
      expect(result.records).to.deep.equal([GOOD_RECORD, { ...GOOD_RECORD, studentId: "S002" }]);
      expect(brief(result.errors)).to.deep.equal([{ row: 3, field: "student_id", code: "INVALID_TYPE" }]);
    });
  });

  describe("every error code, with its row and field", () => {
    const cases: { name: string; text: string; format?: GraduateFileFormat; expected: { row: number; field: string; code: string }[] }[] = [
      { name: "EMPTY_FILE (nothing)", text: "", expected: [{ row: 0, field: "", code: "EMPTY_FILE" }] },
      { name: "EMPTY_FILE (only a BOM and spaces)", text: "\uFEFF \n", expected: [{ row: 0, field: "", code: "EMPTY_FILE" }] },
      { name: "EMPTY_FILE (header only)", text: `${HEADER}\n`, expected: [{ row: 0, field: "", code: "EMPTY_FILE" }] },
      { name: "EMPTY_FILE (JSON [])", text: "[]", format: "json", expected: [{ row: 0, field: "", code: "EMPTY_FILE" }] },
      { name: "INVALID_JSON (syntax)", text: "[{", format: "json", expected: [{ row: 0, field: "", code: "INVALID_JSON" }] },
      { name: "INVALID_JSON (duplicate key)", text: '[{"a":1,"a":2}]', format: "json", expected: [{ row: 0, field: "", code: "INVALID_JSON" }] },
      { name: "INVALID_JSON (not an array)", text: "{}", format: "json", expected: [{ row: 0, field: "", code: "INVALID_JSON" }] },
      {
        name: "INVALID_JSON (element not an object), MISSING_COLUMN at row 0 in JSON",
        text: "[1]",
        format: "json",
        expected: [
          ...["student_id", "name_en", "name_zh", "degree_en", "degree_zh", "major_en", "major_zh", "honours", "award_date"].map((field) => ({
            row: 0,
            field,
            code: "MISSING_COLUMN",
          })),
          { row: 1, field: "", code: "INVALID_JSON" },
        ],
      },
      {
        name: "MISSING_COLUMN and UNKNOWN_COLUMN (a typo in the header)",
        text: csv(GOOD).replace("major_zh", "major_hz"),
        expected: [
          { row: 1, field: "major_hz", code: "UNKNOWN_COLUMN" },
          { row: 1, field: "major_zh", code: "MISSING_COLUMN" },
        ],
      },
      { name: "UNKNOWN_COLUMN (unnamed column)", text: csv(`${GOOD},`).replace(HEADER, `${HEADER},`), expected: [{ row: 1, field: "", code: "UNKNOWN_COLUMN" }] },
      { name: "DUPLICATE_COLUMN", text: csv(`${GOOD},3.85`).replace(HEADER, `${HEADER},gpa`), expected: [{ row: 1, field: "gpa", code: "DUPLICATE_COLUMN" }] },
      { name: "COLUMN_COUNT", text: csv(goodWith("name_en", "Chan Tai Man, Peter")), expected: [{ row: 2, field: "", code: "COLUMN_COUNT" }] },
      { name: "INVALID_CSV (stray quote)", text: csv(goodWith("name_en", 'Chan "Tai" Man'), GOOD.replace("S001", "S002")), expected: [{ row: 2, field: "", code: "INVALID_CSV" }] },
      { name: "INVALID_CSV (unclosed quote)", text: csv(GOOD, goodWith("name_en", '"Chan Tai Man')), expected: [{ row: 3, field: "", code: "INVALID_CSV" }] },
      { name: "REQUIRED", text: csv(goodWith("degree_zh", "  ")), expected: [{ row: 2, field: "degree_zh", code: "REQUIRED" }] },
      { name: "TOO_LONG", text: csv(goodWith("major_en", "x".repeat(201))), expected: [{ row: 2, field: "major_en", code: "TOO_LONG" }] },
      { name: "INVALID_CHARACTERS (tab)", text: csv(goodWith("name_en", "Chan\tTai Man")), expected: [{ row: 2, field: "name_en", code: "INVALID_CHARACTERS" }] },
      {
        name: "INVALID_CHARACTERS (right-to-left override)",
        text: csv(goodWith("name_en", "Chan \u202ETai Man")),
        expected: [{ row: 2, field: "name_en", code: "INVALID_CHARACTERS" }],
      },
      {
        name: "UNASSIGNED_CHARACTER (U+1C89, assigned only from Unicode 16.0)",
        text: csv(goodWith("name_en", "Chan \u1C89 Tai Man")),
        expected: [{ row: 2, field: "name_en", code: "UNASSIGNED_CHARACTER" }],
      },
      { name: "INVALID_ENCODING (U+FFFD)", text: csv(goodWith("name_zh", "陳\uFFFD\uFFFD")), expected: [{ row: 2, field: "name_zh", code: "INVALID_ENCODING" }] },
      { name: "NAME_ZH_NOT_CHINESE", text: csv(goodWith("name_zh", "Chan Tai Man")), expected: [{ row: 2, field: "name_zh", code: "NAME_ZH_NOT_CHINESE" }] },
      { name: "INVALID_DATE (impossible day)", text: csv(goodWith("award_date", "2026-02-30")), expected: [{ row: 2, field: "award_date", code: "INVALID_DATE" }] },
      { name: "INVALID_DATE (format)", text: csv(goodWith("award_date", "27/11/2025")), expected: [{ row: 2, field: "award_date", code: "INVALID_DATE" }] },
      { name: "INVALID_DATE (valid_until)", text: csv(goodWith("valid_until", "2030-13-01")), expected: [{ row: 2, field: "valid_until", code: "INVALID_DATE" }] },
      { name: "AWARD_DATE_FUTURE", text: csv(goodWith("award_date", "2026-11-24")), expected: [{ row: 2, field: "award_date", code: "AWARD_DATE_FUTURE" }] },
      {
        name: "VALID_UNTIL_BEFORE_AWARD",
        text: csv(goodWith("valid_until", "2025-11-26")),
        expected: [{ row: 2, field: "valid_until", code: "VALID_UNTIL_BEFORE_AWARD" }],
      },
      { name: "INVALID_GPA (too high)", text: csv(goodWith("gpa", "5.2")), expected: [{ row: 2, field: "gpa", code: "INVALID_GPA" }] },
      { name: "INVALID_GPA (three decimals)", text: csv(goodWith("gpa", "3.456")), expected: [{ row: 2, field: "gpa", code: "INVALID_GPA" }] },
      { name: "INVALID_GPA (not a number)", text: csv(goodWith("gpa", "A-")), expected: [{ row: 2, field: "gpa", code: "INVALID_GPA" }] },
      {
        name: "INVALID_DATE_OF_BIRTH (under 10 at award)",
        text: csv(goodWith("date_of_birth", "2015-11-28")),
        expected: [{ row: 2, field: "date_of_birth", code: "INVALID_DATE_OF_BIRTH" }],
      },
      {
        name: "INVALID_DATE_OF_BIRTH (impossible date)",
        text: csv(goodWith("date_of_birth", "2003-02-29")),
        expected: [{ row: 2, field: "date_of_birth", code: "INVALID_DATE_OF_BIRTH" }],
      },
      {
        name: "HONOURS_ZH_REQUIRED",
        text: csv(goodWith("honours", "Honours with Commendation")),
        expected: [{ row: 2, field: "honours_zh", code: "HONOURS_ZH_REQUIRED" }],
      },
      {
        name: "HONOURS_EN_REQUIRED (Chinese honours without English)",
        text: csv(goodWith("honours", "").replace(/,$/, ",一級榮譽")),
        expected: [{ row: 2, field: "honours", code: "HONOURS_EN_REQUIRED" }],
      },
      {
        name: "DUPLICATE_STUDENT_ID",
        text: csv(GOOD, goodWith("student_id", "S002"), GOOD),
        expected: [{ row: 4, field: "student_id", code: "DUPLICATE_STUDENT_ID" }],
      },
    ];
    for (const { name, text, format, expected } of cases) {
      it(name, () => {
        const result = parse(text, format ?? "csv");
        expect(brief(result.errors)).to.deep.equal(expected);
        for (const error of result.errors) {
          expect(error.message.en).not.to.match(/\{\w+\}/);
          expect(error.message["zh-Hant"]).not.to.match(/\{\w+\}/);
        }
      });
    }

    it("INVALID_TYPE: a JSON value that is not text", () => {
      const result = parse('[{"student_id":"S1","name_en":["Chan"],"name_zh":"陳大文","degree_en":"BA","degree_zh":"文學士","major_en":"History","major_zh":"歷史","honours":"Pass","award_date":"2025-11-27"}]', "json");
      expect(brief(result.errors)).to.deep.equal([{ row: 1, field: "name_en", code: "INVALID_TYPE" }]);
    });

    it("TOO_MANY_ROWS: 50,001 rows are reported once, at the first row over the limit", function () {
      this.timeout(60_000);
      const lines = Array.from({ length: 50_001 }, (_, i) => goodWith("student_id", `S${i}`));
      const result = parse(csv(...lines));
      expect(brief(result.errors)).to.deep.equal([{ row: 50_002, field: "", code: "TOO_MANY_ROWS" }]);
      expect(result.errors[0]?.message.en).to.contain("50000");
      expect(result.records).to.have.length(50_000);
    });

    it("TOO_MANY_ROWS honours maxRows in JSON too", () => {
      const object = { student_id: "S", name_en: "A", name_zh: "陳", degree_en: "B", degree_zh: "學士", major_en: "M", major_zh: "主修", honours: "Pass", award_date: "2025-01-01" };
      const rows = [1, 2, 3].map((i) => ({ ...object, student_id: `S${i}` }));
      expect(brief(parse(JSON.stringify(rows), "json", 2).errors)).to.deep.equal([{ row: 3, field: "", code: "TOO_MANY_ROWS" }]);
    });

    it("collects every error of every row instead of stopping at the first", () => {
      const result = parse(csv(goodWith("gpa", "9").replace("2003-05-01", "1800-01-01"), goodWith("name_zh", "abc").replace("S001", "S002")));
      expect(brief(result.errors)).to.deep.equal([
        { row: 2, field: "gpa", code: "INVALID_GPA" },
        { row: 2, field: "date_of_birth", code: "INVALID_DATE_OF_BIRTH" },
        { row: 3, field: "name_zh", code: "NAME_ZH_NOT_CHINESE" },
      ]);
      expect(result.records).to.deep.equal([]);
    });

    it("names the first row of a duplicate student ID in both languages", () => {
      const [error] = parse(csv(GOOD, GOOD)).errors;
      expect(error).to.deep.include({ row: 3, field: "student_id", value: "S001" });
      expect(error?.message).to.deep.equal({
        en: "student_id S001 already appears in row 2. Keep one row per graduate; a correction to an issued credential is a reissue, not a second row.",
        "zh-Hant": "student_id S001 已在第 2 行出現。每名畢業生只可佔一列；更正已發出的憑證應以重新發出處理，而非加入第二列。",
      });
    });

    it("takes 'today' in Hong Kong: a date that is already tomorrow in UTC+8 is not in the future", () => {
      const lateEvening = new Date("2026-11-23T17:30:00Z"); // 01:30 on 24 November in Hong Kong
      expect(parseGraduateFile(csv(goodWith("award_date", "2026-11-24")), "csv", { now: lateEvening }).errors).to.deep.equal([]);
    });

    it("has a message in both languages for every code", () => {
      for (const code of GRADUATE_INPUT_ERROR_CODES) expect(Object.keys(en), code).to.include(`input.${code}`);
      // graduateRowError looks up `<key>.fix` for every message key, variants included.
      for (const key of Object.keys(en).filter((k) => k.startsWith("input.") && !k.endsWith(".fix"))) expect(en, key).to.have.property(`${key}.fix`);
    });
  });

  describe("a file wrong throughout", () => {
    // One control character per line: every row is one COLUMN_COUNT error.
    const wrongThroughout = (rows: number) => csv(...Array.from({ length: rows }, () => "\u0001"));

    it("keeps the first 1,000 row errors in file order and counts all of them", () => {
      const result = parse(wrongThroughout(20_000));
      expect(result.errorCount).to.equal(20_000);
      expect(result.errors).to.have.length(1_000);
      expect(result.errors[0]).to.include({ row: 2, code: "COLUMN_COUNT" });
      expect(result.errors[999]).to.include({ row: 1_001, code: "COLUMN_COUNT" });
    });

    it("keeps as many as maxErrors asks for, and every error when there are fewer", () => {
      expect(parseGraduateFile(wrongThroughout(10), "csv", { now: NOW, maxErrors: 3 })).to.deep.include({ errorCount: 10 });
      expect(parseGraduateFile(wrongThroughout(10), "csv", { now: NOW, maxErrors: 3 }).errors.map((e) => e.row)).to.deep.equal([2, 3, 4]);
      const few = parse(wrongThroughout(10));
      expect(few.errors).to.have.length(10);
      expect(few.errorCount).to.equal(10);
    });

    it("caps JSON files the same way", () => {
      const result = parseGraduateFile(JSON.stringify(Array.from({ length: 2_000 }, () => 1)), "json", { now: NOW });
      expect(result.errorCount).to.equal(2_000 + 9);
      expect(result.errors).to.have.length(1_000);
    });
  });

  describe("decodeGraduateFile", () => {
    it("decodes UTF-8 and strips the byte order mark", () => {
      expect(decodeGraduateFile(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("陳大文")]))).to.equal("陳大文");
    });

    it("throws INVALID_ENCODING for bytes that are not UTF-8 (Big5 here)", () => {
      const big5 = new Uint8Array([0xb3, 0xaf, 0xa4, 0x6a, 0xa4, 0xe5]); // 陳大文 in Big5
      expect(() => decodeGraduateFile(big5))
        .to.throw(InputValidationError)
        .with.property("code", "INVALID_ENCODING");
    });

    it("lets the parser report a lossy (non-fatal) decode as INVALID_ENCODING", () => {
      const bytes = new TextEncoder().encode(csv(GOOD));
      const text = new TextDecoder("utf-8").decode(new Uint8Array([...bytes.slice(0, -10), 0xff, ...bytes.slice(-10)]));
      expect(brief(parse(text).errors).map((e) => e.code)).to.include("INVALID_ENCODING");
    });
  });

  describe("detectGraduateFileFormat", () => {
    it("uses the extension, then the content", () => {
      expect(detectGraduateFileFormat("Graduates.JSON", "")).to.equal("json");
      expect(detectGraduateFileFormat("graduates.csv", "[")).to.equal("csv");
      expect(detectGraduateFileFormat("upload", "\uFEFF  [{}]")).to.equal("json");
      expect(detectGraduateFileFormat("upload", HEADER)).to.equal("csv");
    });
  });

  describe("property: a valid record written as CSV parses back to itself", () => {
    const FORBIDDEN = /[\p{Cc}\u202A-\u202E\u2066-\u2069\uFFFD]|\p{Cs}/u;
    const clean = (text: string) => text.normalize("NFC").trim();
    const text = fc
      .string({ unit: "binary", minLength: 1, maxLength: 60 })
      .map(clean)
      // Characters unassigned in the SPEC's Unicode version are refused (UNASSIGNED_CHARACTER, tested above).
      .filter((s) => s !== "" && s.length <= 200 && !FORBIDDEN.test(s) && indexOfUnassigned(s) === -1);
    const chinese = text.map((s) => clean(`陳${s}`)).filter((s) => s.length <= 200);
    const day = fc.record({ year: fc.integer({ min: 1950, max: 2025 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) });
    const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    const record = fc
      .record({
        studentId: text,
        nameEn: text,
        nameZh: chinese,
        degreeEn: text,
        degreeZh: text,
        majorEn: text,
        majorZh: text,
        honours: fc.option(fc.record({ honoursEn: text, honoursZh: text }), { nil: undefined }),
        award: day,
        gpa: fc.option(fc.integer({ min: 0, max: 430 }).map((n) => n / 100), { nil: undefined }),
        age: fc.option(fc.integer({ min: 11, max: 99 }), { nil: undefined }),
        validYears: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }),
        crlf: fc.boolean(),
      })
      .map(({ award, age, validYears, crlf, gpa, honours, ...rest }) => {
        const built: GraduateRecord = { ...rest, ...honours, awardDate: iso(award.year, award.month, award.day) };
        if (gpa !== undefined) built.gpa = gpa;
        if (age !== undefined) built.dateOfBirth = iso(award.year - age, award.day % 12 + 1, award.month);
        if (validYears !== undefined) built.validUntil = iso(award.year + validYears, award.month, award.day);
        return { built, crlf };
      });
    const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;

    it("holds", function () {
      // A hundred random files of up to 60-character fields: slower than mocha's 2 s default on a loaded machine.
      this.timeout(30_000);
      fc.assert(
        fc.property(record, ({ built, crlf }) => {
          const cells = [
            built.studentId, built.nameEn, built.nameZh, built.degreeEn, built.degreeZh, built.majorEn, built.majorZh,
            built.honoursEn ?? "", built.awardDate, built.gpa === undefined ? "" : String(built.gpa), built.dateOfBirth ?? "",
            built.validUntil ?? "", built.honoursZh ?? "",
          ];
          const newline = crlf ? "\r\n" : "\n";
          const result = parse(`${HEADER}${newline}${cells.map(quote).join(",")}${newline}`);
          expect(result.errors).to.deep.equal([]);
          expect(result.records).to.deep.equal([built]);
        }),
        { numRuns: 300 },
      );
    });
  });
});

describe("translateHonours", () => {
  it("knows the Hong Kong classifications in their usual spellings", () => {
    expect(translateHonours("Second Class Honours (Division I)")).to.equal("二級榮譽（甲等）");
    expect(translateHonours("second class honors, upper division")).to.equal("二級榮譽（甲等）");
    expect(translateHonours("Second Class Honours (Division II)")).to.equal("二級榮譽（乙等）");
    expect(translateHonours(" With Distinction ")).to.equal("優異");
  });

  it("returns undefined rather than guessing", () => {
    expect(translateHonours("Honours with Commendation")).to.equal(undefined);
  });
});

describe("seed files", () => {
  // seeds/README.md lists the same expectations row by row.
  const BAD_EXPECTED = [
    [1, "major_hz", "UNKNOWN_COLUMN"],
    [1, "major_zh", "MISSING_COLUMN"],
    [3, "name_en", "REQUIRED"],
    [4, "award_date", "INVALID_DATE"],
    [5, "award_date", "AWARD_DATE_FUTURE"],
    [6, "valid_until", "VALID_UNTIL_BEFORE_AWARD"],
    [7, "gpa", "INVALID_GPA"],
    [8, "date_of_birth", "INVALID_DATE_OF_BIRTH"],
    [9, "student_id", "DUPLICATE_STUDENT_ID"],
    [10, "major_en", "TOO_LONG"],
    [11, "name_en", "INVALID_CHARACTERS"],
    [12, "name_zh", "NAME_ZH_NOT_CHINESE"],
    [13, "", "COLUMN_COUNT"],
    [14, "name_zh", "INVALID_ENCODING"],
    [15, "honours_zh", "HONOURS_ZH_REQUIRED"],
    [16, "", "INVALID_CSV"],
    [17, "date_of_birth", "INVALID_DATE_OF_BIRTH"],
    [17, "gpa", "INVALID_GPA"],
    [18, "student_id", "REQUIRED"],
  ] as const;

  it("bad-graduates.csv reports exactly the documented errors", () => {
    const result = parse(readFileSync(join(SEEDS, "bad-graduates.csv"), "utf8"));
    const sorted = (list: { row: number; field: string; code: string }[]) =>
      [...list].sort((a, b) => a.row - b.row || a.field.localeCompare(b.field) || a.code.localeCompare(b.code));
    expect(sorted(brief(result.errors))).to.deep.equal(sorted(BAD_EXPECTED.map(([row, field, code]) => ({ row, field, code }))));
    expect(result.records).to.deep.equal([]);
  });

  for (const file of readdirSync(join(SEEDS, "graduates"))) {
    it(`graduates/${file} has no errors`, () => {
      const bytes = readFileSync(join(SEEDS, "graduates", file));
      const text = decodeGraduateFile(new Uint8Array(bytes));
      const result = parse(text, detectGraduateFileFormat(file, text));
      expect(result.errors).to.deep.equal([]);
      expect(result.records.length).to.be.greaterThan(0);
    });
  }
});
