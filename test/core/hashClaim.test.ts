import { expect } from "chai";
import { keccak256, toUtf8Bytes } from "ethers";
import { BaseError } from "../../core/errors";
import { hashClaim } from "../../core/hashClaim";
import { bytesToHex } from "../../core/hex";

const SALT = `0x${"11".repeat(32)}`;

describe("hashClaim", () => {
  it("hashes the canonical 4-element array of SPEC §4", () => {
    const expected = keccak256(toUtf8Bytes(`["credanchor:claim:v1","/credentialSubject/gpa","${SALT}",3.61]`));
    expect(bytesToHex(hashClaim("/credentialSubject/gpa", SALT, 3.61))).to.equal(expected);
  });

  it("normalises the value and pointer to NFC and binds pointer, salt and value", () => {
    const base = bytesToHex(hashClaim("/n", SALT, "Caf\u00e9"));
    expect(bytesToHex(hashClaim("/n", SALT, "Cafe\u0301"))).to.equal(base);
    expect(bytesToHex(hashClaim("/m", SALT, "Caf\u00e9"))).not.to.equal(base);
    expect(bytesToHex(hashClaim("/n", `0x${"12".repeat(32)}`, "Caf\u00e9"))).not.to.equal(base);
    expect(bytesToHex(hashClaim("/n", SALT, "Cafe"))).not.to.equal(base);
    // Type matters: the string "1" and the number 1 are different claims.
    expect(bytesToHex(hashClaim("/n", SALT, "1"))).not.to.equal(bytesToHex(hashClaim("/n", SALT, 1)));
  });

  it("rejects salts that are not 32 bytes of lowercase hex", () => {
    for (const salt of ["0x", `0x${"11".repeat(31)}`, `0x${"11".repeat(33)}`, `0x${"AA".repeat(32)}`, "11".repeat(33)]) {
      expect(() => hashClaim("/n", salt, 1)).to.throw(BaseError).with.property("code", "FORMAT_SALT_INVALID");
    }
  });
});
