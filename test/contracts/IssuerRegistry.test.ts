import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DAY,
  DOMAIN,
  NAME_EN,
  NAME_ZH,
  PROPOSAL_LIFETIME,
  Status,
  accreditedFixture,
  bytesString,
  deployRegistry,
  devRegistryFixture,
  encode,
  expectProposalFailure,
  govern,
  latestTimestamp,
} from "./fixtures";

describe("IssuerRegistry", function () {
  // ---------------------------------------------------------------------------------------------------------
  describe("constructor", function () {
    async function signersFixture() {
      const [a, b, c] = await ethers.getSigners();
      return { a: a!, b: b!, c: c! };
    }

    it("sets members and threshold and emits MemberAdded and ThresholdChanged", async function () {
      const { a, b, c } = await loadFixture(signersFixture);
      const registry = await deployRegistry([a.address, b.address, c.address], 2);
      const deployment = registry.deploymentTransaction();
      await expect(deployment).to.emit(registry, "MemberAdded").withArgs(a.address);
      await expect(deployment).to.emit(registry, "MemberAdded").withArgs(c.address);
      await expect(deployment).to.emit(registry, "ThresholdChanged").withArgs(0, 2);
      expect(await registry.members()).to.deep.equal([a.address, b.address, c.address]);
      expect(await registry.threshold()).to.equal(2);
      expect(await registry.isMember(b.address)).to.equal(true);
      expect(await registry.isMember(ethers.ZeroAddress)).to.equal(false);
      expect(await registry.proposalCount()).to.equal(0);
      expect(await registry.issuerIds()).to.deep.equal([]);
      expect(await registry.PROPOSAL_LIFETIME()).to.equal(PROPOSAL_LIFETIME);
    });

    it("accepts the dev-chain setup of one admin with threshold 1", async function () {
      const { a } = await loadFixture(signersFixture);
      const registry = await deployRegistry([a.address], 1);
      expect(await registry.threshold()).to.equal(1);
    });

    it("rejects a zero-address member", async function () {
      const { a } = await loadFixture(signersFixture);
      const factory = await ethers.getContractFactory("IssuerRegistry");
      await expect(factory.deploy([a.address, ethers.ZeroAddress], 1)).to.be.revertedWithCustomError(
        factory,
        "IssuerRegistryZeroAddress",
      );
    });

    it("rejects duplicate members", async function () {
      const { a, b } = await loadFixture(signersFixture);
      const factory = await ethers.getContractFactory("IssuerRegistry");
      await expect(factory.deploy([a.address, b.address, a.address], 1))
        .to.be.revertedWithCustomError(factory, "IssuerRegistryMemberExists")
        .withArgs(a.address);
    });

    it("rejects threshold 0", async function () {
      const { a, b } = await loadFixture(signersFixture);
      const factory = await ethers.getContractFactory("IssuerRegistry");
      await expect(factory.deploy([a.address, b.address], 0))
        .to.be.revertedWithCustomError(factory, "IssuerRegistryInvalidThreshold")
        .withArgs(0, 2);
    });

    it("rejects a threshold above the member count", async function () {
      const { a, b } = await loadFixture(signersFixture);
      const factory = await ethers.getContractFactory("IssuerRegistry");
      await expect(factory.deploy([a.address, b.address], 3))
        .to.be.revertedWithCustomError(factory, "IssuerRegistryInvalidThreshold")
        .withArgs(3, 2);
    });

    it("rejects an empty council", async function () {
      const factory = await ethers.getContractFactory("IssuerRegistry");
      await expect(factory.deploy([], 1)).to.be.revertedWithCustomError(factory, "IssuerRegistryInvalidThreshold").withArgs(1, 0);
    });
  });

  // ---------------------------------------------------------------------------------------------------------
  describe("governance (2-of-3 council)", function () {
    async function councilFixture() {
      const [a, b, c, d, outsider] = await ethers.getSigners();
      const registry = await deployRegistry([a!.address, b!.address, c!.address], 2);
      const self = await registry.getAddress();
      return { registry, self, a: a!, b: b!, c: c!, d: d!, outsider: outsider! };
    }

    /** Council with proposal 1 (addMember(d)) proposed by a. */
    async function proposedFixture() {
      const base = await councilFixture();
      const data = encode(base.registry, "addMember", [base.d.address]);
      await base.registry.connect(base.a).propose(base.self, data);
      const createdAt = await latestTimestamp();
      return { ...base, data, createdAt, expiresAt: createdAt + BigInt(PROPOSAL_LIFETIME) };
    }

    /** Proposal 1 approved by a and b. */
    async function approvedFixture() {
      const base = await proposedFixture();
      await base.registry.connect(base.b).approve(1);
      return base;
    }

    describe("propose", function () {
      it("emits ProposalCreated and the proposer's ProposalApproved", async function () {
        const { registry, self, a, d } = await loadFixture(councilFixture);
        const data = encode(registry, "addMember", [d.address]);
        const tx = await registry.connect(a).propose(self, data);
        const expiresAt = BigInt((await tx.getBlock())!.timestamp) + BigInt(PROPOSAL_LIFETIME);
        await expect(tx).to.emit(registry, "ProposalCreated").withArgs(1, a.address, self, data, expiresAt);
        await expect(tx).to.emit(registry, "ProposalApproved").withArgs(1, a.address, 1);
      });

      it("stores the proposal with sequential ids from 1", async function () {
        const { registry, self, a, data, createdAt, expiresAt } = await loadFixture(proposedFixture);
        const p = await registry.proposal(1);
        expect(p.proposer).to.equal(a.address);
        expect(p.target).to.equal(self);
        expect(p.createdAt).to.equal(createdAt);
        expect(p.expiresAt).to.equal(expiresAt);
        expect(p.executed).to.equal(false);
        expect(p.data).to.equal(data);
        await registry.connect(a).propose(self, data);
        expect(await registry.proposalCount()).to.equal(2);
      });

      it("counts as the proposer's approval", async function () {
        const { registry, a } = await loadFixture(proposedFixture);
        expect(await registry.hasApproved(1, a.address)).to.equal(true);
        expect(await registry.approvalCount(1)).to.equal(1);
      });

      it("rejects a non-member", async function () {
        const { registry, self, outsider, data } = await loadFixture(proposedFixture);
        await expect(registry.connect(outsider).propose(self, data))
          .to.be.revertedWithCustomError(registry, "IssuerRegistryNotMember")
          .withArgs(outsider.address);
      });

      it("rejects the zero target", async function () {
        const { registry, a, data } = await loadFixture(proposedFixture);
        await expect(registry.connect(a).propose(ethers.ZeroAddress, data)).to.be.revertedWithCustomError(
          registry,
          "IssuerRegistryZeroAddress",
        );
      });
    });

    describe("approve", function () {
      it("records the approval and emits ProposalApproved with the count", async function () {
        const { registry, b } = await loadFixture(proposedFixture);
        await expect(registry.connect(b).approve(1)).to.emit(registry, "ProposalApproved").withArgs(1, b.address, 2);
        expect(await registry.hasApproved(1, b.address)).to.equal(true);
        expect(await registry.approvalCount(1)).to.equal(2);
      });

      it("rejects a double approval", async function () {
        const { registry, a, b } = await loadFixture(approvedFixture);
        await expect(registry.connect(b).approve(1))
          .to.be.revertedWithCustomError(registry, "IssuerRegistryAlreadyApproved")
          .withArgs(1, b.address);
        await expect(registry.connect(a).approve(1))
          .to.be.revertedWithCustomError(registry, "IssuerRegistryAlreadyApproved")
          .withArgs(1, a.address);
      });

      it("rejects a non-member", async function () {
        const { registry, outsider } = await loadFixture(proposedFixture);
        await expect(registry.connect(outsider).approve(1))
          .to.be.revertedWithCustomError(registry, "IssuerRegistryNotMember")
          .withArgs(outsider.address);
      });

      it("rejects unknown proposals", async function () {
        const { registry, b } = await loadFixture(proposedFixture);
        await expect(registry.connect(b).approve(0)).to.be.revertedWithCustomError(registry, "IssuerRegistryProposalMissing").withArgs(0);
        await expect(registry.connect(b).approve(2)).to.be.revertedWithCustomError(registry, "IssuerRegistryProposalMissing").withArgs(2);
      });

      it("rejects an expired proposal", async function () {
        const { registry, b, expiresAt } = await loadFixture(proposedFixture);
        await time.setNextBlockTimestamp(expiresAt);
        await expect(registry.connect(b).approve(1))
          .to.be.revertedWithCustomError(registry, "IssuerRegistryProposalExpired")
          .withArgs(1, expiresAt);
      });

      it("rejects an executed proposal", async function () {
        const { registry, a, c } = await loadFixture(approvedFixture);
        await registry.connect(a).execute(1);
        await expect(registry.connect(c).approve(1)).to.be.revertedWithCustomError(registry, "IssuerRegistryProposalExecuted").withArgs(1);
      });
    });

    describe("execute", function () {
      it("performs the call and emits ProposalExecuted", async function () {
        const { registry, c, d } = await loadFixture(approvedFixture);
        const tx = registry.connect(c).execute(1);
        await expect(tx).to.emit(registry, "ProposalExecuted").withArgs(1, c.address);
        await expect(tx).to.emit(registry, "MemberAdded").withArgs(d.address);
        expect(await registry.isMember(d.address)).to.equal(true);
        expect((await registry.proposal(1)).executed).to.equal(true);
      });

      it("returns the call's return data", async function () {
        const { registry, self, a, b } = await loadFixture(councilFixture);
        await registry.connect(a).propose(self, encode(registry, "threshold", []));
        await registry.connect(b).approve(1);
        expect(await registry.connect(a).execute.staticCall(1)).to.equal(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [2]));
      });

      it("can be called by a member who did not approve", async function () {
        const { registry, c } = await loadFixture(approvedFixture);
        await expect(registry.connect(c).execute(1)).to.emit(registry, "ProposalExecuted");
      });

      it("rejects when the threshold is not met", async function () {
        const { registry, a } = await loadFixture(proposedFixture);
        await expect(registry.connect(a).execute(1))
          .to.be.revertedWithCustomError(registry, "IssuerRegistryThresholdNotMet")
          .withArgs(1, 1, 2);
      });

      it("rejects executing twice", async function () {
        const { registry, a } = await loadFixture(approvedFixture);
        await registry.connect(a).execute(1);
        await expect(registry.connect(a).execute(1)).to.be.revertedWithCustomError(registry, "IssuerRegistryProposalExecuted").withArgs(1);
      });

      it("works one second before expiry", async function () {
        const { registry, a, expiresAt } = await loadFixture(approvedFixture);
        await time.setNextBlockTimestamp(expiresAt - 1n);
        await expect(registry.connect(a).execute(1)).to.emit(registry, "ProposalExecuted");
      });

      it("rejects an expired proposal", async function () {
        const { registry, a, expiresAt } = await loadFixture(approvedFixture);
        await time.setNextBlockTimestamp(expiresAt);
        await expect(registry.connect(a).execute(1))
          .to.be.revertedWithCustomError(registry, "IssuerRegistryProposalExpired")
          .withArgs(1, expiresAt);
      });

      it("rejects a non-member", async function () {
        const { registry, outsider } = await loadFixture(approvedFixture);
        await expect(registry.connect(outsider).execute(1))
          .to.be.revertedWithCustomError(registry, "IssuerRegistryNotMember")
          .withArgs(outsider.address);
      });

      it("rejects an unknown proposal", async function () {
        const { registry, a } = await loadFixture(approvedFixture);
        await expect(registry.connect(a).execute(7)).to.be.revertedWithCustomError(registry, "IssuerRegistryProposalMissing").withArgs(7);
      });

      it("reverts with ProposalFailed carrying the inner revert data, and stays executable later", async function () {
        const { registry, self, a, b } = await loadFixture(councilFixture);
        await registry.connect(a).propose(self, encode(registry, "addMember", [b.address]));
        await registry.connect(b).approve(1);
        const inner = registry.interface.encodeErrorResult("IssuerRegistryMemberExists", [b.address]);
        await expect(registry.connect(a).execute(1))
          .to.be.revertedWithCustomError(registry, "IssuerRegistryProposalFailed")
          .withArgs(1, inner);
        expect((await registry.proposal(1)).executed).to.equal(false);
      });

      it("reverts with empty return data when the target reverts without reason", async function () {
        const { registry, a, b } = await loadFixture(councilFixture);
        // A call to a contract without a matching function and without fallback reverts with empty data.
        const other = await deployRegistry([a.address], 1);
        await registry.connect(a).propose(await other.getAddress(), "0xdeadbeef");
        await registry.connect(b).approve(1);
        await expect(registry.connect(a).execute(1)).to.be.revertedWithCustomError(registry, "IssuerRegistryProposalFailed").withArgs(1, "0x");
      });
    });

    describe("membership changes", function () {
      it("approvals of a removed member stop counting", async function () {
        const { registry, a, b, c } = await loadFixture(approvedFixture);
        // Proposal 2: remove b, approved by a and c.
        await govern(registry, [a, c], encode(registry, "removeMember", [b.address]));
        expect(await registry.approvalCount(1)).to.equal(1);
        expect(await registry.hasApproved(1, b.address)).to.equal(false);
        await expect(registry.connect(a).execute(1))
          .to.be.revertedWithCustomError(registry, "IssuerRegistryThresholdNotMet")
          .withArgs(1, 1, 2);
      });

      it("a re-added member's old approvals do not revive", async function () {
        const { registry, a, b, c } = await loadFixture(approvedFixture);
        await govern(registry, [a, c], encode(registry, "removeMember", [b.address]));
        await govern(registry, [a, c], encode(registry, "addMember", [b.address]));
        expect(await registry.hasApproved(1, b.address)).to.equal(false);
        expect(await registry.approvalCount(1)).to.equal(1);
        await expect(registry.connect(b).approve(1)).to.emit(registry, "ProposalApproved").withArgs(1, b.address, 2);
      });

      it("removeMember emits MemberRemoved and updates members", async function () {
        const { registry, a, b, c } = await loadFixture(councilFixture);
        await expect(govern(registry, [a, c], encode(registry, "removeMember", [b.address])))
          .to.emit(registry, "MemberRemoved")
          .withArgs(b.address);
        expect(await registry.isMember(b.address)).to.equal(false);
        expect([...(await registry.members())]).to.have.members([a.address, c.address]);
      });

      it("removeMember rejects a removal that would leave fewer members than the threshold", async function () {
        const { registry, a, b, c } = await loadFixture(councilFixture);
        await govern(registry, [a, b], encode(registry, "setThreshold", [3]));
        await expectProposalFailure(
          () => govern(registry, [a, b, c], encode(registry, "removeMember", [c.address])),
          registry,
          registry,
          "IssuerRegistryInvalidThreshold",
          [3, 2],
        );
      });

      it("removeMember rejects a non-member", async function () {
        const { registry, a, b, outsider } = await loadFixture(councilFixture);
        await expectProposalFailure(
          () => govern(registry, [a, b], encode(registry, "removeMember", [outsider.address])),
          registry,
          registry,
          "IssuerRegistryMemberMissing",
          [outsider.address],
        );
      });

      it("addMember rejects the zero address", async function () {
        const { registry, a, b } = await loadFixture(councilFixture);
        await expectProposalFailure(
          () => govern(registry, [a, b], encode(registry, "addMember", [ethers.ZeroAddress])),
          registry,
          registry,
          "IssuerRegistryZeroAddress",
          [],
        );
      });

      it("setThreshold emits ThresholdChanged and applies to pending proposals", async function () {
        const { registry, a, b, c } = await loadFixture(approvedFixture);
        await expect(govern(registry, [a, c], encode(registry, "setThreshold", [3])))
          .to.emit(registry, "ThresholdChanged")
          .withArgs(2, 3);
        expect(await registry.threshold()).to.equal(3);
        await expect(registry.connect(a).execute(1))
          .to.be.revertedWithCustomError(registry, "IssuerRegistryThresholdNotMet")
          .withArgs(1, 2, 3);
        await registry.connect(c).approve(1);
        await expect(registry.connect(b).execute(1)).to.emit(registry, "ProposalExecuted");
      });

      it("setThreshold rejects 0 and more than the member count", async function () {
        const { registry, a, b } = await loadFixture(councilFixture);
        await expectProposalFailure(
          () => govern(registry, [a, b], encode(registry, "setThreshold", [0])),
          registry,
          registry,
          "IssuerRegistryInvalidThreshold",
          [0, 3],
        );
        await expectProposalFailure(
          () => govern(registry, [a, b], encode(registry, "setThreshold", [4])),
          registry,
          registry,
          "IssuerRegistryInvalidThreshold",
          [4, 3],
        );
      });
    });

    describe("approvalCount", function () {
      it("rejects an unknown proposal", async function () {
        const { registry } = await loadFixture(councilFixture);
        await expect(registry.approvalCount(1)).to.be.revertedWithCustomError(registry, "IssuerRegistryProposalMissing").withArgs(1);
        await expect(registry.proposal(1)).to.be.revertedWithCustomError(registry, "IssuerRegistryProposalMissing").withArgs(1);
      });
    });
  });

  // ---------------------------------------------------------------------------------------------------------
  describe("onlyGovernance", function () {
    const calls: [string, (a: string) => unknown[]][] = [
      ["addMember", (a) => [a]],
      ["removeMember", (a) => [a]],
      ["setThreshold", () => [1]],
      ["accredit", (a) => [a, NAME_EN, NAME_ZH, DOMAIN]],
      ["suspend", (a) => [a, 0]],
      ["reinstate", (a) => [a, 0]],
      ["deaccredit", (a) => [a, 0]],
      ["addSigningKey", (a) => [a, a, 0, 0]],
      ["retireSigningKey", (a) => [a, 0]],
    ];
    for (const [fn, args] of calls) {
      it(`${fn} rejects a direct call, even by a member`, async function () {
        const { registry, admin } = await loadFixture(devRegistryFixture);
        await expect(registry.connect(admin)[fn]!(...args(admin.address)))
          .to.be.revertedWithCustomError(registry, "IssuerRegistryOnlyGovernance")
          .withArgs(admin.address);
      });
    }
  });

  // ---------------------------------------------------------------------------------------------------------
  describe("accredit", function () {
    it("emits IssuerAccredited and SigningKeyAdded", async function () {
      const { registry, issuerA, gov } = await loadFixture(devRegistryFixture);
      const tx = await gov("accredit", [issuerA.address, NAME_EN, NAME_ZH, DOMAIN]);
      const now = BigInt((await tx.getBlock())!.timestamp);
      await expect(tx).to.emit(registry, "IssuerAccredited").withArgs(issuerA.address, NAME_EN, NAME_ZH, DOMAIN, now);
      await expect(tx).to.emit(registry, "SigningKeyAdded").withArgs(issuerA.address, issuerA.address, now, 0);
    });

    it("records profile, id list, history and the first key", async function () {
      const { registry, issuerA, issuerB, accreditedAt } = await loadFixture(accreditedFixture);
      const profile = await registry.issuer(issuerA.address);
      expect([profile.nameEn, profile.nameZh, profile.domain, profile.accreditedAt]).to.deep.equal([NAME_EN, NAME_ZH, DOMAIN, accreditedAt]);
      expect(await registry.issuerIds()).to.deep.equal([issuerA.address, issuerB.address]);
      const history = await registry.accreditationHistory(issuerA.address);
      expect(history.map((c: { status: bigint; effectiveFrom: bigint; recordedAt: bigint }) => [c.status, c.effectiveFrom, c.recordedAt])).to.deep.equal([
        [BigInt(Status.Accredited), accreditedAt, accreditedAt],
      ]);
      const key = await registry.signingKey(issuerA.address);
      expect([key.issuerId, key.validFrom, key.validUntil]).to.deep.equal([issuerA.address, accreditedAt, 0n]);
      expect(await registry.signingKeysOf(issuerA.address)).to.deep.equal([issuerA.address]);
      expect(await registry.statusAt(issuerA.address, accreditedAt + 1n)).to.equal(Status.Accredited);
      expect(await registry.statusAt(issuerA.address, accreditedAt)).to.equal(Status.None);
    });

    it("accepts names of 128 bytes and a domain of 253 bytes or none", async function () {
      const { registry, issuerA, issuerB, gov } = await loadFixture(devRegistryFixture);
      await gov("accredit", [issuerA.address, bytesString(128), "名".repeat(42), bytesString(253)]); // 42 * 3 = 126 bytes
      await gov("accredit", [issuerB.address, "B", "乙", ""]);
      expect((await registry.issuer(issuerA.address)).domain).to.equal(bytesString(253));
      expect((await registry.issuer(issuerB.address)).domain).to.equal("");
    });

    const invalidNames: [string, [string, string, string]][] = [
      ["an empty English name", ["", NAME_ZH, DOMAIN]],
      ["an empty Chinese name", [NAME_EN, "", DOMAIN]],
      ["an English name over 128 bytes", [bytesString(129), NAME_ZH, DOMAIN]],
      ["a Chinese name over 128 bytes", [NAME_EN, "名".repeat(43), DOMAIN]], // 129 bytes in UTF-8
      ["a domain over 253 bytes", [NAME_EN, NAME_ZH, bytesString(254)]],
    ];
    for (const [what, names] of invalidNames) {
      it(`rejects ${what}`, async function () {
        const { registry, admin, issuerA } = await loadFixture(devRegistryFixture);
        await expectProposalFailure(
          () => govern(registry, [admin], encode(registry, "accredit", [issuerA.address, ...names])),
          registry,
          registry,
          "IssuerRegistryInvalidName",
          [],
        );
      });
    }

    it("rejects the zero address", async function () {
      const { registry, admin } = await loadFixture(devRegistryFixture);
      await expectProposalFailure(
        () => govern(registry, [admin], encode(registry, "accredit", [ethers.ZeroAddress, NAME_EN, NAME_ZH, DOMAIN])),
        registry,
        registry,
        "IssuerRegistryZeroAddress",
        [],
      );
    });

    it("rejects an issuer accredited before", async function () {
      const { registry, admin, issuerA } = await loadFixture(accreditedFixture);
      await expectProposalFailure(
        () => govern(registry, [admin], encode(registry, "accredit", [issuerA.address, NAME_EN, NAME_ZH, DOMAIN])),
        registry,
        registry,
        "IssuerRegistryIssuerExists",
        [issuerA.address],
      );
    });

    it("rejects a key that already belongs to another issuer", async function () {
      const { registry, admin, issuerA, keyA2, gov } = await loadFixture(accreditedFixture);
      await gov("addSigningKey", [issuerA.address, keyA2.address, 0, 0]);
      await expectProposalFailure(
        () => govern(registry, [admin], encode(registry, "accredit", [keyA2.address, NAME_EN, NAME_ZH, DOMAIN])),
        registry,
        registry,
        "IssuerRegistryKeyTaken",
        [keyA2.address, issuerA.address],
      );
    });

    it("issuer() rejects an unknown issuer", async function () {
      const { registry, outsider } = await loadFixture(accreditedFixture);
      await expect(registry.issuer(outsider.address))
        .to.be.revertedWithCustomError(registry, "IssuerRegistryIssuerMissing")
        .withArgs(outsider.address);
    });
  });

  // ---------------------------------------------------------------------------------------------------------
  describe("status history", function () {
    it("suspend emits IssuerStatusChanged and governs the moments strictly after effectiveFrom", async function () {
      const { registry, issuerA, gov } = await loadFixture(accreditedFixture);
      const at = (await latestTimestamp()) + BigInt(DAY);
      await expect(gov("suspend", [issuerA.address, at]))
        .to.emit(registry, "IssuerStatusChanged")
        .withArgs(issuerA.address, Status.Suspended, at);
      expect(await registry.statusAt(issuerA.address, at)).to.equal(Status.Accredited);
      expect(await registry.statusAt(issuerA.address, at + 1n)).to.equal(Status.Suspended);
      expect(await registry.statusAt(issuerA.address, at + 1000n)).to.equal(Status.Suspended);
    });

    it("effective time 0 means the block time of the execution, not of the proposal", async function () {
      const { registry, admin, issuerA } = await loadFixture(accreditedFixture);
      const registryAddress = await registry.getAddress();
      await registry.connect(admin).propose(registryAddress, encode(registry, "suspend", [issuerA.address, 0]));
      await time.increase(DAY);
      const tx = await registry.connect(admin).execute(await registry.proposalCount());
      const executedAt = BigInt((await tx.getBlock())!.timestamp);
      await expect(tx).to.emit(registry, "IssuerStatusChanged").withArgs(issuerA.address, Status.Suspended, executedAt);
      expect(await registry.statusAt(issuerA.address, executedAt)).to.equal(Status.Accredited);
      expect(await registry.statusAt(issuerA.address, executedAt + 1n)).to.equal(Status.Suspended);
    });

    it("records the execution time of every change beside its effective time", async function () {
      const { registry, issuerA, gov, accreditedAt } = await loadFixture(accreditedFixture);
      await time.increase(30 * DAY);
      const tx = await gov("suspend", [issuerA.address, accreditedAt + 10n]);
      const executedAt = BigInt((await tx.getBlock())!.timestamp);
      const last = (await registry.accreditationHistory(issuerA.address))[1];
      expect([last.status, last.effectiveFrom, last.recordedAt]).to.deep.equal([BigInt(Status.Suspended), accreditedAt + 10n, executedAt]);
    });

    it("accepts a past effective time (key theft discovered late)", async function () {
      const { registry, issuerA, gov, accreditedAt } = await loadFixture(accreditedFixture);
      await time.increase(30 * DAY);
      const at = accreditedAt + BigInt(DAY);
      await gov("suspend", [issuerA.address, at]);
      expect(await registry.statusAt(issuerA.address, at)).to.equal(Status.Accredited);
      expect(await registry.statusAt(issuerA.address, at + 1n)).to.equal(Status.Suspended);
      expect(await registry.isAuthorisedAt(issuerA.address, issuerA.address, at + 1n)).to.equal(false);
    });

    it("accepts a de-accreditation back-dated before a suspension recorded earlier", async function () {
      const { registry, issuerA, gov, accreditedAt } = await loadFixture(accreditedFixture);
      await time.increase(30 * DAY);
      const suspendedAt = await latestTimestamp();
      await gov("suspend", [issuerA.address, suspendedAt]);
      await gov("deaccredit", [issuerA.address, accreditedAt + 100n]);
      expect(await registry.statusAt(issuerA.address, accreditedAt + 100n)).to.equal(Status.Accredited);
      expect(await registry.statusAt(issuerA.address, accreditedAt + 101n)).to.equal(Status.Deaccredited);
      expect(await registry.statusAt(issuerA.address, suspendedAt + 1n)).to.equal(Status.Deaccredited);
    });

    it("keeps every record in effective-time order after a back-dated change", async function () {
      const { registry, issuerA, gov, accreditedAt } = await loadFixture(accreditedFixture);
      await time.increase(30 * DAY);
      const now = await latestTimestamp();
      await gov("suspend", [issuerA.address, now]);
      await gov("deaccredit", [issuerA.address, accreditedAt + 100n]);
      const history = await registry.accreditationHistory(issuerA.address);
      expect(history.map((c: { status: bigint; effectiveFrom: bigint }) => [c.status, c.effectiveFrom])).to.deep.equal([
        [BigInt(Status.Accredited), accreditedAt],
        [BigInt(Status.Deaccredited), accreditedAt + 100n],
        [BigInt(Status.Suspended), now],
      ]);
    });

    it("a back-dated suspension lasts until the next change in time", async function () {
      const { registry, issuerA, gov, accreditedAt } = await loadFixture(accreditedFixture);
      await time.increase(30 * DAY);
      await gov("suspend", [issuerA.address, accreditedAt + 200n]);
      await gov("reinstate", [issuerA.address, accreditedAt + 300n]);
      await gov("suspend", [issuerA.address, accreditedAt + 100n]);
      expect(await registry.statusAt(issuerA.address, accreditedAt + 100n)).to.equal(Status.Accredited);
      expect(await registry.statusAt(issuerA.address, accreditedAt + 101n)).to.equal(Status.Suspended);
      expect(await registry.statusAt(issuerA.address, accreditedAt + 250n)).to.equal(Status.Suspended);
      expect(await registry.statusAt(issuerA.address, accreditedAt + 301n)).to.equal(Status.Accredited);
    });

    it("checks a back-dated change against the status at its own moment", async function () {
      const { registry, admin, issuerA, gov, accreditedAt } = await loadFixture(accreditedFixture);
      await time.increase(30 * DAY);
      await gov("suspend", [issuerA.address, accreditedAt + 200n]);
      await expectProposalFailure(
        () => govern(registry, [admin], encode(registry, "reinstate", [issuerA.address, accreditedAt + 100n])),
        registry,
        registry,
        "IssuerRegistryInvalidStatusChange",
        [issuerA.address, Status.Accredited, Status.Accredited],
      );
    });

    it("reinstate lifts a suspension from its effective time", async function () {
      const { registry, issuerA, gov } = await loadFixture(accreditedFixture);
      const now = await latestTimestamp();
      await gov("suspend", [issuerA.address, now + 10n]);
      await expect(gov("reinstate", [issuerA.address, now + 20n]))
        .to.emit(registry, "IssuerStatusChanged")
        .withArgs(issuerA.address, Status.Accredited, now + 20n);
      expect(await registry.statusAt(issuerA.address, now + 20n)).to.equal(Status.Suspended);
      expect(await registry.statusAt(issuerA.address, now + 21n)).to.equal(Status.Accredited);
    });

    it("deaccredit works from Accredited", async function () {
      const { registry, issuerA, gov } = await loadFixture(accreditedFixture);
      const now = await latestTimestamp();
      await expect(gov("deaccredit", [issuerA.address, now + 5n]))
        .to.emit(registry, "IssuerStatusChanged")
        .withArgs(issuerA.address, Status.Deaccredited, now + 5n);
      expect(await registry.statusAt(issuerA.address, now + 6n)).to.equal(Status.Deaccredited);
    });

    it("deaccredit works from Suspended", async function () {
      const { registry, issuerA, gov } = await loadFixture(accreditedFixture);
      const now = await latestTimestamp();
      await gov("suspend", [issuerA.address, now]);
      await gov("deaccredit", [issuerA.address, now + 5n]);
      expect(await registry.statusAt(issuerA.address, now + 5n)).to.equal(Status.Suspended);
      expect(await registry.statusAt(issuerA.address, now + 6n)).to.equal(Status.Deaccredited);
    });

    it("deaccreditation is final", async function () {
      const { registry, admin, issuerA, gov } = await loadFixture(accreditedFixture);
      const now = await latestTimestamp();
      await gov("deaccredit", [issuerA.address, now]);
      for (const [fn, to] of [
        ["reinstate", Status.Accredited],
        ["suspend", Status.Suspended],
        ["deaccredit", Status.Deaccredited],
      ] as const) {
        await expectProposalFailure(
          () => govern(registry, [admin], encode(registry, fn, [issuerA.address, now + 100n])),
          registry,
          registry,
          "IssuerRegistryInvalidStatusChange",
          [issuerA.address, Status.Deaccredited, to],
        );
      }
    });

    it("rejects reinstating an accredited issuer and suspending a suspended one", async function () {
      const { registry, admin, issuerA, gov } = await loadFixture(accreditedFixture);
      const now = await latestTimestamp();
      await expectProposalFailure(
        () => govern(registry, [admin], encode(registry, "reinstate", [issuerA.address, now + 10n])),
        registry,
        registry,
        "IssuerRegistryInvalidStatusChange",
        [issuerA.address, Status.Accredited, Status.Accredited],
      );
      await gov("suspend", [issuerA.address, now + 10n]);
      await expectProposalFailure(
        () => govern(registry, [admin], encode(registry, "suspend", [issuerA.address, now + 20n])),
        registry,
        registry,
        "IssuerRegistryInvalidStatusChange",
        [issuerA.address, Status.Suspended, Status.Suspended],
      );
    });

    it("rejects an effective time before accreditation", async function () {
      const { registry, admin, issuerA, accreditedAt } = await loadFixture(accreditedFixture);
      await expectProposalFailure(
        () => govern(registry, [admin], encode(registry, "suspend", [issuerA.address, accreditedAt - 1n])),
        registry,
        registry,
        "IssuerRegistryBeforeAccreditation",
        [issuerA.address, accreditedAt - 1n, accreditedAt],
      );
    });

    it("with equal effective times the later change wins", async function () {
      const { registry, issuerA, gov } = await loadFixture(accreditedFixture);
      const at = (await latestTimestamp()) + 50n;
      await gov("suspend", [issuerA.address, at]);
      await gov("reinstate", [issuerA.address, at]);
      expect(await registry.statusAt(issuerA.address, at + 1n)).to.equal(Status.Accredited);
      expect((await registry.accreditationHistory(issuerA.address)).length).to.equal(3);
    });

    it("rejects status changes of an unknown issuer", async function () {
      const { registry, admin, outsider } = await loadFixture(accreditedFixture);
      await expectProposalFailure(
        () => govern(registry, [admin], encode(registry, "suspend", [outsider.address, 0])),
        registry,
        registry,
        "IssuerRegistryIssuerMissing",
        [outsider.address],
      );
    });

    it("statusAt is None for an unknown issuer", async function () {
      const { registry, outsider } = await loadFixture(accreditedFixture);
      expect(await registry.statusAt(outsider.address, 2n ** 63n)).to.equal(Status.None);
    });

    it("statusAt finds the right change in a long history (binary search)", async function () {
      const { registry, issuerA, gov, accreditedAt } = await loadFixture(accreditedFixture);
      const base = accreditedAt + 100n;
      const expected: [bigint, Status][] = [];
      for (let i = 0; i < 12; i++) {
        const at = base + BigInt(i * 10);
        const fn = i % 2 === 0 ? "suspend" : "reinstate";
        await gov(fn, [issuerA.address, at]);
        expected.push([at, i % 2 === 0 ? Status.Suspended : Status.Accredited]);
      }
      expect(await registry.statusAt(issuerA.address, accreditedAt)).to.equal(Status.None);
      expect(await registry.statusAt(issuerA.address, base)).to.equal(Status.Accredited);
      for (const [at, status] of expected) {
        expect(await registry.statusAt(issuerA.address, at + 1n)).to.equal(status);
        expect(await registry.statusAt(issuerA.address, at + 10n)).to.equal(status);
      }
    });
  });

  // ---------------------------------------------------------------------------------------------------------
  describe("signing keys", function () {
    it("addSigningKey emits SigningKeyAdded and records the window", async function () {
      const { registry, issuerA, keyA2, gov } = await loadFixture(accreditedFixture);
      const from = (await latestTimestamp()) + 100n;
      await expect(gov("addSigningKey", [issuerA.address, keyA2.address, from, from + 50n]))
        .to.emit(registry, "SigningKeyAdded")
        .withArgs(issuerA.address, keyA2.address, from, from + 50n);
      const key = await registry.signingKey(keyA2.address);
      expect([key.issuerId, key.validFrom, key.validUntil]).to.deep.equal([issuerA.address, from, from + 50n]);
      expect(await registry.signingKeysOf(issuerA.address)).to.deep.equal([issuerA.address, keyA2.address]);
    });

    it("signingKey of an unknown key has issuerId zero", async function () {
      const { registry, outsider } = await loadFixture(accreditedFixture);
      expect((await registry.signingKey(outsider.address)).issuerId).to.equal(ethers.ZeroAddress);
    });

    it("addSigningKey rejects an unknown issuer", async function () {
      const { registry, admin, outsider, keyA2 } = await loadFixture(accreditedFixture);
      await expectProposalFailure(
        () => govern(registry, [admin], encode(registry, "addSigningKey", [outsider.address, keyA2.address, 0, 0])),
        registry,
        registry,
        "IssuerRegistryIssuerMissing",
        [outsider.address],
      );
    });

    it("addSigningKey rejects the zero address", async function () {
      const { registry, admin, issuerA } = await loadFixture(accreditedFixture);
      await expectProposalFailure(
        () => govern(registry, [admin], encode(registry, "addSigningKey", [issuerA.address, ethers.ZeroAddress, 0, 0])),
        registry,
        registry,
        "IssuerRegistryZeroAddress",
        [],
      );
    });

    it("addSigningKey rejects a key of another issuer, or of the same issuer", async function () {
      const { registry, admin, issuerA, issuerB } = await loadFixture(accreditedFixture);
      await expectProposalFailure(
        () => govern(registry, [admin], encode(registry, "addSigningKey", [issuerA.address, issuerB.address, 0, 0])),
        registry,
        registry,
        "IssuerRegistryKeyTaken",
        [issuerB.address, issuerB.address],
      );
      await expectProposalFailure(
        () => govern(registry, [admin], encode(registry, "addSigningKey", [issuerA.address, issuerA.address, 0, 0])),
        registry,
        registry,
        "IssuerRegistryKeyTaken",
        [issuerA.address, issuerA.address],
      );
    });

    it("addSigningKey rejects an empty or inverted window", async function () {
      const { registry, admin, issuerA, keyA2 } = await loadFixture(accreditedFixture);
      for (const [from, until] of [
        [100n, 100n],
        [100n, 99n],
      ]) {
        await expectProposalFailure(
          () => govern(registry, [admin], encode(registry, "addSigningKey", [issuerA.address, keyA2.address, from, until])),
          registry,
          registry,
          "IssuerRegistryInvalidWindow",
          [from, until],
        );
      }
    });

    describe("retireSigningKey", function () {
      it("shortens an open window and emits SigningKeyRetired", async function () {
        const { registry, issuerA, gov } = await loadFixture(accreditedFixture);
        const until = (await latestTimestamp()) + 100n;
        await expect(gov("retireSigningKey", [issuerA.address, until]))
          .to.emit(registry, "SigningKeyRetired")
          .withArgs(issuerA.address, issuerA.address, until);
        expect((await registry.signingKey(issuerA.address)).validUntil).to.equal(until);
      });

      it("shortens a finite window further, down to an empty window at validFrom", async function () {
        const { registry, issuerA, keyA2, gov } = await loadFixture(accreditedFixture);
        await gov("addSigningKey", [issuerA.address, keyA2.address, 1000, 2000]);
        await gov("retireSigningKey", [keyA2.address, 1500]);
        await gov("retireSigningKey", [keyA2.address, 1000]);
        expect((await registry.signingKey(keyA2.address)).validUntil).to.equal(1000);
        expect(await registry.isAuthorisedAt(issuerA.address, keyA2.address, 1000)).to.equal(false);
      });

      it("0 ends the window at the execution's block time", async function () {
        const { registry, issuerA, gov } = await loadFixture(accreditedFixture);
        const tx = await gov("retireSigningKey", [issuerA.address, 0]);
        const executedAt = BigInt((await tx.getBlock())!.timestamp);
        await expect(tx).to.emit(registry, "SigningKeyRetired").withArgs(issuerA.address, issuerA.address, executedAt);
        expect(await registry.isAuthorisedAt(issuerA.address, issuerA.address, executedAt)).to.equal(true);
        expect(await registry.isAuthorisedAt(issuerA.address, issuerA.address, executedAt + 1n)).to.equal(false);
      });

      it("cannot extend or go below validFrom", async function () {
        const { registry, admin, issuerA, keyA2, gov } = await loadFixture(accreditedFixture);
        await gov("addSigningKey", [issuerA.address, keyA2.address, 1000, 2000]);
        for (const until of [2001n, 999n]) {
          await expectProposalFailure(
            () => govern(registry, [admin], encode(registry, "retireSigningKey", [keyA2.address, until])),
            registry,
            registry,
            "IssuerRegistryInvalidWindow",
            [1000n, until],
          );
        }
      });

      it("rejects an unknown key", async function () {
        const { registry, admin, outsider } = await loadFixture(accreditedFixture);
        await expectProposalFailure(
          () => govern(registry, [admin], encode(registry, "retireSigningKey", [outsider.address, 1])),
          registry,
          registry,
          "IssuerRegistryKeyMissing",
          [outsider.address],
        );
      });
    });

    describe("rotateSigningKey", function () {
      it("makes the new key valid now and ends the caller's key now", async function () {
        const { registry, issuerA, keyA2 } = await loadFixture(accreditedFixture);
        const tx = await registry.connect(issuerA).rotateSigningKey(keyA2.address);
        const now = BigInt((await tx.getBlock())!.timestamp);
        await expect(tx).to.emit(registry, "SigningKeyAdded").withArgs(issuerA.address, keyA2.address, now, 0);
        await expect(tx).to.emit(registry, "SigningKeyRetired").withArgs(issuerA.address, issuerA.address, now);
        expect(await registry.isAuthorisedAt(issuerA.address, issuerA.address, now)).to.equal(true);
        expect(await registry.isAuthorisedAt(issuerA.address, issuerA.address, now + 1n)).to.equal(false);
        expect(await registry.isAuthorisedAt(issuerA.address, keyA2.address, now)).to.equal(false);
        expect(await registry.isAuthorisedAt(issuerA.address, keyA2.address, now + 1n)).to.equal(true);
        expect(await registry.signingKeysOf(issuerA.address)).to.deep.equal([issuerA.address, keyA2.address]);
      });

      it("can be chained: the rotated-in key rotates again, the id stays", async function () {
        const { registry, issuerA, keyA2, keyA3 } = await loadFixture(accreditedFixture);
        await registry.connect(issuerA).rotateSigningKey(keyA2.address);
        await registry.connect(keyA2).rotateSigningKey(keyA3.address);
        expect((await registry.signingKey(keyA3.address)).issuerId).to.equal(issuerA.address);
        expect(await registry.isAuthorisedAt(issuerA.address, keyA3.address, (await latestTimestamp()) + 1n)).to.equal(true);
      });

      it("rejects a rotated-out key", async function () {
        const { registry, issuerA, keyA2, keyA3 } = await loadFixture(accreditedFixture);
        await registry.connect(issuerA).rotateSigningKey(keyA2.address);
        await expect(registry.connect(issuerA).rotateSigningKey(keyA3.address))
          .to.be.revertedWithCustomError(registry, "IssuerRegistryKeyNotAuthorised")
          .withArgs(issuerA.address);
      });

      it("rejects an unknown key", async function () {
        const { registry, outsider, keyA3 } = await loadFixture(accreditedFixture);
        await expect(registry.connect(outsider).rotateSigningKey(keyA3.address))
          .to.be.revertedWithCustomError(registry, "IssuerRegistryKeyNotAuthorised")
          .withArgs(outsider.address);
      });

      it("rejects a key of a suspended issuer", async function () {
        const { registry, issuerA, keyA3, gov } = await loadFixture(accreditedFixture);
        await gov("suspend", [issuerA.address, await latestTimestamp()]);
        await expect(registry.connect(issuerA).rotateSigningKey(keyA3.address))
          .to.be.revertedWithCustomError(registry, "IssuerRegistryKeyNotAuthorised")
          .withArgs(issuerA.address);
      });

      it("rejects the zero address and a taken key", async function () {
        const { registry, issuerA, issuerB } = await loadFixture(accreditedFixture);
        await expect(registry.connect(issuerA).rotateSigningKey(ethers.ZeroAddress)).to.be.revertedWithCustomError(
          registry,
          "IssuerRegistryZeroAddress",
        );
        await expect(registry.connect(issuerA).rotateSigningKey(issuerB.address))
          .to.be.revertedWithCustomError(registry, "IssuerRegistryKeyTaken")
          .withArgs(issuerB.address, issuerB.address);
      });
    });
  });

  // ---------------------------------------------------------------------------------------------------------
  describe("isAuthorisedAt", function () {
    async function windowFixture() {
      const base = await accreditedFixture();
      const from = (await latestTimestamp()) + 1000n;
      const until = from + 1000n;
      await base.gov("addSigningKey", [base.issuerA.address, base.keyA2.address, from, until]);
      return { ...base, from, until };
    }

    it("is false before the window and at validFrom itself", async function () {
      const { registry, issuerA, keyA2, from } = await loadFixture(windowFixture);
      expect(await registry.isAuthorisedAt(issuerA.address, keyA2.address, from - 1n)).to.equal(false);
      expect(await registry.isAuthorisedAt(issuerA.address, keyA2.address, from)).to.equal(false);
    });

    it("is true from validFrom + 1 to validUntil", async function () {
      const { registry, issuerA, keyA2, from, until } = await loadFixture(windowFixture);
      expect(await registry.isAuthorisedAt(issuerA.address, keyA2.address, from + 1n)).to.equal(true);
      expect(await registry.isAuthorisedAt(issuerA.address, keyA2.address, until)).to.equal(true);
    });

    it("is false after validUntil", async function () {
      const { registry, issuerA, keyA2, until } = await loadFixture(windowFixture);
      expect(await registry.isAuthorisedAt(issuerA.address, keyA2.address, until + 1n)).to.equal(false);
    });

    it("is false for another issuer's id", async function () {
      const { registry, issuerB, keyA2, from } = await loadFixture(windowFixture);
      expect(await registry.isAuthorisedAt(issuerB.address, keyA2.address, from + 1n)).to.equal(false);
    });

    it("is false for unknown keys, even with issuer id zero", async function () {
      const { registry, outsider } = await loadFixture(windowFixture);
      expect(await registry.isAuthorisedAt(ethers.ZeroAddress, outsider.address, await latestTimestamp())).to.equal(false);
    });

    it("is false during a suspension and true again after reinstatement", async function () {
      const { registry, issuerA, keyA2, from, gov } = await loadFixture(windowFixture);
      await gov("suspend", [issuerA.address, from + 100n]);
      await gov("reinstate", [issuerA.address, from + 200n]);
      expect(await registry.isAuthorisedAt(issuerA.address, keyA2.address, from + 100n)).to.equal(true);
      expect(await registry.isAuthorisedAt(issuerA.address, keyA2.address, from + 101n)).to.equal(false);
      expect(await registry.isAuthorisedAt(issuerA.address, keyA2.address, from + 200n)).to.equal(false);
      expect(await registry.isAuthorisedAt(issuerA.address, keyA2.address, from + 201n)).to.equal(true);
    });

    it("is false before accreditation and after deaccreditation", async function () {
      const { registry, issuerA, accreditedAt, gov } = await loadFixture(windowFixture);
      const end = (await latestTimestamp()) + 10n;
      await gov("deaccredit", [issuerA.address, end]);
      // The first key's window is open from accreditation; status None before it.
      expect(await registry.isAuthorisedAt(issuerA.address, issuerA.address, accreditedAt)).to.equal(false);
      expect(await registry.isAuthorisedAt(issuerA.address, issuerA.address, end)).to.equal(true);
      expect(await registry.isAuthorisedAt(issuerA.address, issuerA.address, end + 1n)).to.equal(false);
    });
  });
});
