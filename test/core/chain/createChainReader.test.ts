import { expect } from "chai";
import { Wallet } from "ethers";
import { createChainReader } from "../../../core/src/chain/createChainReader";
import { createChainWriter } from "../../../core/src/chain/createChainWriter";
import { createProvider } from "../../../core/src/chain/createProvider";
import { AccreditationStatus } from "../../../core/src/chain/ChainReader";
import { ChainError } from "../../../core/src/errors";
import { freePort } from "../../../scripts/lib/localChain";
import { accreditedUniversity, startDeployedChain, type DeployedChain } from "./helpers/deployedChain";
import { signedBatch } from "./helpers/signedBatch";

describe("createChainReader", function () {
  // Starts a Hardhat node: under plain mocha (the coverage gate) the default 2 s is not enough.
  this.timeout(120_000);
  let node: DeployedChain;
  let university: Wallet;
  let root: string;
  before(async () => {
    node = await startDeployedChain();
    university = await accreditedUniversity(node);
    const batch = await signedBatch(university, node.deployment.anchor, "reader");
    await (await createChainWriter(university, node.deployment).anchorBatch(batch.root, 1, "QmReaderTestManifest", batch.signature)).wait();
    root = batch.root;
  });
  after(async () => node?.stop());

  it("answers the verification reads at a pinned block", async () => {
    const reader = createChainReader(node.provider, node.deployment);
    const block = await reader.latestBlock();
    expect(await reader.chainId()).to.equal(31337);
    const batch = await reader.batch(university.address, root, block.number);
    expect(batch).to.include({ issuerId: university.address, signer: university.address, count: 1, manifestCid: "QmReaderTestManifest" });
    expect(await reader.batch(university.address, root, batch!.blockNumber - 1)).to.equal(null);
    expect(await reader.batch(Wallet.createRandom().address, root, block.number), "the root under another issuer").to.equal(null);
    expect(await reader.issuer(university.address, block.number)).to.include({ nameEn: "Harbour University", domain: "harbour.example.edu" });
    expect(await reader.isAuthorisedAt(university.address, university.address, batch!.anchoredAt, block.number)).to.equal(true);
    expect(await reader.statusAt(university.address, batch!.anchoredAt, block.number)).to.equal(AccreditationStatus.Accredited);
    expect(await reader.batchRevocation(university.address, root, block.number)).to.equal(null);
  });

  it("answers null for what the chain does not hold", async () => {
    const reader = createChainReader(node.provider, node.deployment);
    const stranger = Wallet.createRandom().address;
    expect(await reader.batch(university.address, `0x${"cd".repeat(32)}`, "latest")).to.equal(null);
    expect(await reader.issuer(stranger)).to.equal(null);
    expect(await reader.signingKey(stranger)).to.equal(null);
    expect(await reader.issuerOfKey(stranger)).to.equal(null);
    expect(await reader.proposal(99n)).to.equal(null);
    expect(await reader.anchoring(university.address, `0x${"cd".repeat(32)}`, 0)).to.equal(null);
    expect(await reader.anchoring(stranger, root, 0), "the root's event under another issuer").to.equal(null);
    expect(await reader.isAnchored(university.address, `0x${"cd".repeat(32)}`)).to.equal(false);
    expect(await reader.isAnchored(stranger, root)).to.equal(false);
  });

  it("reads the council and its proposals", async () => {
    const reader = createChainReader(node.provider, node.deployment);
    expect(await reader.members()).to.deep.equal([node.admin.address]);
    expect(await reader.threshold()).to.equal(1);
    expect(await reader.proposalCount()).to.equal(1);
    const proposal = await reader.proposal(1n);
    expect(proposal).to.include({ proposer: node.admin.address, target: node.deployment.registry, executed: true });
    expect(proposal!.expiresAt).to.be.greaterThan(proposal!.createdAt);
    expect(await reader.issuerIds()).to.deep.equal([university.address]);
  });

  it("lists both contracts' events in chain order with their arguments as strings", async () => {
    const reader = createChainReader(node.provider, node.deployment);
    const events = await reader.events(0, (await reader.latestBlock()).number);
    expect(events.map((event) => event.event)).to.deep.equal([
      "MemberAdded",
      "ThresholdChanged",
      "ProposalCreated",
      "ProposalApproved",
      "IssuerAccredited",
      "SigningKeyAdded",
      "ProposalExecuted",
      "BatchAnchored",
    ]);
    const anchored = events.find((event) => event.event === "BatchAnchored");
    expect(anchored).to.include({ contract: "CredentialAnchor" });
    expect(anchored!.args).to.include({ root, issuerId: university.address, count: "1" });
    expect(events.find((event) => event.event === "IssuerAccredited")?.contract).to.equal("IssuerRegistry");
    const positions = events.map((event) => [event.blockNumber, event.logIndex] as const);
    expect(positions).to.deep.equal([...positions].sort(([a, i], [b, j]) => a - b || i - j));
  });

  it("turns an unreachable chain into ChainError CHAIN_UNREACHABLE", async () => {
    const provider = createProvider(`http://127.0.0.1:${await freePort()}`, 31337, { timeoutMs: 2000 });
    try {
      const error = await createChainReader(provider, node.deployment).isAnchored(university.address, root).then(() => undefined, (caught: unknown) => caught);
      expect(error).to.be.instanceOf(ChainError);
      expect((error as ChainError).code).to.equal("CHAIN_UNREACHABLE");
    } finally {
      provider.destroy();
    }
  });
});
