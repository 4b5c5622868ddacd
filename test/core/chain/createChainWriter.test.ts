import { expect } from "chai";
import { Wallet } from "ethers";
import { createChainReader } from "../../../core/src/chain/createChainReader";
import { createChainWriter } from "../../../core/src/chain/createChainWriter";
import { DEV_PRIVATE_KEYS } from "../../../core/src/chain/devAccounts";
import { AccreditationStatus, RevocationReason } from "../../../core/src/chain/ChainReader";
import { startDeployedChain, type DeployedChain } from "./helpers/deployedChain";
import { signedBatch } from "./helpers/signedBatch";

describe("createChainWriter", function () {
  // Starts a Hardhat node: under plain mocha (the coverage gate) the default 2 s is not enough.
  this.timeout(120_000);
  let node: DeployedChain;
  let university: Wallet;
  before(async () => {
    node = await startDeployedChain();
    university = new Wallet(DEV_PRIVATE_KEYS[1], node.provider);
  });
  after(async () => node?.stop());

  it("runs a governance call as a proposal: propose counts as the proposer's approval, execute applies it", async () => {
    const council = createChainWriter(node.admin, node.deployment);
    const reader = createChainReader(node.provider, node.deployment);
    const { proposalId, transaction } = await council.propose({
      function: "accredit",
      args: [university.address, "Harbour University", "海港大學", "harbour.example.edu"],
    });
    expect(transaction.hash).to.match(/^0x[0-9a-f]{64}$/);
    expect(await reader.approvalCount(proposalId)).to.equal(1);
    expect(await reader.issuerOfKey(university.address)).to.equal(null);
    await (await council.execute(proposalId)).wait();
    expect((await reader.proposal(proposalId))?.executed).to.equal(true);
    expect(await reader.issuerOfKey(university.address)).to.include({ issuerId: university.address, nameEn: "Harbour University", nameZh: "海港大學" });
    expect((await reader.accreditationHistory(university.address)).map((change) => change.status)).to.deep.equal([AccreditationStatus.Accredited]);
  });

  it("anchors a batch, and revokes a credential and a batch", async () => {
    const writer = createChainWriter(university, node.deployment);
    const reader = createChainReader(node.provider, node.deployment);
    const first = await signedBatch(university, node.deployment.anchor, "writer-1");
    const anchored = await (await writer.anchorBatch(first.root, 1, "QmWriterTestManifest", first.signature)).wait();
    expect(await reader.isAnchored(university.address, first.root)).to.equal(true);
    expect(await reader.anchoring(university.address, first.root, 0)).to.deep.equal({ transactionHash: anchored!.hash, blockNumber: anchored!.blockNumber });

    await (await writer.revokeCredential(university.address, first.root, first.root, [], RevocationReason.IssuedInError, "typo")).wait();
    expect(await reader.credentialRevocation(university.address, first.root, first.root)).to.include({ reasonCode: RevocationReason.IssuedInError, reason: "typo" });
    await (await writer.revokeBatch(university.address, first.root, RevocationReason.KeyCompromise, "key leaked")).wait();
    expect(await reader.batchRevocation(university.address, first.root)).to.include({ reasonCode: RevocationReason.KeyCompromise, reason: "key leaked" });
  });

  it("populates an unsigned anchoring transaction that the caller signs and broadcasts itself", async () => {
    const writer = createChainWriter(university, node.deployment);
    const batch = await signedBatch(university, node.deployment.anchor, "writer-raw");
    const call = await writer.populateAnchorBatch(batch.root, 1, "QmWriterTestManifest", batch.signature);
    const nonce = await node.provider.getTransactionCount(university.address, "pending");
    const raw = await university.signTransaction(await university.populateTransaction({ ...call, nonce }));
    expect(await createChainReader(node.provider, node.deployment).isAnchored(university.address, batch.root)).to.equal(false);
    await (await node.provider.broadcastTransaction(raw)).wait();
    expect(await createChainReader(node.provider, node.deployment).isAnchored(university.address, batch.root)).to.equal(true);
  });

  it("rotates the signer's key: the new key belongs to the same issuer, the old one stops being valid", async () => {
    const next = Wallet.createRandom();
    const reader = createChainReader(node.provider, node.deployment);
    await (await createChainWriter(university, node.deployment).rotateSigningKey(next.address)).wait();
    expect((await reader.signingKey(next.address))?.issuerId).to.equal(university.address);
    expect((await reader.signingKey(university.address))?.validUntil).to.be.greaterThan(0);
    expect(await reader.signingKeysOf(university.address)).to.deep.equal([university.address, next.address]);
  });
});
