import { expect } from "chai";
import fc from "fast-check";
import { keccak256, toUtf8Bytes } from "ethers";
import { canonicalize } from "../../core/src/canonicalize";
import { BaseError } from "../../core/src/errors";
import { hashClaim, hashGeneratedClaim } from "../../core/src/hashClaim";
import { bytesToHex } from "../../core/src/hex";

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

describe("hashClaim fast path", () => {
  it("hashes exactly utf8(C([tag, pointer, salt, value])) for every kind of value", () => {
    const values = ["", "plain", "with \"quotes\" and \\ and \n", "Caf\u00e9", "Cafe\u0301", "陳大文", "😀", 0, -0, 3.61, 1e21, 1e-7, -12, true, false, null];
    const pointers = ["/a", "/credentialSubject/name/zh-Hant", "/we~1ird~0", "/caf\u00e9", "/cafe\u0301"];
    for (const pointer of pointers) {
      for (const value of values) {
        const expected = keccak256(toUtf8Bytes(canonicalize(["credanchor:claim:v1", pointer, SALT, value])));
        expect(bytesToHex(hashClaim(pointer, SALT, value)), `${pointer} ${String(value)}`).to.equal(expected);
      }
    }
  });

  it("still refuses what C refuses", () => {
    expect(() => hashClaim("/n", SALT, Number.NaN)).to.throw(BaseError).with.property("code", "FORMAT_NON_FINITE_NUMBER");
    expect(() => hashClaim("/n", SALT, "\ud800")).to.throw(BaseError).with.property("code", "FORMAT_LONE_SURROGATE");
    expect(() => hashClaim("/\ud800", SALT, "x")).to.throw(BaseError).with.property("code", "FORMAT_LONE_SURROGATE");
  });

  it("writes the same bytes as C for any string, number, boolean or null, and refuses what C refuses with C's code", () => {
    // Any UTF-16 units (lone surrogates, controls, quotes, combining marks) and every kind of double.
    const value = fc.oneof(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }), fc.string({ unit: fc.constantFrom(..."a\"\\\u0000\u001f\u007f\u00e9e\u0301\ud800\udc00陳") }), fc.double(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(value, fc.constantFrom("/a", "/credentialSubject/name/zh-Hant", "/caf\u00e9"), (claim, pointer) => {
        let expected: string;
        try {
          expected = keccak256(toUtf8Bytes(canonicalize(["credanchor:claim:v1", pointer, SALT, claim])));
        } catch (error) {
          expect(() => hashClaim(pointer, SALT, claim)).to.throw(BaseError).with.property("code", (error as BaseError).code);
          return;
        }
        expect(bytesToHex(hashClaim(pointer, SALT, claim))).to.equal(expected);
        expect(bytesToHex(hashGeneratedClaim(pointer, new TextEncoder().encode(SALT), SALT, claim))).to.equal(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("hashes values of every length, short ones again after a long one has grown the preimage buffer", () => {
    const reference = (value: string) => keccak256(toUtf8Bytes(canonicalize(["credanchor:claim:v1", "/a", SALT, value])));
    for (const length of [0, 1, 40, 300, 600, 5000, 40, 1, 600, 0]) {
      const value = "x".repeat(length);
      expect(bytesToHex(hashClaim("/a", SALT, value)), `${length}`).to.equal(reference(value));
    }
  });

  it("accepts exactly the salts ^0x[0-9a-f]{64}$ accepts", () => {
    const BYTES32 = /^0x[0-9a-f]{64}$/;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789abcdefABx\u00e9\ud800😀"), minLength: 62, maxLength: 68 }), (tail) => {
        for (const salt of [tail, `0x${tail}`]) {
          if (BYTES32.test(salt)) expect(() => hashClaim("/a", salt, 1)).not.to.throw();
          else expect(() => hashClaim("/a", salt, 1)).to.throw(BaseError).with.property("code", "FORMAT_SALT_INVALID");
        }
      }),
    );
  });
});
