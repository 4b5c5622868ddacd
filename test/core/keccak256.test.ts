import { keccak_256 } from "@noble/hashes/sha3.js";
import { expect } from "chai";
import { keccak256 as ethersKeccak } from "ethers";
import fc from "fast-check";
import { bytesToHex } from "../../core/src/hex";
import { initFastKeccak, isFastKeccak, keccak256, keccak256Hex } from "../../core/src/keccak256";

describe("keccak256", () => {
  it("is Ethereum's Keccak-256, not SHA3-256", () => {
    expect(keccak256Hex(new Uint8Array())).to.equal("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  });

  it("agrees with ethers on random input", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(bytesToHex(keccak256(bytes))).to.equal(ethersKeccak(bytes));
      }),
    );
  });

  describe("WebAssembly implementation (initFastKeccak)", () => {
    before(async () => {
      expect(await initFastKeccak()).to.equal(true);
      expect(await initFastKeccak(), "idempotent").to.equal(true);
    });

    it("is in use once loaded", () => {
      expect(isFastKeccak()).to.equal(true);
      expect(keccak256Hex(new Uint8Array())).to.equal("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    });

    it("agrees with @noble/hashes on random input, across the 136-byte rate boundary", () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 700 }), (bytes) => {
          expect(bytesToHex(keccak256(bytes))).to.equal(bytesToHex(keccak_256(bytes)));
        }),
        { numRuns: 500 },
      );
      for (const length of [135, 136, 137, 271, 272, 273]) {
        const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
        expect(bytesToHex(keccak256(bytes)), `length ${length}`).to.equal(bytesToHex(keccak_256(bytes)));
      }
    });

    it("returns a fresh array each time, so a kept hash is never overwritten by the next one", () => {
      const first = keccak256(new Uint8Array([1]));
      const copy = bytesToHex(first);
      keccak256(new Uint8Array([2]));
      expect(bytesToHex(first)).to.equal(copy);
    });
  });
});
