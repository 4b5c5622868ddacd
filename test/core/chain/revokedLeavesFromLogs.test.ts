import { expect } from "chai";
import type { Wallet } from "ethers";
import { createChainReader } from "../../../core/src/chain/createChainReader";
import { createChainWriter } from "../../../core/src/chain/createChainWriter";
import { RevocationReason } from "../../../core/src/chain/ChainReader";
import { revokedLeavesFromLogs } from "../../../core/src/chain/revokedLeavesFromLogs";
import { accreditedUniversity, startDeployedChain, type DeployedChain } from "./helpers/deployedChain";
import { signedBatch } from "./helpers/signedBatch";

describe("revokedLeavesFromLogs", function () {
  // Starts a Hardhat node: under plain mocha (the coverage gate) the default 2 s is not enough.
  this.timeout(120_000);
  let node: DeployedChain;
  let university: Wallet;
  before(async () => {
    node = await startDeployedChain();
    university = await accreditedUniversity(node);
  });
  after(async () => node?.stop());

  it("lists the leaves revoked in one batch between the given blocks, and no other batch's", async () => {
    const writer = createChainWriter(university, node.deployment);
    const reader = createChainReader(node.provider, node.deployment);
    const revoked = await signedBatch(university, node.deployment.anchor, "revoked-leaves-1");
    const other = await signedBatch(university, node.deployment.anchor, "revoked-leaves-2");
    for (const batch of [revoked, other]) await (await writer.anchorBatch(batch.root, 1, "QmRevokedLeavesTest", batch.signature)).wait();
    const source = revokedLeavesFromLogs(node.provider, node.deployment.anchor);
    const anchoredIn = (await reader.batch(university.address, revoked.root))!.blockNumber;
    expect(await source(university.address, revoked.root, anchoredIn, (await reader.latestBlock()).number)).to.deep.equal([]);

    await (await writer.revokeCredential(university.address, revoked.root, revoked.root, [], RevocationReason.Withdrawn, "")).wait();
    await (await writer.revokeCredential(university.address, other.root, other.root, [], RevocationReason.Withdrawn, "")).wait();
    const latest = (await reader.latestBlock()).number;
    expect(await source(university.address, revoked.root, anchoredIn, latest)).to.deep.equal([revoked.root]);
    expect(await source(university.address, revoked.root, anchoredIn, anchoredIn)).to.deep.equal([]);
  });
});
