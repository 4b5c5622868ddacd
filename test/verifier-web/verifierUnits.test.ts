/**
 * The verifier site's pure helpers, in Node: share-link decoding, config validation and the static
 * server's path resolution (the bulk chain-read cache is core's, tested in test/core/chain/cachedChainReader.test.ts). The browser test covers them end to end; these pin the edge cases.
 */
import { expect } from "chai";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { ConfigError, parseConfig } from "../../verifier-web/src/config";
import { credentialFromFragment, credentialFromQrText } from "../../verifier-web/src/shareLink";
import { resolveStaticPath } from "../../verifier-web/serve";

const JSON_TEXT = '{"name":{"en":"Chan Tai Man","zh-Hant":"陳大文"}}';

describe("verifier web helpers", () => {
  describe("share links", () => {
    it("decode #credential= (base64url UTF-8) and #c= (deflate-raw) to the same text", () => {
      const plain = credentialFromFragment(`#credential=${Buffer.from(JSON_TEXT).toString("base64url")}`);
      const compressed = credentialFromFragment(`#c=${deflateRawSync(Buffer.from(JSON_TEXT)).toString("base64url")}`);
      expect(plain).to.deep.equal({ kind: "credential", text: JSON_TEXT });
      expect(compressed).to.deep.equal(plain);
    });

    it("accept padded base64url and ignore other fragment parameters", () => {
      const padded = Buffer.from(JSON_TEXT).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
      expect(credentialFromFragment(`#lang=en&credential=${padded}`)).to.deep.equal({ kind: "credential", text: JSON_TEXT });
    });

    it("report damaged links as invalid, and no credential as none", () => {
      expect(credentialFromFragment("#c=AAAA")).to.deep.equal({ kind: "invalid" });
      expect(credentialFromFragment("#credential=%%%")).to.deep.equal({ kind: "invalid" });
      expect(credentialFromFragment(`#credential=${Buffer.from([0xff, 0xfe]).toString("base64url")}`)).to.deep.equal({ kind: "invalid" });
      expect(credentialFromFragment("")).to.deep.equal({ kind: "none" });
      expect(credentialFromFragment("#results")).to.deep.equal({ kind: "none" });
    });

    it("read QR texts holding a link on any origin or the JSON itself", () => {
      const link = `https://elsewhere.example/v/#c=${deflateRawSync(Buffer.from(JSON_TEXT)).toString("base64url")}`;
      expect(credentialFromQrText(link)).to.deep.equal({ kind: "credential", text: JSON_TEXT });
      expect(credentialFromQrText(` ${JSON_TEXT}\n`)).to.deep.equal({ kind: "credential", text: JSON_TEXT });
      expect(credentialFromQrText("WIFI:S:cafe;;")).to.deep.equal({ kind: "none" });
    });
  });

  describe("config.json", () => {
    const good = { rpcUrl: "http://127.0.0.1:8545", deployment: { chainId: 31337, anchor: `0x${"a".repeat(40)}`, registry: `0x${"b".repeat(40)}` } };

    it("accepts a complete config", () => {
      expect(parseConfig(good)).to.deep.equal({ rpcUrl: "http://127.0.0.1:8545/", deployment: { ...good.deployment, history: [] } });
    });

    it("takes the earlier deployments of a deployment file's history, keeping only their contracts", () => {
      const earlier = { registry: `0x${"c".repeat(40)}`, anchor: `0x${"d".repeat(40)}`, blockNumber: 3, deployedAt: "2026-01-01T00:00:00.000Z" };
      const parsed = parseConfig({ ...good, deployment: { ...good.deployment, history: [earlier] } });
      expect(parsed.deployment.history).to.deep.equal([{ anchor: earlier.anchor, registry: earlier.registry }]);
    });

    it("takes the deployment's CredentialLens, and names a malformed one", () => {
      const lens = `0x${"e".repeat(40)}`;
      expect(parseConfig({ ...good, deployment: { ...good.deployment, lens } }).deployment.lens).to.equal(lens);
      expect(() => parseConfig({ ...good, deployment: { ...good.deployment, lens: "0x12" } })).to.throw(ConfigError, "deployment.lens must be an address");
    });

    it("takes a content store as the folder a CID is appended to, and refuses one that is not http(s)", () => {
      expect(parseConfig({ ...good, contentStoreUrl: "https://gateway.example.org/ipfs" }).contentStoreUrl).to.equal("https://gateway.example.org/ipfs/");
      expect(parseConfig({ ...good, contentStoreUrl: "https://gateway.example.org/ipfs/" }).contentStoreUrl).to.equal("https://gateway.example.org/ipfs/");
      expect(parseConfig(good)).not.to.have.property("contentStoreUrl");
      expect(() => parseConfig({ ...good, contentStoreUrl: "ipfs://x" })).to.throw(ConfigError, "contentStoreUrl must be http or https");
    });

    for (const [history, problem] of [
      [[{ anchor: `0x${"d".repeat(40)}` }], "deployment.history[0].registry must be an address"],
      [[{ anchor: `0x${"d".repeat(40)}`, registry: `0x${"c".repeat(40)}`, anchr: "x" }], "deployment.history[0] has unknown fields: anchr"],
      [{}, "deployment.history must be an array"],
    ] as const) {
      it(`names the malformed history entry: ${problem}`, () => {
        expect(() => parseConfig({ ...good, deployment: { ...good.deployment, history } })).to.throw(ConfigError, problem);
      });
    }

    // What the zod schema the page used before refused, with the message it gave (the check is now written by hand).
    const deployment = (change: object) => ({ ...good, deployment: { ...good.deployment, ...change } });
    for (const [bad, message] of [
      [null, "not a JSON object"],
      [[good], "not a JSON object"],
      ["config", "not a JSON object"],
      [{ deployment: good.deployment }, "rpcUrl must be a string"],
      [{ ...good, rpcUrl: 8545 }, "rpcUrl must be a string"],
      [{ ...good, rpcUrl: "ws://127.0.0.1:8545" }, "rpcUrl must be http or https"],
      [{ ...good, rpcUrl: "http://[::1" }, "rpcUrl is not a URL: http://[::1"],
      [{ rpcUrl: good.rpcUrl }, "deployment must be an object"],
      [{ ...good, deployment: [] }, "deployment must be an object"],
      [deployment({ chainId: 0 }), "deployment.chainId must be a positive integer"],
      [deployment({ chainId: 1.5 }), "deployment.chainId must be a positive integer"],
      [deployment({ chainId: "1" }), "deployment.chainId must be a positive integer"],
      [deployment({ chainId: 2 ** 60 }), "deployment.chainId must be a positive integer"],
      [deployment({ anchor: "0x1234" }), "deployment.anchor must be an address"],
      [deployment({ anchor: "a".repeat(42) }), "deployment.anchor must be an address"],
      [{ ...good, deployment: { chainId: 1, anchor: good.deployment.anchor } }, "deployment.registry must be an address"],
      [deployment({ lens: null }), "deployment.lens must be an address"],
      [deployment({ history: null }), "deployment.history must be an array"],
      [deployment({ history: [null] }), "deployment.history[0] must be an object { anchor, registry }"],
      [deployment({ history: [{ anchor: good.deployment.anchor, registry: good.deployment.registry, blockNumber: "3" }] }), "deployment.history[0].blockNumber must be a number"],
      [deployment({ history: [{ anchor: good.deployment.anchor, registry: good.deployment.registry }, { anchor: "0x", registry: good.deployment.registry }] }), "deployment.history[1].anchor must be an address"],
      [{ ...good, shareServiceUrl: null }, "shareServiceUrl must be a string"],
      [{ ...good, shareServiceUrl: "ftp://share.example" }, "shareServiceUrl must be http or https"],
      // The first problem in the file's order is the one named.
      [{ ...good, rpcUrl: "ws://x", deployment: {} }, "rpcUrl must be http or https"],
    ] as const) {
      it(`refuses with "${message}"`, () => {
        expect(() => parseConfig(bad)).to.throw(ConfigError).with.property("message", message);
      });
    }

    it("ignores fields it does not know outside the history (an operator's notes)", () => {
      expect(parseConfig({ ...good, note: "staging", deployment: { ...good.deployment, network: "dev" } })).to.deep.equal(parseConfig(good));
    });
  });

  describe("static server paths", () => {
    const root = join("/srv", "dist");

    it("maps / to index.html and files under the root", () => {
      expect(resolveStaticPath(root, "/")).to.equal(join(root, "index.html"));
      expect(resolveStaticPath(root, "/assets/index-abc.js")).to.equal(join(root, "assets", "index-abc.js"));
    });

    it("refuses anything that would leave the root", () => {
      for (const path of ["/../package.json", "/assets/../../x", "/%2e%2e/x", "/..%2fx", "/a%00b", "/a%5c..%5cb", "/%E0%A4%A"]) {
        expect(resolveStaticPath(root, path), path).to.equal(null);
      }
    });
  });
});
