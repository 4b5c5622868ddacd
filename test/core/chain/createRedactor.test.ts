import { expect } from "chai";
import { createRedactor } from "../../../core/src/chain/createRedactor";

describe("createRedactor", () => {
  const redact = createRedactor(["http://alice:pa%24%24word@rpc.example.org/v3/0123456789abcdef0123456789abcdef?apikey=k3y-value#frag"]);

  it("redacts every URL in running text, whatever URL it is", () => {
    expect(redact('failed (info={ "requestUrl": "https://bob:hunter22@other.example/?token=abcd" }) and ws://x:y@h/p')).to.equal(
      'failed (info={ "requestUrl": "https://other.example/" }) and ws://h/p',
    );
  });

  it("replaces the configured URL's user, password (also decoded), query values and path key wherever they stand alone", () => {
    const text = redact("auth alice pa$$word pa%24%24word key k3y-value 0123456789abcdef0123456789abcdef");
    expect(text).to.equal("auth *** *** *** key *** ***");
  });

  it("leaves text without URLs or secrets unchanged", () => {
    expect(redact("connect ECONNREFUSED 127.0.0.1:8545")).to.equal("connect ECONNREFUSED 127.0.0.1:8545");
  });
});
