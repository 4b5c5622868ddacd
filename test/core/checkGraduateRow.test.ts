import { expect } from "chai";
import fc from "fast-check";
import { checkGraduateRow } from "../../core/src/checkGraduateRow";
import { GRADUATE_COLUMNS, type GraduateColumn, type GraduateRowInput } from "../../core/src/graduateColumns";
import { ISO_DATE_PATTERN, IsoDate } from "../../core/src/GraduateRecord";
import { parseGraduateFile } from "../../core/src/parseGraduateFile";
import { shiftYears } from "../../core/src/shiftYears";
import { validateGraduateRecord } from "../../core/src/validateGraduateRecord";

const TODAY = "2026-11-23";
const PLAIN_TEXT = /^[\x20-\x7e\u4e00-\u9fff\uff01-\uff5e]*$/;

const validate = (row: GraduateRowInput) => validateGraduateRecord(row, { row: 1, today: TODAY });

/** Whatever the compiled check accepts, the full check accepts with the same record, members in the same order. */
function expectSound(row: GraduateRowInput): "compiled" | "general" | "refused" {
  const compiled = checkGraduateRow(row, TODAY);
  const full = validate(row);
  if (compiled !== undefined) {
    expect(full.errors, JSON.stringify(row)).to.deep.equal([]);
    expect(JSON.stringify(compiled)).to.equal(JSON.stringify(full.record));
    expect(compiled).to.deep.equal(full.record);
    return "compiled";
  }
  if (full.record === undefined) return "refused";
  // Accepted by the full check only: some text needed its work (trimming, normalising, characters isPlainCell leaves to it).
  const texts = Object.values(row).filter((value): value is string => typeof value === "string");
  expect(texts.some((text) => text !== text.trim() || !PLAIN_TEXT.test(text)), `the compiled check refused a plain valid row ${JSON.stringify(row)}`).to.equal(true);
  return "general";
}

// Rows: plain text (isPlainCell's ASCII, CJK ideographs, fullwidth forms), standard and other honours, GPA as text or number.
const asciiCharacter = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
const hanCharacter = fc.integer({ min: 0x4e00, max: 0x9fff }).map((code) => String.fromCharCode(code));
const fullwidthCharacter = fc.integer({ min: 0xff01, max: 0xff5e }).map((code) => String.fromCharCode(code));
const plainText = fc
  .array(fc.oneof({ weight: 4, arbitrary: asciiCharacter }, hanCharacter, fullwidthCharacter), { minLength: 1, maxLength: 24 })
  .map((characters) => characters.join("").trim())
  .filter((text) => text !== "");
