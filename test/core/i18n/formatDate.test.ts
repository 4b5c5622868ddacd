import { expect } from "chai";
import { formatDate } from "../../../core/src/i18n/formatDate";

describe("formatDate (one date format per language)", () => {
  it("writes a calendar day as 1 December 2026 / 2026年12月1日", () => {
    expect(formatDate("2026-12-01", "en")).to.equal("1 December 2026");
    expect(formatDate("2026-12-01", "zh-Hant")).to.equal("2026年12月1日");
  });

  it("writes a moment in UTC with the time and the zone", () => {
    expect(formatDate("2026-12-01T14:05:09Z", "en")).to.equal("1 December 2026, 14:05 UTC");
    expect(formatDate("2026-12-01T14:05:09.123Z", "zh-Hant")).to.equal("2026年12月1日 14:05 UTC");
    // An offset is converted, so the day shown is the UTC day the time zone label promises.
    expect(formatDate("2026-12-02T01:30:00+08:00", "en")).to.equal("1 December 2026, 17:30 UTC");
  });

  it("leaves what is not a real date as it is, rather than inventing one", () => {
    for (const value of ["2026-02-30", "2026-13-01", "yesterday", "", "2026-12-01Tnonsense"]) {
      expect(formatDate(value, "en"), value).to.equal(value);
      expect(formatDate(value, "zh-Hant"), value).to.equal(value);
    }
  });
});
