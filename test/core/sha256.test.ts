import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { expect } from "chai";
import fc from "fast-check";
import { CHUNK_SIZE, contentId } from "../../core/src/contentId";
import { bytesToHex } from "../../core/src/hex";
import { initFastSha256, isFastSha256, sha256 } from "../../core/src/sha256";

describe("sha256", () => {
  const empty = "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  it("is SHA-256 before the WebAssembly hasher is loaded", () => {
    expect(bytesToHex(sha256(new Uint8Array()))).to.equal(empty);
  });

  describe("WebAssembly implementation (initFastSha256)", () => {
    // A chunked file's CID before loading, to compare with the one after.
    const file = Uint8Array.from({ length: 2 * CHUNK_SIZE + 17 }, (_, i) => (i * 7) & 0xff);
    const cidOnNoble = contentId(file);

    before(async () => {
      expect(await initFastSha256()).to.equal(true);
      expect(await initFastSha256(), "idempotent").to.equal(true);
    });

    it("is in use once loaded", () => {
      expect(isFastSha256()).to.equal(true);
      expect(bytesToHex(sha256(new Uint8Array()))).to.equal(empty);
    });

    it("agrees with @noble/hashes on random input, across the 64-byte block boundary", () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
          expect(bytesToHex(sha256(bytes))).to.equal(bytesToHex(nobleSha256(bytes)));
        }),
        { numRuns: 300 },
      );
      for (const length of [55, 56, 63, 64, 65, 119, 120]) {
        const bytes = Uint8Array.from({ length }, (_, i) => (i * 13 + length) & 0xff);
        expect(bytesToHex(sha256(bytes)), `length ${length}`).to.equal(bytesToHex(nobleSha256(bytes)));
      }
    });

    it("gives a chunked file the CID it had on @noble/hashes", () => {
      expect(contentId(file)).to.equal(cidOnNoble);
    });

    it("returns a fresh array each time, so a kept hash is never overwritten by the next one", () => {
      const first = sha256(new Uint8Array([1]));
      const copy = bytesToHex(first);
      sha256(new Uint8Array([2]));
      expect(bytesToHex(first)).to.equal(copy);
    });
  });
});
