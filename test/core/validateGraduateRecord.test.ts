import { expect } from "chai";
import { displayValue, MAX_DISPLAYED_VALUE } from "../../core/src/displayValue";
import { graduateRowOfRecord, type GraduateRowInput } from "../../core/src/graduateColumns";
import { GraduateRecord } from "../../core/src/GraduateRecord";
import { validateGraduateRecord } from "../../core/src/validateGraduateRecord";
import { POSTGRADUATE_RECORD, RECORD } from "./helpers/records";

const TODAY = "2026-11-23";
const ROW: GraduateRowInput = graduateRowOfRecord(RECORD);
const validate = (input: GraduateRowInput, fieldNames?: "column" | "record") =>
  validateGraduateRecord(input, { row: 7, today: TODAY, ...(fieldNames === undefined ? {} : { fieldNames }) });

describe("validateGraduateRecord", () => {
  it("returns the normalised record of a valid row, with or without honours", () => {
    expect(validate(ROW)).to.deep.equal({ record: RECORD, errors: [] });
    expect(validate(graduateRowOfRecord(POSTGRADUATE_RECORD))).to.deep.equal({ record: POSTGRADUATE_RECORD, errors: [] });
    expect(validate({ ...ROW, honours: "  ", honours_zh: "" }).record).not.to.have.property("honoursEn");
  });

  // The values issue 14 found anchored through reissue while the same values in a CSV were refused.
  const refused: { name: string; column: keyof GraduateRowInput; value: string; code: string; shown: string }[] = [
    { name: "a right-to-left override", column: "name_en", value: "Chan \u202ETai Man", code: "INVALID_CHARACTERS", shown: "Chan <U+202E>Tai Man" },
    { name: "a tab", column: "major_en", value: "Chem\tistry", code: "INVALID_CHARACTERS", shown: "Chem<U+0009>istry" },
    { name: "a name_zh without Chinese", column: "name_zh", value: "Chan Tai Man", code: "NAME_ZH_NOT_CHINESE", shown: "Chan Tai Man" },
    { name: "an award date in 2099", column: "award_date", value: "2099-06-30", code: "AWARD_DATE_FUTURE", shown: "2099-06-30" },
    { name: "a birth date after the award", column: "date_of_birth", value: "2027-01-01", code: "INVALID_DATE_OF_BIRTH", shown: "2027-01-01" },
  ];
  for (const { name, column, value, code, shown } of refused) {
    it(`refuses ${name}, naming the field, the value shown safely and the fix in both languages`, () => {
      // Without an expiry, which a 2099 award would also contradict.
      const { record, errors } = validate({ ...ROW, valid_until: undefined, [column]: value });
      expect(record).to.equal(undefined);
      expect(errors).to.have.length(1);
      const [error] = errors;
      expect(error).to.deep.include({ row: 7, field: column, code, value: shown });
      for (const language of ["en", "zh-Hant"] as const) {
        expect(error!.message[language]).to.contain(shown).and.to.contain(column).and.to.contain(error!.fix[language]);
        expect(error!.fix[language]).to.have.length.greaterThan(5);
        expect(error!.message[language]).not.to.match(/[\u202E\t]|\{\w+\}/);
      }
    });
  }

  it("names fields as record members for an API body", () => {
    const [error] = validate({ ...ROW, name_zh: "Chan" }, "record").errors;
    expect(error).to.deep.include({ field: "nameZh", code: "NAME_ZH_NOT_CHINESE" });
    expect(error!.message.en).to.match(/^nameZh "Chan"/);
  });

  it("wants honours in both languages or neither", () => {
    expect(validate({ ...ROW, honours: "" }).errors.map((e) => [e.field, e.code])).to.deep.equal([["honours", "HONOURS_EN_REQUIRED"]]);
    const unknown = validate({ ...ROW, honours: "Honours with Commendation", honours_zh: undefined }, "record").errors;
    expect(unknown.map((e) => [e.field, e.code, e.value])).to.deep.equal([["honoursZh", "HONOURS_ZH_REQUIRED", "Honours with Commendation"]]);
    expect(unknown[0]!.message.en).to.contain("honoursEn");
  });

  it("reports every problem of the row at once, a missing value without a value", () => {
    const { errors } = validate({ ...ROW, student_id: "", gpa: 9, award_date: "2026-02-30" });
    expect(errors.map((e) => [e.field, e.code, e.value])).to.deep.equal([
      ["student_id", "REQUIRED", undefined],
      ["award_date", "INVALID_DATE", "2026-02-30"],
      ["gpa", "INVALID_GPA", "9"],
    ]);
    expect(errors[0]).not.to.have.property("value");
  });
});

describe("GraduateRecord", () => {
  it("refuses honours in one language only", () => {
    const { honoursZh: _zh, ...englishOnly } = RECORD;
    expect(GraduateRecord.safeParse(englishOnly).success).to.equal(false);
    expect(GraduateRecord.safeParse(POSTGRADUATE_RECORD).success).to.equal(true);
  });
});

describe("displayValue", () => {
  it("writes invisible and reordering characters as code points", () => {
    expect(displayValue("a\tb\r\n\u202Ec\u200Bd\u2066")).to.equal("a<U+0009>b<U+000D><U+000A><U+202E>c<U+200B>d<U+2066>");
    expect(displayValue("陳\uD800")).to.equal("陳<U+D800>");
  });

  it("cuts long values by code point, and shows other JSON values as JSON", () => {
    const long = "😀".repeat(MAX_DISPLAYED_VALUE + 5);
    expect(displayValue(long)).to.equal(`${"😀".repeat(MAX_DISPLAYED_VALUE)}…`);
    expect(displayValue(["Chan"])).to.equal('["Chan"]');
    expect(displayValue(3.456)).to.equal("3.456");
  });
});
