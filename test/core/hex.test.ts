import { expect } from "chai";
import fc from "fast-check";
import { bytesToHex, compareBytes, concatBytes, hexToBytes } from "../../core/src/hex";

describe("hex", () => {
  it("round-trips any bytes and prints lowercase", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const hex = bytesToHex(bytes);
        expect(hex).to.match(/^0x[0-9a-f]*$/);
        expect(hexToBytes(hex)).to.deep.equal(bytes);
        expect(hexToBytes(hex.toUpperCase().replace("0X", "0x"))).to.deep.equal(bytes);
      }),
    );
  });

  it("writes every byte as two lowercase digits, for the lengths one reused code array serves and longer ones", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1000, maxLength: 3000 }), (bytes) => {
        expect(bytesToHex(bytes)).to.equal(`0x${Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")}`);
      }),
      { numRuns: 30 },
    );
    // The same length twice: the second result does not depend on the first.
    expect(bytesToHex(Uint8Array.of(1, 2))).to.equal("0x0102");
    expect(bytesToHex(Uint8Array.of(0xab, 0xcd))).to.equal("0xabcd");
    expect(bytesToHex(new Uint8Array())).to.equal("0x");
  });

  it("rejects hex without 0x, of odd length or with non-hex digits", () => {
    for (const bad of ["", "00", "0x0", "0xzz", "0x0g", "0X00", " 0x00"]) {
      expect(() => hexToBytes(bad), bad).to.throw(TypeError);
    }
    expect(hexToBytes("0x")).to.deep.equal(new Uint8Array());
  });

  it("concatenates and compares unsigned big-endian", () => {
    expect(concatBytes(new Uint8Array([1]), new Uint8Array(), new Uint8Array([2, 3]))).to.deep.equal(new Uint8Array([1, 2, 3]));
    expect(compareBytes(new Uint8Array([0x7f]), new Uint8Array([0x80]))).to.be.lessThan(0);
    expect(compareBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).to.equal(0);
    expect(compareBytes(new Uint8Array([1]), new Uint8Array([1, 0]))).to.be.lessThan(0);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }), (a, b) => {
        const byHex = bytesToHex(a) < bytesToHex(b) ? -1 : bytesToHex(a) > bytesToHex(b) ? 1 : 0;
        expect(Math.sign(compareBytes(a, b))).to.equal(byHex);
      }),
    );
  });
});
