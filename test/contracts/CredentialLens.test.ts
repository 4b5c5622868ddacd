import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { SimpleMerkleTree } from "@openzeppelin/merkle-tree";
import { CID, DAY, NAME_EN, NAME_ZH, DOMAIN, Reason, Status, accreditedFixture, deployRegistry, latestTimestamp, leaves, signBatch, type Deployed } from "./fixtures";

const ZERO_REVOCATION = [0n, 0n, ethers.ZeroAddress, ""];

describe("CredentialLens", function () {
  /** Issuer A anchored a batch of 4 a day after its accreditation; the lens and an unused second registry are deployed. */
  async function anchoredFixture() {
    const base = await accreditedFixture();
    const anchor = (await ethers.deployContract("CredentialAnchor", [await base.registry.getAddress()])) as unknown as Deployed;
    const lens = (await ethers.deployContract("CredentialLens")) as unknown as Deployed;
    const tree = SimpleMerkleTree.of(leaves(4));
    const leafAt = (i: number) => tree.at(i) as string;
    const root = tree.root;
    await time.increase(DAY);
    const signature = await signBatch(base.issuerA, anchor, { issuer: base.issuerA.address, root, count: 4 });
    await anchor.connect(base.issuerA).anchorBatch(root, 4, CID, signature);
    const anchoredAt = await latestTimestamp();
    const read = (leafList: string[] = [], registry: Deployed | string = base.registry, issuerId = base.issuerA.address, r = root) =>
      lens.batchState(anchor, registry, issuerId, r, leafList);
    return { ...base, anchor, lens, tree, leafAt, root, anchoredAt, read };
  }

  it("answers an unknown batch with anchored false and zeroed records, revocations of the leaves included", async function () {
    const { read, issuerB, leafAt } = await loadFixture(anchoredFixture);
    const [state, revocations] = await read([leafAt(0)], undefined, issuerB.address);
    expect(state.anchored).to.equal(false);
    expect(state.batch.issuerId).to.equal(ethers.ZeroAddress);
    expect(state.issuerRegistered).to.equal(false);
    expect(revocations.map((r: unknown[]) => [...r])).to.deep.equal([ZERO_REVOCATION]);
  });

  it("returns the batch, the issuer's profile, the key's authorisation and the status at anchoring as the contracts do", async function () {
    const { read, anchor, registry, issuerA, root, anchoredAt } = await loadFixture(anchoredFixture);
    const [state, revocations] = await read();
    expect(state.anchored).to.equal(true);
    expect([...state.batch]).to.deep.equal([...(await anchor.batch(issuerA.address, root))]);
    expect([...state.revocation]).to.deep.equal(ZERO_REVOCATION);
    expect(state.issuerRegistered).to.equal(true);
    expect([...state.issuer]).to.deep.equal([...(await registry.issuer(issuerA.address))]);
    expect([state.issuer.nameEn, state.issuer.nameZh, state.issuer.domain]).to.deep.equal([NAME_EN, NAME_ZH, DOMAIN]);
    expect(state.signerAuthorised).to.equal(true);
    expect(state.statusAtAnchoring).to.equal(Status.Accredited);
    expect(state.batch.anchoredAt).to.equal(anchoredAt);
    expect(revocations).to.have.length(0);
  });

  it("returns each leaf's revocation in the order asked, zeroed where none", async function () {
    const { read, anchor, issuerA, root, tree, leafAt } = await loadFixture(anchoredFixture);
    await anchor.connect(issuerA).revokeCredential(issuerA.address, root, leafAt(2), tree.getProof(2), Reason.AcademicMisconduct, "misconduct");
    const [, revocations] = await read([leafAt(1), leafAt(2), leafAt(3)]);
    const recorded = await anchor.credentialRevocation(issuerA.address, root, leafAt(2));
    expect(revocations.map((r: unknown[]) => [...r])).to.deep.equal([ZERO_REVOCATION, [...recorded], ZERO_REVOCATION]);
    expect(recorded.reason).to.equal("misconduct");
  });

  it("returns the revocation of the whole batch", async function () {
    const { read, anchor, issuerA, root } = await loadFixture(anchoredFixture);
    await anchor.connect(issuerA).revokeBatch(issuerA.address, root, Reason.Withdrawn, "withdrawn");
    const [state] = await read();
    expect([...state.revocation]).to.deep.equal([...(await anchor.batchRevocation(issuerA.address, root))]);
    expect(state.revocation.reason).to.equal("withdrawn");
  });

  it("reports a suspension back-dated before the anchoring as the status at anchoring, the key then not authorised", async function () {
    const { read, gov, issuerA, anchoredAt } = await loadFixture(anchoredFixture);
    await gov("suspend", [issuerA.address, anchoredAt - 10n]);
    const [state] = await read();
    expect(state.statusAtAnchoring).to.equal(Status.Suspended);
    expect(state.signerAuthorised).to.equal(false);
  });

  it("reports a key retired before the anchoring as not authorised while the issuer stays accredited", async function () {
    const { read, gov, issuerA, anchoredAt } = await loadFixture(anchoredFixture);
    await gov("retireSigningKey", [issuerA.address, anchoredAt - 10n]);
    const [state] = await read();
    expect(state.signerAuthorised).to.equal(false);
    expect(state.statusAtAnchoring).to.equal(Status.Accredited);
  });

  it("reads the registry it is given: one that never accredited the issuer answers issuerRegistered false", async function () {
    const { read, admin } = await loadFixture(anchoredFixture);
    const otherRegistry = await deployRegistry([admin.address], 1);
    const [state] = await read([], otherRegistry);
    expect(state.anchored).to.equal(true);
    expect(state.issuerRegistered).to.equal(false);
    expect(state.signerAuthorised).to.equal(false);
    expect(state.statusAtAnchoring).to.equal(Status.None);
  });

  it("reverts with CredentialLensRegistryFailed when the registry is not a registry", async function () {
    const { read, lens, anchor } = await loadFixture(anchoredFixture);
    await expect(read([], await anchor.getAddress()))
      .to.be.revertedWithCustomError(lens, "CredentialLensRegistryFailed")
      .withArgs(await anchor.getAddress(), "0x");
  });
});