const chineseName = fc.array(hanCharacter, { minLength: 1, maxLength: 4 }).map((characters) => characters.join(""));
const STANDARD_HONOURS = ["First Class Honours", "Second Class Honours (Division I)", "second class honours, upper division", "Upper Second Class Honors", "PASS", "With Distinction", "summa cum laude"];
const honours = fc.oneof(
  fc.constantFrom(...STANDARD_HONOURS).map((en) => ({ honours: en, honours_zh: "" })),
  fc.tuple(plainText, plainText).map(([en, zh]) => ({ honours: en, honours_zh: zh })),
  fc.constant({ honours: "", honours_zh: "" }),
  fc.constant({ honours: "", honours_zh: undefined }),
);
const gpa = fc.oneof(
  fc.integer({ min: 0, max: 430 }).map((n) => n / 100),
  fc.integer({ min: 0, max: 430 }).map((n) => (n / 100).toFixed(2)),
  fc.integer({ min: 0, max: 430 }).map((n) => String(n / 100)),
  fc.constantFrom("", undefined, null),
);
const day = (year: number, month: number, dayOfMonth: number) => `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(dayOfMonth).padStart(2, "0")}`;
const awardDate = fc.oneof(
  fc.tuple(fc.integer({ min: 1990, max: 2025 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => day(y, m, d)),
  fc.constantFrom("2024-02-29", "2000-02-29", TODAY),
);
/** A birth date `age` years before the award: the same day (10 and 100 years are the limits, still accepted), or 1 January. */
function birthDate(awardDate: string, age: number, birth: string | undefined): string | undefined {
  const sameDay = shiftYears(awardDate, -age);
  // After 29 February the same day is no date in most years: such rows take 1 January.
  if (birth === "same day" && IsoDate.safeParse(sameDay).success) return sameDay;
  if (birth === "same day" || birth === "1 January") return `${String(Number(awardDate.slice(0, 4)) - Math.min(age, 99)).padStart(4, "0")}-01-01`;
  return birth;
}

const validRow: fc.Arbitrary<GraduateRowInput> = fc
  .record({
    student_id: plainText,
    name_en: plainText,
    name_zh: fc.oneof(chineseName, fc.tuple(plainText, chineseName).map(([text, name]) => `${name}${text}`)),
    degree_en: plainText,
    degree_zh: plainText,
    major_en: plainText,
    major_zh: plainText,
    award_date: awardDate,
    gpa,
    age: fc.oneof(fc.integer({ min: 11, max: 99 }), fc.constantFrom(10, 100)),
    birth: fc.constantFrom("", undefined, "same day", "1 January"),
    valid_until: fc.constantFrom("", undefined, "2031-06-30", "same day"),
    honours,
  })
  .map(({ age, birth, honours: { honours: en, honours_zh: zh }, ...row }) => ({
    ...row,
    date_of_birth: birthDate(row.award_date, age, birth),
    valid_until: row.valid_until === "same day" ? row.award_date : row.valid_until,
    honours: en,
    honours_zh: zh,
  }));

// Values each rule must tell apart, per kind of cell.
const TYPES: unknown[] = [undefined, null, "", 3, 3.5, true, {}, ["a"]];
const TEXTS = [
  " ", " x ", "x  ", "x x", "\u3000陳", "\u00a0x", "\u0378", "\ud800", "a\udc00b", "陳\ud83d", "\uFFFD", "a\tb", "a\u202eb", "e\u0301", "Rene\u0301e", "a\u00a0b", "a\u0378b", "a\ud800b", "José", "Zoë", "𠀋",
  "陳大文", "ａｂｃ", "（甲等）", "Chan", "x".repeat(200), "x".repeat(201), "陳".repeat(200), "陳".repeat(201),
];
const DATES = [
  "2026-02-29", "2024-02-29", "2100-02-29", "2000-02-29", "1900-02-29", "0000-02-29", "2026-13-01", "2026-6-30", "2026-06-31", "20260630", " 2026-06-30",
  "2026-11-24", "2099-01-01", TODAY, "1926-11-23", "1926-11-22", "2016-11-23", "2016-11-24",
];
/** Dates relative to the row's award date, resolved when the mutation is applied: the age limits and a day either side. */
const RELATIVE_DATES = ["award", "award + 1 day", "award - 1 day", "award - 10 years", "award - 10 years + 1 day", "award - 100 years", "award - 100 years - 1 day"] as const;
const GPAS: unknown[] = ["4.3", "4.30", "4.31", "3.555", "1e0", " 3.5", "3.5 ", "-0", ".5", "0".repeat(199) + "1", "0".repeat(250) + "1", 4.3, 4.31, -0, Number.NaN, Infinity, 3.555, 1e-7];
const HONOURS = ["First Class Honours", "Second Class Honours, Upper Division", "HONORS first class", " Pass ", "Honours with Commendation", "二級榮譽（甲等）", "一級榮譽", "Pass\u00a0"];
const TEXT_COLUMNS: GraduateColumn[] = ["student_id", "name_en", "name_zh", "degree_en", "degree_zh", "major_en", "major_zh", "honours", "honours_zh"];
const DATE_COLUMNS: GraduateColumn[] = ["award_date", "date_of_birth", "valid_until"];

const mutation: fc.Arbitrary<[GraduateColumn, unknown]> = fc.oneof(
  fc.tuple(fc.constantFrom(...(GRADUATE_COLUMNS as GraduateColumn[])), fc.constantFrom(...TYPES)),
  fc.tuple(fc.constantFrom(...TEXT_COLUMNS), fc.constantFrom(...TEXTS)),
  fc.tuple(fc.constantFrom(...DATE_COLUMNS), fc.constantFrom(...DATES, ...RELATIVE_DATES)),
  fc.tuple(fc.constant("gpa" as const), fc.constantFrom(...GPAS)),
  fc.tuple(fc.constantFrom<GraduateColumn>("honours", "honours_zh"), fc.constantFrom(...HONOURS)),
);

/** `date` moved by whole days; text that is no date (a year shifted below 0000) is kept as it is. */
function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(moved.getTime())) return date;
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/** The value a mutation sets, a relative date resolved against the row's award date as it is at that point. */
function resolve(value: unknown, row: GraduateRowInput): unknown {
  const award = row.award_date;
  if (!(RELATIVE_DATES as readonly unknown[]).includes(value) || typeof award !== "string" || !IsoDate.safeParse(award).success) return value;
  const shifted = (years: number, days: number) => addDays(shiftYears(award, years).replace(/-02-29$/, "-02-28"), days);
  const dates: Record<(typeof RELATIVE_DATES)[number], string> = {
    award,
    "award + 1 day": addDays(award, 1),
    "award - 1 day": addDays(award, -1),
    "award - 10 years": shiftYears(award, -10),
    "award - 10 years + 1 day": shifted(-10, 1),
    "award - 100 years": shiftYears(award, -100),
    "award - 100 years - 1 day": shifted(-100, -1),
  };
  return dates[value as (typeof RELATIVE_DATES)[number]];
}

describe("checkGraduateRow (validateGraduateRecord compiled for plainly valid rows)", function () {
  this.timeout(120_000);

  it("reads dates with exactly IsoDate's verdict (leap years, impossible days, malformed text)", () => {
    const years = ["0000", "0004", "0100", "0400", "1900", "1996", "2000", "2023", "2024", "2026", "2100", "2400", "9999"];
    const parts = Array.from({ length: 34 }, (_, i) => String(i).padStart(2, "0"));
    const dates = years.flatMap((year) => parts.flatMap((month) => parts.map((dayOfMonth) => `${year}-${month}-${dayOfMonth}`)));
    const texts = [...dates, "2026-6-30", "2026-06-3", "20260-06-30", " 2026-06-30", "2026-06-30 ", "2026/06/30", "２０２６-06-30", "2026-06-30T00:00:00Z", ""];
    expect(texts.filter((text) => ISO_DATE_PATTERN.test(text) !== IsoDate.safeParse(text).success)).to.deep.equal([]);
    expect(texts.filter((text) => IsoDate.safeParse(text).success)).to.include.members(["2024-02-29", "2000-02-29", "0000-02-29", "2026-01-31"]).and.not.include.members(["1900-02-29", "2026-02-29", "2026-04-31"]);
  });

  it("accepts every plainly valid row, with exactly validateGraduateRecord's record", () => {
    fc.assert(
      fc.property(validRow, (row) => {
        expect(expectSound(row)).to.equal("compiled");
      }),
      { numRuns: 300 },
    );
  });

  it("on mutated rows (wrong types, empty cells, bad and future dates, 29 February, age limits, unassigned code points, lone surrogates, missing columns, Chinese text, honours variants) accepts only what validateGraduateRecord accepts, with the same record", () => {
    const outcomes = { compiled: 0, general: 0, refused: 0 };
    fc.assert(
      fc.property(validRow, fc.array(fc.array(mutation, { minLength: 1, maxLength: 3 }), { minLength: 25, maxLength: 25 }), (row, variants) => {
        for (const changes of variants) {
          const mutated: GraduateRowInput = { ...row };
          for (const [column, value] of changes) {
            if (value === undefined) delete mutated[column];
            else mutated[column] = resolve(value, mutated);
          }
          outcomes[expectSound(mutated)]++;
        }
      }),
      { numRuns: 60 },
    );
    // Each way out is taken often, so the run cannot pass by taking only one.
    for (const count of Object.values(outcomes)) expect(count).to.be.greaterThan(50);
  });

  it("leaves a file's refusals, row numbers and duplicates to the full check: the same errors as before, fast and general rows mixed", () => {
    const header = "student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date,gpa,date_of_birth,valid_until,extra";
    const lines = [
      "S1,Chan Tai Man,陳大文,Bachelor of Arts,文學士,History,歷史,First Class Honours,2025-06-30,3.85,2003-05-01,,x",
      "S2,  José Wong ,黃嘉欣,Master of Science,理學碩士,Data Science,數據科學,,2025-06-30,,,,",
      "S1,Lee Siu Ming,李小明,Bachelor of Arts,文學士,History,歷史,Pass,2025-06-30,,,,",
      "S3,Ho Mei Ling,Ho,Bachelor of Arts,文學士,History,歷史,Honours with Commendation,2029-02-29,4.5,2020-01-01,2024-01-01,",
      "S4,Ng Chi Keung,吳志強,Bachelor of Arts,文學士,History,歷史,Pass,2024-02-29,,2014-02-28,,",
    ];
    const result = parseGraduateFile(`${header}\n${lines.join("\n")}\n`, "csv", { now: new Date("2026-11-23T12:00:00+08:00") });
    expect(result.records.map((record) => record.studentId)).to.deep.equal(["S1", "S2", "S4"]);
    expect(result.records[1]).to.deep.include({ nameEn: "José Wong" });
    expect(result.rows).to.deep.equal([2, 3, 6]);
    expect(result.errors.map(({ row, field, code }) => [row, field, code])).to.deep.equal([
      [1, "extra", "UNKNOWN_COLUMN"],
      [4, "student_id", "DUPLICATE_STUDENT_ID"],
      [5, "award_date", "INVALID_DATE"],
      [5, "gpa", "INVALID_GPA"],
      [5, "name_zh", "NAME_ZH_NOT_CHINESE"],
      [5, "date_of_birth", "INVALID_DATE_OF_BIRTH"],
      [5, "honours_zh", "HONOURS_ZH_REQUIRED"],
    ]);
  });
});
