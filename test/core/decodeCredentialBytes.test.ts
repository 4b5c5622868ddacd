import { expect } from "chai";
import { decodeCredentialBytes } from "../../core/src/decodeCredentialBytes";
import { MAX_JSON_BYTES, parseJson } from "../../core/src/parseJson";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("decodeCredentialBytes (SPEC §2)", () => {
  it("decodes UTF-8 exactly, keeping a leading BOM for the parser to refuse", () => {
    expect(decodeCredentialBytes(utf8('{"a":"陳大文"}'))).to.equal('{"a":"陳大文"}');
    const withBom = decodeCredentialBytes(Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8("{}")));
    expect(withBom).to.equal("\uFEFF{}");
    expect(() => parseJson(withBom)).to.throw(/byte order mark/).with.property("code", "FORMAT_INVALID_JSON");
  });

  it("refuses bytes that are not UTF-8 (never replaced by U+FFFD) as FORMAT_INVALID_JSON", () => {
    for (const bytes of [Uint8Array.of(0x7b, 0xff, 0x7d), Uint8Array.of(0x22, 0xc3), Uint8Array.of(0xed, 0xa0, 0x80)]) {
      expect(() => decodeCredentialBytes(bytes)).to.throw(/not UTF-8/).with.property("code", "FORMAT_INVALID_JSON");
    }
  });

  it("refuses more than 1 MiB on its length, and accepts exactly 1 MiB", () => {
    const limit = new Uint8Array(MAX_JSON_BYTES).fill(0x20);
    expect(decodeCredentialBytes(limit)).to.have.length(MAX_JSON_BYTES);
    expect(() => decodeCredentialBytes(new Uint8Array(MAX_JSON_BYTES + 1).fill(0x20))).to.throw(/1 MiB/).with.property("code", "FORMAT_INVALID_JSON");
  });
});
