import { expect } from "chai";
import { base64UrlToBytes, bytesToBase64Url } from "../../../core/src/share/base64Url";
import { ShareDecryptionError } from "../../../core/src/errors";
import { decryptShare, encryptShare } from "../../../core/src/share/shareCrypto";
import { formatShareFragment, parseShareFragment, shareResourceUrl } from "../../../core/src/share/shareLink";

const KEY = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
const ID = "AbCdEfGhIjKlMnOpQrSt_-";

describe("share payload and link format (SPEC §11)", () => {
  it("encrypts with a fresh key and IV each time; only the right key opens it", async () => {
    const text = '{"name":"陳大文"}';
    const a = await encryptShare(text);
    const b = await encryptShare(text);
    expect(a.payload[0]).to.equal(1);
    expect(a.payload.length).to.equal(1 + 12 + new TextEncoder().encode(text).length + 16);
    expect(Buffer.from(a.key).equals(Buffer.from(b.key))).to.equal(false);
    expect(Buffer.from(a.payload.subarray(1, 13)).equals(Buffer.from(b.payload.subarray(1, 13)))).to.equal(false);
    expect(await decryptShare(a.payload, a.key)).to.equal(text);
    let refused: unknown;
    await decryptShare(a.payload, b.key).catch((error: unknown) => (refused = error));
    expect(refused).to.be.instanceOf(ShareDecryptionError);
    const flipped = Uint8Array.from(a.payload);
    flipped[20] = (flipped[20] as number) ^ 1;
    refused = undefined;
    await decryptShare(flipped, a.key).catch((error: unknown) => (refused = error));
    expect(refused).to.be.instanceOf(ShareDecryptionError);
  });

  it("round-trips both link forms and refuses damaged ones", () => {
    expect(parseShareFragment(formatShareFragment({ id: ID }, KEY).slice("share=".length))).to.deep.equal({ location: { id: ID }, key: KEY });
    const url = shareResourceUrl("https://issuer.example.org/", ID);
    expect(url).to.equal(`https://issuer.example.org/api/v1/shares/${ID}`);
    expect(parseShareFragment(formatShareFragment({ url }, KEY).slice("share=".length))).to.deep.equal({ location: { url }, key: KEY });
    const key = bytesToBase64Url(KEY);
    for (const damaged of ["", key, `${ID}.`, `${ID}.${key.slice(1)}`, `${ID}.${key}!`, `short.${key}`, `${encodeURIComponent("javascript:alert(1)")}.${key}`]) {
      expect(parseShareFragment(damaged), damaged).to.equal(undefined);
    }
    expect(() => base64UrlToBytes("A")).to.throw();
  });
});
