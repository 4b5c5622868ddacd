import { expect } from "chai";
import fc from "fast-check";
import { hexOfBytes32List, isBytes32Hex, writeBytes32Hex } from "../../core/src/bytes32";
import { bytesToHex, hexToBytes } from "../../core/src/hex";

const BYTES32 = /^0x[0-9a-f]{64}$/;

describe("bytes32", () => {
  it("isBytes32Hex agrees with ^0x[0-9a-f]{64}$", () => {
    const edge = ["", "0x", `0x${"a".repeat(64)}`, `0X${"a".repeat(64)}`, `0x${"A".repeat(64)}`, `0x${"g".repeat(64)}`, `0x${"0".repeat(63)}`, `0x${"0".repeat(65)}`, `1x${"0".repeat(64)}`, `0x${"0".repeat(63)}/`, `0x${"0".repeat(63)}:`, `0x${"0".repeat(63)}\``];
    for (const value of edge) expect(isBytes32Hex(value), value).to.equal(BYTES32.test(value));
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEFxg/:`"), minLength: 60, maxLength: 68 }), (tail) => {
        for (const value of [tail, `0x${tail}`]) expect(isBytes32Hex(value)).to.equal(BYTES32.test(value));
      }),
    );
  });

  it("writeBytes32Hex and hexOfBytes32List round-trip with hex.ts", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes, more) => {
        const hex = bytesToHex(bytes);
        const list = hexOfBytes32List(new Uint8Array([...bytes, ...more]));
        expect(list.text).to.equal(`${hex}${bytesToHex(more)}`);
        expect(new TextDecoder().decode(list.ascii)).to.equal(list.text);
        const target = new Uint8Array(40);
        writeBytes32Hex(hex, target, 5);
        expect(bytesToHex(target.subarray(5, 37))).to.equal(hex);
        expect(hexToBytes(hex)).to.deep.equal(target.subarray(5, 37));
      }),
    );
  });
});
