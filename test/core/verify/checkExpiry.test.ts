import { expect } from "chai";
import type { Credential } from "../../../core/src/Credential";
import { checkExpiry } from "../../../core/src/verify/checkExpiry";
import { issueBatch } from "../helpers/anchoredBatch";

describe("checkExpiry (SPEC §8 EXPIRY)", () => {
  let credential: Credential;
  before(async () => {
    [credential] = (await issueBatch(1)) as [Credential];
  });

  it("passes from validFrom to validUntil, both included", () => {
    expect(credential.validFrom).to.equal("2026-06-30T00:00:00Z");
    expect(credential.validUntil).to.equal("2030-06-30T23:59:59Z");
    for (const at of ["2026-06-30T00:00:00Z", "2028-01-01T00:00:00Z", "2030-06-30T23:59:59Z"]) {
      expect(checkExpiry(credential, new Date(at)), at).to.include({ status: "VALID", code: "OK" });
    }
  });

  it("EXPIRY_NOT_YET_VALID before validFrom", () => {
    expect(checkExpiry(credential, new Date("2026-06-29T23:59:59Z"))).to.include({ status: "INVALID", code: "EXPIRY_NOT_YET_VALID" });
  });

  it("EXPIRY_EXPIRED after validUntil", () => {
    expect(checkExpiry(credential, new Date("2030-07-01T00:00:00Z"))).to.include({ status: "INVALID", code: "EXPIRY_EXPIRED" });
  });

  it("never expires without validUntil", () => {
    const { validUntil: _, ...open } = credential;
    expect(checkExpiry(open as Credential, new Date("2999-01-01T00:00:00Z"))).to.include({ status: "VALID", code: "OK" });
  });
});
