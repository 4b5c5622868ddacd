import { expect } from "chai";
import { Wallet } from "ethers";
import { createProvider } from "../../../core/src/chain/createProvider";
import { DEV_PRIVATE_KEYS } from "../../../core/src/chain/devAccounts";
import { freePort, startLocalChain, type LocalChain } from "../../../scripts/lib/localChain";

describe("createProvider", function () {
  // Starts a Hardhat node: under plain mocha (the coverage gate) the default 2 s is not enough.
  this.timeout(120_000);
  let chain: LocalChain;
  before(async () => {
    chain = await startLocalChain(await freePort());
  });
  after(async () => chain?.stop());

  it("never answers a repeated read from a cache: the nonce right after a send is the next one", async () => {
    const provider = createProvider(chain.url, 31337);
    try {
      const wallet = new Wallet(DEV_PRIVATE_KEYS[3], provider);
      const before = await provider.getTransactionCount(wallet.address, "pending");
      await wallet.sendTransaction({ to: wallet.address, value: 1n, nonce: before });
      expect(await provider.getTransactionCount(wallet.address, "pending")).to.equal(before + 1);
    } finally {
      provider.destroy();
    }
  });

  it("is pinned to the chain id it was given, without asking the node", async () => {
    const provider = createProvider(`http://127.0.0.1:${await freePort()}`, 1234);
    try {
      expect((await provider.getNetwork()).chainId).to.equal(1234n);
    } finally {
      provider.destroy();
    }
  });

  it("polls at the requested interval when asked to", () => {
    const provider = createProvider(chain.url, 31337, { polling: { intervalMs: 250 } });
    try {
      expect(provider.pollingInterval).to.equal(250);
    } finally {
      provider.destroy();
    }
  });
});
