import { expect } from "chai";
import { unreadableReport } from "../../core/src/unreadableReport";
import { VerificationReport } from "../../core/src/VerificationReport";

describe("unreadableReport", () => {
  const report = unreadableReport("ENOENT", new Date("2026-12-01T00:00:00Z"));

  it("is an ERROR report (never VALID, not INVALID) with FORMAT_UNREADABLE and every other check SKIPPED", () => {
    expect(VerificationReport.parse(report)).to.deep.equal(report);
    expect(report).to.include({ valid: false, status: "ERROR", credential: null, chain: null });
    expect(report.checks[0]).to.deep.include({ check: "FORMAT", status: "ERROR", code: "FORMAT_UNREADABLE", data: { reason: "ENOENT" } });
    expect(report.checks.slice(1).map((check) => check.status)).to.deep.equal(Array(6).fill("SKIPPED"));
  });

  it("names the reason in both languages", () => {
    expect(report.checks[0]?.message.en).to.contain("ENOENT");
    expect(report.checks[0]?.message["zh-Hant"]).to.contain("ENOENT").and.to.contain("無法讀取");
  });
});
