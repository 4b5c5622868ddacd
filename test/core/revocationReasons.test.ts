import { expect } from "chai";
import { REVOCATION_REASON_NAMES, RevocationReason } from "../../core/src/chain/ChainReader";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MAX_REASON_BYTES, reasonFits, REVOCATION_REASON_OPTIONS, revocationReasonOf } from "../../core/src/revocationReasons";

describe("revocation reasons and the reason limit", () => {
  it("names every RevocationReason of the contract once, in enum order", () => {
    expect(REVOCATION_REASON_OPTIONS).to.have.length(REVOCATION_REASON_NAMES.length);
    REVOCATION_REASON_OPTIONS.forEach((option, code) => {
      expect(revocationReasonOf(option)).to.equal(code);
      // "academic-misconduct" is AcademicMisconduct: the same name in another spelling.
      expect(option.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase())).to.equal(REVOCATION_REASON_NAMES[code]);
    });
    expect(revocationReasonOf("superseded")).to.equal(RevocationReason.Superseded);
  });

  it("limits reasons to 256 UTF-8 bytes, as the contract's MAX_REASON_LENGTH does", () => {
    const source = readFileSync(join(__dirname, "..", "..", "contracts", "CredentialAnchor.sol"), "utf8");
    expect(/MAX_REASON_LENGTH = (\d+);/.exec(source)?.[1]).to.equal(String(MAX_REASON_BYTES));
    expect(reasonFits("a".repeat(256))).to.equal(true);
    expect(reasonFits("a".repeat(257))).to.equal(false);
    expect(reasonFits("學".repeat(85))).to.equal(true);
    expect(reasonFits("學".repeat(86))).to.equal(false);
  });
});
