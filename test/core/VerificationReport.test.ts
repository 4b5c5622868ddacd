import { expect } from "chai";
import { summariseChecks, type CheckResult } from "../../core/src/VerificationReport";
import { checkResult, skipped } from "../../core/src/verify/checkResult";

const valid = (check: "FORMAT" | "INTEGRITY"): CheckResult => checkResult(check, "VALID", "OK");

describe("summariseChecks", () => {
  it("is VALID when every check is VALID or SKIPPED", () => {
    expect(summariseChecks([valid("FORMAT"), valid("INTEGRITY"), skipped("EXPIRY")])).to.equal("VALID");
  });

  it("is INVALID as soon as one check is INVALID, even beside an ERROR", () => {
    const invalid = checkResult("INTEGRITY", "INVALID", "INTEGRITY_ROOT_MISMATCH");
    const error = checkResult("ANCHOR", "ERROR", "CHAIN_UNREACHABLE");
    expect(summariseChecks([valid("FORMAT"), invalid, error])).to.equal("INVALID");
  });

  it("is ERROR when nothing is INVALID but something could not be decided", () => {
    expect(summariseChecks([valid("FORMAT"), checkResult("ANCHOR", "ERROR", "CHAIN_UNREACHABLE")])).to.equal("ERROR");
  });

  it("is never VALID when no check passed at all", () => {
    expect(summariseChecks([skipped("ANCHOR")])).to.equal("ERROR");
    expect(summariseChecks([])).to.equal("ERROR");
  });
});
