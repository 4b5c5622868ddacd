import { expect } from "chai";
import { redactUrl } from "../../../core/src/chain/redactUrl";

describe("redactUrl", () => {
  it("drops userinfo, query and fragment and keeps scheme, host, port and path", () => {
    expect(redactUrl("https://alice:s3cret@rpc.example.org:8545/v1/node?apikey=abc#frag")).to.equal("https://rpc.example.org:8545/v1/node");
    expect(redactUrl("http://token@127.0.0.1:8545")).to.equal("http://127.0.0.1:8545");
    expect(redactUrl("wss://a:b@c@host/ws")).to.equal("wss://host/ws");
  });

  it("hides path segments that are API keys (Infura, Alchemy) and keeps short route segments", () => {
    expect(redactUrl("https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef")).to.equal("https://mainnet.infura.io/v3/***");
    expect(redactUrl("https://eth-mainnet.g.alchemy.com/v2/AbCdEfGhIjKlMnOpQrStUvWxYz012345/")).to.equal("https://eth-mainnet.g.alchemy.com/v2/***/");
  });

  it("leaves a URL without secrets as it is", () => {
    expect(redactUrl("http://127.0.0.1:8545")).to.equal("http://127.0.0.1:8545");
  });

  it("still strips the query of something that is not a URL, never echoing it", () => {
    expect(redactUrl("not a url?token=abc")).to.equal("not a url");
  });
});
