import { expect } from "chai";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { formatCredentialLink, readCredentialLinkValue } from "../../../core/src/share/credentialLink";

const TEXT = '{"id":"urn:uuid:5b0e9a4e-1b7e-4c49-9f37-2b1c1e8e3c11","name":"陳大文"}';

describe("credential links (#c=, SPEC §11)", () => {
  it("writes <verifier>#c=<base64url(deflate-raw(utf8))> that any raw-DEFLATE reader opens, and reads it back", () => {
    const link = formatCredentialLink("https://verify.example.org/", TEXT);
    expect(link.startsWith("https://verify.example.org/#c=")).to.equal(true);
    const value = link.slice(link.indexOf("#c=") + 3);
    expect(value).to.match(/^[A-Za-z0-9_-]+$/);
    expect(inflateRawSync(Buffer.from(value, "base64url")).toString("utf8")).to.equal(TEXT);
    expect(readCredentialLinkValue("c", value)).to.deep.equal({ text: TEXT });
    expect(readCredentialLinkValue("c", deflateRawSync(Buffer.from(TEXT)).toString("base64url"))).to.deep.equal({ text: TEXT });
    expect(readCredentialLinkValue("credential", Buffer.from(TEXT).toString("base64url"))).to.deep.equal({ text: TEXT });
  });

  it("refuses what is not strict base64url, not raw DEFLATE, not UTF-8 or empty", () => {
    const valid = Buffer.from(TEXT).toString("base64url");
    expect(readCredentialLinkValue("credential", `${valid}A`.slice(0, 4 * Math.floor(valid.length / 4) + 1))).to.deep.equal({ problem: "damaged" });
    expect(readCredentialLinkValue("credential", valid.replace(/.$/, "+"))).to.deep.equal({ problem: "damaged" });
    expect(readCredentialLinkValue("credential", `${valid} `)).to.deep.equal({ problem: "damaged" });
    expect(readCredentialLinkValue("c", "AAAA")).to.deep.equal({ problem: "damaged" });
    expect(readCredentialLinkValue("credential", Buffer.from([0x7b, 0xff, 0x7d]).toString("base64url"))).to.deep.equal({ problem: "damaged" });
    expect(readCredentialLinkValue("credential", Buffer.from("  ").toString("base64url"))).to.deep.equal({ problem: "damaged" });
  });
});
