import { expect } from "chai";
import { CHUNK_SIZE, contentId, MAX_CONTENT_SIZE } from "../../core/src/contentId";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("contentId (Kubo-compatible CIDv0)", () => {
  it("matches `ipfs add` for a small file", () => {
    // `echo "hello world" | ipfs add` with Kubo's defaults.
    expect(contentId(utf8("hello world\n"))).to.equal("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
  });

  it("matches `ipfs add` for an empty file", () => {
    expect(contentId(new Uint8Array(0))).to.equal("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
  });

  it("differs for content that differs in one byte, across the chunk boundary too", () => {
    const big = new Uint8Array(CHUNK_SIZE + 10).fill(7);
    const changed = big.slice();
    changed[CHUNK_SIZE + 5] = 8;
    expect(contentId(big)).to.match(/^Qm[1-9A-HJ-NP-Za-km-z]{44}$/);
    expect(contentId(big)).not.to.equal(contentId(changed));
    expect(contentId(big)).to.equal(contentId(big.slice()));
  });

  it("refuses content above one level of links", () => {
    expect(() => contentId(new Uint8Array(MAX_CONTENT_SIZE + 1))).to.throw(/exceeds/);
  });
});
