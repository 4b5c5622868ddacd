import { expect } from "chai";
import { reportHeadline } from "../../core/src/reportHeadline";
import { CHECK_NAMES, summariseChecks, type CheckResult, type VerificationReport } from "../../core/src/VerificationReport";
import { checkResult, skipped } from "../../core/src/verify/checkResult";

/** A report whose checks pass except those given. */
function reportWith(...overrides: CheckResult[]): VerificationReport {
  const checks = CHECK_NAMES.map(
    (name) =>
      overrides.find((check) => check.check === name) ??
      (name === "ISSUER" ? checkResult("ISSUER", "VALID", "OK", { name: "x" }, { nameEn: "Harbour University", nameZh: "海港大學" }) : checkResult(name, "VALID", "OK")),
  );
  const status = summariseChecks(checks);
  return { valid: status === "VALID", status, checks, credential: null, chain: null, verifiedAt: "2026-12-01T00:00:00Z", at: "2026-12-01T00:00:00Z" };
}

const revoked = (reasonCode: string, reason: string) =>
  checkResult("STATUS", "INVALID", "STATUS_REVOKED", {}, { reasonCode, reason, revokedAt: "2026-12-01T09:30:00Z" });

describe("reportHeadline (the verdict's cause, first)", () => {
  it("names the university of a valid credential in both languages", () => {
    const headline = reportHeadline(reportWith());
    expect(headline.en).to.equal("Valid — issued by Harbour University, unchanged and not revoked");
    expect(headline["zh-Hant"]).to.contain("海港大學");
  });

  it("a revocation: its date in the language's one format and its reason code in words", () => {
    const headline = reportHeadline(reportWith(revoked("IssuedInError", "typo in name")));
    expect(headline.en).to.equal("Revoked on 1 December 2026 — issued in error");
    expect(headline["zh-Hant"]).to.equal("已於2026年12月1日撤銷 — 錯誤簽發");
  });

  it("a revocation without a reason code: the issuer's own reason text", () => {
    expect(reportHeadline(reportWith(revoked("Unspecified", "Degree rescinded by Senate"))).en).to.equal("Revoked on 1 December 2026 — Degree rescinded by Senate");
    expect(reportHeadline(reportWith(revoked("Unspecified", " "))).en).to.equal("Revoked on 1 December 2026 — no reason given");
  });

  it("altered content, an unaccredited issuer and an unreachable chain each say so", () => {
    expect(reportHeadline(reportWith(checkResult("INTEGRITY", "INVALID", "INTEGRITY_ROOT_MISMATCH"))).en).to.equal(
      "Altered after issue — do not rely on the details below",
    );
    expect(reportHeadline(reportWith(checkResult("ISSUER", "INVALID", "ISSUER_NOT_ACCREDITED", { status: "suspended" }))).en).to.equal(
      "Issuer not accredited when this was issued",
    );
    const unreachable = reportWith(checkResult("ANCHOR", "ERROR", "CHAIN_UNREACHABLE"), skipped("ISSUER"), checkResult("STATUS", "ERROR", "CHAIN_UNREACHABLE"));
    expect(unreachable.status).to.equal("ERROR");
    expect(reportHeadline(unreachable)).to.deep.equal({ en: "Could not check: blockchain unreachable", "zh-Hant": "無法查核：未能連接區塊鏈" });
  });

  it("the first failing check decides: altered content outranks a later revocation", () => {
    const headline = reportHeadline(reportWith(checkResult("INTEGRITY", "INVALID", "INTEGRITY_ROOT_MISMATCH"), revoked("IssuedInError", "")));
    expect(headline.en).to.match(/^Altered after issue/);
  });

  it("an expired credential names the day it expired", () => {
    const expired = checkResult("EXPIRY", "INVALID", "EXPIRY_EXPIRED", {}, { validUntil: "2026-06-30T00:00:00Z" });
    expect(reportHeadline(reportWith(expired)).en).to.equal("Expired on 30 June 2026");
  });

  it("a file that is no credential is named for what it is, not reported as a broken credential", () => {
    const notCredential = reportWith(checkResult("FORMAT", "INVALID", "FORMAT_SCHEMA", { detail: "…" }));
    expect(reportHeadline(notCredential, "batchReport").en).to.equal("This is a batch report, not a credential");
    expect(reportHeadline(notCredential, "openCerts")["zh-Hant"]).to.contain("OpenCerts");
    expect(reportHeadline(notCredential, "otherJson").en).to.equal("This JSON file is not a credential");
    expect(reportHeadline(notCredential).en).to.match(/^Damaged credential/);
  });
});
