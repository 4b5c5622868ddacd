import { expect } from "chai";
import { probeChainId } from "../../../core/src/chain/probeChainId";
import { ChainError } from "../../../core/src/errors";
import { freePort, startLocalChain, type LocalChain } from "../../../scripts/lib/localChain";

describe("probeChainId", function () {
  // Starts a Hardhat node: under plain mocha (the coverage gate) the default 2 s is not enough.
  this.timeout(120_000);
  let chain: LocalChain;
  before(async () => {
    chain = await startLocalChain(await freePort());
  });
  after(async () => chain?.stop());

  it("answers the chain id the node serves", async () => {
    expect(await probeChainId(chain.url)).to.equal(31337);
  });

  it("names the URL it tried, without its credentials, when nothing answers", async () => {
    const port = await freePort();
    let error: unknown;
    try {
      await probeChainId(`http://registrar:hunter2@127.0.0.1:${port}/rpc?apikey=topsecret`, { timeoutMs: 2000 });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(ChainError);
    const chainError = error as ChainError;
    expect(chainError.code).to.equal("CHAIN_UNREACHABLE");
    expect(chainError.details).to.deep.equal({ url: `http://127.0.0.1:${port}/rpc` });
    expect(chainError.message).to.contain(`http://127.0.0.1:${port}/rpc`);
    expect(chainError.message).not.to.match(/hunter2|topsecret|registrar/);
  });
});
