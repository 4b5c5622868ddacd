import { keccak_256 } from "@noble/hashes/sha3.js";
import { expect } from "chai";
import { keccak256 as ethersKeccak } from "ethers";
import fc from "fast-check";
import { bytesToHex } from "../../core/src/hex";
import { initFastKeccak, isFastKeccak, keccak256, keccak256Hex } from "../../core/src/keccak256";
import { keccakWasmBytes } from "../../core/src/keccakWasmBytes";
import { loadKeccakWasm } from "../../core/src/loadKeccakWasm";
import { createWasmHasher } from "../../core/src/wasmHasher";

const EMPTY = "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470";

/** A message of `length` bytes that differs from every other length's. */
function message(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
}

describe("keccak256", () => {
  it("is Ethereum's Keccak-256, not SHA3-256", () => {
    expect(keccak256Hex(new Uint8Array())).to.equal(EMPTY);
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
      expect(keccak256Hex(new Uint8Array())).to.equal(EMPTY);
    });

    it("agrees with @noble/hashes on random input, across the 136-byte rate boundary", () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 700 }), (bytes) => {
          expect(bytesToHex(keccak256(bytes))).to.equal(bytesToHex(keccak_256(bytes)));
        }),
        { numRuns: 500 },
      );
    });

    it("agrees with @noble/hashes at every padding edge and on large input", () => {
      for (const length of [0, 1, 31, 32, 55, 56, 64, 134, 135, 136, 137, 271, 272, 273, 888, 1000, 100_000]) {
        const bytes = message(length);
        expect(bytesToHex(keccak256(bytes)), `length ${length}`).to.equal(bytesToHex(keccak_256(bytes)));
      }
    });

    it("matches known vectors", () => {
      const text = (value: string) => new TextEncoder().encode(value);
      expect(keccak256Hex(text("abc"))).to.equal("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
      expect(keccak256Hex(text("The quick brown fox jumps over the lazy dog"))).to.equal(
        "0x4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15",
      );
      expect(keccak256Hex(new Uint8Array(136))).to.equal(ethersKeccak(new Uint8Array(136)));
    });

    it("returns a fresh array each time, so a kept hash is never overwritten by the next one", () => {
      const first = keccak256(new Uint8Array([1]));
      const copy = bytesToHex(first);
      keccak256(new Uint8Array([2]));
      expect(bytesToHex(first)).to.equal(copy);
    });
  });

  describe("our WebAssembly module (keccakWasmBytes, loadKeccakWasm)", () => {
    it("is a valid WebAssembly module", () => {
      expect(WebAssembly.validate(keccakWasmBytes())).to.equal(true);
    });

    it("keeps hashing correctly after its memory grew for a large input, and after a short one", async () => {
      const hash = await loadKeccakWasm();
      expect(bytesToHex(hash(new Uint8Array()))).to.equal(EMPTY);
      for (const length of [300_000, 5, 200, 1_000_000, 0, 136]) {
        const bytes = message(length);
        expect(bytesToHex(hash(bytes)), `length ${length}`).to.equal(bytesToHex(keccak_256(bytes)));
      }
    });

    it("leaves no trace of a longer message in the next one's padding", async () => {
      const hash = await loadKeccakWasm();
      const long = new Uint8Array(400).fill(0xff);
      hash(long);
      expect(bytesToHex(hash(new Uint8Array([0xff])))).to.equal(bytesToHex(keccak_256(new Uint8Array([0xff]))));
    });

    it("leaves hashing on @noble/hashes, without an error, where WebAssembly cannot be instantiated (a strict CSP)", async () => {
      const instantiate = WebAssembly.instantiate;
      WebAssembly.instantiate = (): Promise<never> => Promise.reject(new WebAssembly.CompileError("Refused to compile: 'wasm-unsafe-eval' is not allowed"));
      try {
        const hasher = createWasmHasher(loadKeccakWasm, keccak_256);
        expect(await hasher.init()).to.equal(false);
        expect(hasher.isFast()).to.equal(false);
        expect(bytesToHex(hasher.hash(message(200)))).to.equal(bytesToHex(keccak_256(message(200))));
      } finally {
        WebAssembly.instantiate = instantiate;
      }
    });

    it("does not change the caller's input", async () => {
      const hash = await loadKeccakWasm();
      const bytes = message(270);
      const before = bytesToHex(bytes);
      hash(bytes);
      expect(bytesToHex(bytes)).to.equal(before);
    });
  });
});
