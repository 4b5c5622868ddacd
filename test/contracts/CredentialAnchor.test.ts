import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { SimpleMerkleTree } from "@openzeppelin/merkle-tree";
import type { Signer, TransactionReceipt } from "ethers";
import {
  BATCH_TYPES,
  CID,
  Reason,
  accreditedFixture,
  bytesString,
  encode,
  expectProposalFailure,
  govern,
  latestTimestamp,
  leaves,
  signBatch,
  type Deployed,
} from "./fixtures";

const MAX_BATCH_SIZE = 262_144;
const MAX_REASON_LENGTH = 256;
/** secp256k1 group order. */
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** Intrinsic gas of a (pre-Prague) transaction: 21000 + 4 per zero and 16 per non-zero calldata byte. */
function intrinsicGas(data: string): bigint {
  const bytes = ethers.getBytes(data);
  let gas = 21_000n;
  for (const b of bytes) gas += b === 0 ? 4n : 16n;
  return gas;
}

describe("CredentialAnchor", function () {
  async function deployFixture() {
    const base = await accreditedFixture();
    const anchor = (await ethers.deployContract("CredentialAnchor", [await base.registry.getAddress()])) as unknown as Deployed;
    const tree = SimpleMerkleTree.of(leaves(5));
    const root = tree.root;
    const anchorAs = async (signer: Signer, r: string, count: number, issuer?: string, cid = CID) => {
      const signature = await signBatch(signer, anchor, { issuer: issuer ?? (await signer.getAddress()), root: r, count });
      return anchor.connect(signer).anchorBatch(r, count, cid, signature);
    };
    return { ...base, anchor, tree, root, anchorAs };
  }

  /** Issuer A anchored `tree` (5 credentials). */
  async function anchoredFixture() {
    const base = await deployFixture();
    await base.anchorAs(base.issuerA, base.root, 5);
    const anchoredAt = await latestTimestamp();
    const anchoredBlock = await ethers.provider.getBlockNumber();
    return { ...base, anchoredAt, anchoredBlock };
  }

  describe("deployment and views", function () {
    it("exposes registry and limits", async function () {
      const { anchor, registry } = await loadFixture(deployFixture);
      expect(await anchor.registry()).to.equal(await registry.getAddress());
      expect(await anchor.MAX_BATCH_SIZE()).to.equal(MAX_BATCH_SIZE);
      expect(await anchor.MAX_REASON_LENGTH()).to.equal(MAX_REASON_LENGTH);
    });

    it("batchDigest is the EIP-712 hash of Batch under the CredAnchor domain", async function () {
      const { anchor, issuerA, root } = await loadFixture(deployFixture);
      const { chainId } = await ethers.provider.getNetwork();
      const domain = { name: "CredAnchor", version: "2", chainId, verifyingContract: await anchor.getAddress() };
      const expected = ethers.TypedDataEncoder.hash(domain, BATCH_TYPES, { issuer: issuerA.address, root, count: 5 });
      expect(await anchor.batchDigest(issuerA.address, root, 5)).to.equal(expected);
    });

    it("verifyInclusion checks sorted-pair Merkle proofs", async function () {
      const { anchor, tree, root } = await loadFixture(deployFixture);
      for (const [i, leaf] of tree.entries()) {
        expect(await anchor.verifyInclusion(root, leaf, tree.getProof(i))).to.equal(true);
      }
      const outside = leaves(1, "other")[0]!;
      expect(await anchor.verifyInclusion(root, outside, tree.getProof(0))).to.equal(false);
    });

    it("batch() rejects an unknown root and isAnchored is false", async function () {
      const { anchor, issuerA, root } = await loadFixture(deployFixture);
      await expect(anchor.batch(issuerA.address, root))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorBatchMissing")
        .withArgs(issuerA.address, root);
      expect(await anchor.isAnchored(issuerA.address, root)).to.equal(false);
    });

    it("revocation views are zeroed when nothing was revoked", async function () {
      const { anchor, issuerA, root, tree } = await loadFixture(anchoredFixture);
      const none = [0n, 0n, ethers.ZeroAddress, ""];
      expect([...(await anchor.batchRevocation(issuerA.address, root))]).to.deep.equal(none);
      expect([...(await anchor.credentialRevocation(issuerA.address, root, tree.at(0)))]).to.deep.equal(none);
    });
  });

  describe("anchorBatch", function () {
    it("emits BatchAnchored", async function () {
      const { anchor, anchorAs, issuerA, root } = await loadFixture(deployFixture);
      await expect(anchorAs(issuerA, root, 5)).to.emit(anchor, "BatchAnchored").withArgs(issuerA.address, root, issuerA.address, 5, CID);
    });

    it("stores the batch", async function () {
      const { anchor, issuerA, root, anchoredAt, anchoredBlock } = await loadFixture(anchoredFixture);
      const b = await anchor.batch(issuerA.address, root);
      expect([b.issuerId, b.signer, b.anchoredAt, b.blockNumber, b.count, b.manifestCid]).to.deep.equal([
        issuerA.address,
        issuerA.address,
        anchoredAt,
        BigInt(anchoredBlock),
        5n,
        CID,
      ]);
      expect(await anchor.isAnchored(issuerA.address, root)).to.equal(true);
    });

    it("records the issuer id when a second key of the issuer anchors", async function () {
      const { anchor, anchorAs, gov, issuerA, keyA2, root } = await loadFixture(deployFixture);
      await gov("addSigningKey", [issuerA.address, keyA2.address, await latestTimestamp(), 0]);
      await expect(anchorAs(keyA2, root, 5, issuerA.address))
        .to.emit(anchor, "BatchAnchored")
        .withArgs(issuerA.address, root, keyA2.address, 5, CID);
      expect((await anchor.batch(issuerA.address, root)).signer).to.equal(keyA2.address);
    });

    it("accepts the boundaries: count 1 and MAX_BATCH_SIZE, CID of 1 and 128 bytes", async function () {
      const { anchor, anchorAs, issuerA } = await loadFixture(deployFixture);
      const [r1, r2] = leaves(2, "roots");
      await expect(anchorAs(issuerA, r1!, 1, undefined, "x")).to.emit(anchor, "BatchAnchored");
      await expect(anchorAs(issuerA, r2!, MAX_BATCH_SIZE, undefined, bytesString(128))).to.emit(anchor, "BatchAnchored");
    });

    it("rejects the zero root", async function () {
      const { anchor, anchorAs, issuerA } = await loadFixture(deployFixture);
      await expect(anchorAs(issuerA, ethers.ZeroHash, 5)).to.be.revertedWithCustomError(anchor, "CredentialAnchorZeroRoot");
    });

    it("rejects count 0 and count above MAX_BATCH_SIZE", async function () {
      const { anchor, anchorAs, issuerA, root } = await loadFixture(deployFixture);
      await expect(anchorAs(issuerA, root, 0))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorInvalidCount")
        .withArgs(0, MAX_BATCH_SIZE);
      await expect(anchorAs(issuerA, root, MAX_BATCH_SIZE + 1))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorInvalidCount")
        .withArgs(MAX_BATCH_SIZE + 1, MAX_BATCH_SIZE);
    });

    it("rejects an empty CID and one over 128 bytes", async function () {
      const { anchor, anchorAs, issuerA, root } = await loadFixture(deployFixture);
      await expect(anchorAs(issuerA, root, 5, undefined, "")).to.be.revertedWithCustomError(anchor, "CredentialAnchorInvalidCid");
      await expect(anchorAs(issuerA, root, 5, undefined, bytesString(129))).to.be.revertedWithCustomError(
        anchor,
        "CredentialAnchorInvalidCid",
      );
    });

    it("rejects a root its issuer anchored before", async function () {
      const { anchor, anchorAs, issuerA, root } = await loadFixture(anchoredFixture);
      await expect(anchorAs(issuerA, root, 5))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorRootExists")
        .withArgs(issuerA.address, root);
    });

    it("rejects a root anchored before by another key of the same issuer", async function () {
      const { anchor, anchorAs, gov, issuerA, keyA2, root } = await loadFixture(anchoredFixture);
      await gov("addSigningKey", [issuerA.address, keyA2.address, await latestTimestamp(), 0]);
      await expect(anchorAs(keyA2, root, 5, issuerA.address))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorRootExists")
        .withArgs(issuerA.address, root);
    });

    it("rejects an unknown key", async function () {
      const { anchor, anchorAs, outsider, root } = await loadFixture(deployFixture);
      await expect(anchorAs(outsider, root, 5, ethers.ZeroAddress))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorUnauthorisedKey")
        .withArgs(outsider.address);
    });

    it("rejects a key of a suspended issuer", async function () {
      const { anchor, anchorAs, gov, issuerA, root } = await loadFixture(deployFixture);
      await gov("suspend", [issuerA.address, await latestTimestamp()]);
      await expect(anchorAs(issuerA, root, 5))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorUnauthorisedKey")
        .withArgs(issuerA.address);
    });

    it("keeps a batch anchored in the block of a suspension effective now authorised, and refuses the next block", async function () {
      const { anchor, anchorAs, registry, admin, issuerA, root, tree } = await loadFixture(deployFixture);
      await registry.connect(admin).propose(await registry.getAddress(), encode(registry, "suspend", [issuerA.address, 0]));
      const id: bigint = await registry.proposalCount();
      // One block holding the anchoring and then the execution: the suspension must not reach back to the batch.
      await ethers.provider.send("evm_setAutomine", [false]);
      try {
        const anchoring = await anchorAs(issuerA, root, 5);
        const execution = await registry.connect(admin).execute(id);
        await ethers.provider.send("evm_mine", []);
        const [anchored, executed] = [(await anchoring.wait())!, (await execution.wait())!];
        expect(anchored.blockNumber).to.equal(executed.blockNumber);
      } finally {
        await ethers.provider.send("evm_setAutomine", [true]);
      }
      const batch = await anchor.batch(issuerA.address, root);
      expect(await registry.isAuthorisedAt(issuerA.address, issuerA.address, batch.anchoredAt)).to.equal(true);
      const next = SimpleMerkleTree.of(leaves(2, "next")).root;
      expect(next).to.not.equal(tree.root);
      await expect(anchorAs(issuerA, next, 2)).to.be.revertedWithCustomError(anchor, "CredentialAnchorUnauthorisedKey");
    });

    it("rejects a rotated-out key", async function () {
      const { anchor, anchorAs, registry, issuerA, keyA2, root } = await loadFixture(deployFixture);
      await registry.connect(issuerA).rotateSigningKey(keyA2.address);
      await expect(anchorAs(issuerA, root, 5))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorUnauthorisedKey")
        .withArgs(issuerA.address);
      await expect(anchorAs(keyA2, root, 5, issuerA.address)).to.emit(anchor, "BatchAnchored");
    });

    it("rejects a key whose window has not started", async function () {
      const { anchor, anchorAs, gov, issuerA, keyA2, root } = await loadFixture(deployFixture);
      await gov("addSigningKey", [issuerA.address, keyA2.address, (await latestTimestamp()) + 1000n, 0]);
      await expect(anchorAs(keyA2, root, 5, issuerA.address))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorUnauthorisedKey")
        .withArgs(keyA2.address);
    });

    it("rejects a signature by another key", async function () {
      const { anchor, issuerA, issuerB, root } = await loadFixture(deployFixture);
      const signature = await signBatch(issuerB, anchor, { issuer: issuerA.address, root, count: 5 });
      await expect(anchor.connect(issuerA).anchorBatch(root, 5, CID, signature))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorInvalidSignature")
        .withArgs(issuerB.address, issuerA.address);
    });

    const tampered: [string, (v: { issuer: string; root: string; count: number }, other: string) => object][] = [
      ["another count", (v) => ({ ...v, count: 6 })],
      ["another root", (v) => ({ ...v, root: ethers.id("other root") })],
      ["another issuer id", (v, other) => ({ ...v, issuer: other })],
    ];
    for (const [what, change] of tampered) {
      it(`rejects a signature of ${what}`, async function () {
        const { anchor, issuerA, issuerB, root } = await loadFixture(deployFixture);
        const value = change({ issuer: issuerA.address, root, count: 5 }, issuerB.address) as { issuer: string; root: string; count: number };
        const signature = await signBatch(issuerA, anchor, value);
        const recovered = ethers.recoverAddress(await anchor.batchDigest(issuerA.address, root, 5), signature);
        expect(recovered).to.not.equal(issuerA.address);
        await expect(anchor.connect(issuerA).anchorBatch(root, 5, CID, signature))
          .to.be.revertedWithCustomError(anchor, "CredentialAnchorInvalidSignature")
          .withArgs(recovered, issuerA.address);
      });
    }

    it("rejects a signature for another chain id", async function () {
      const { anchor, issuerA, root } = await loadFixture(deployFixture);
      const signature = await signBatch(issuerA, anchor, { issuer: issuerA.address, root, count: 5 }, { chainId: 1n });
      const recovered = ethers.recoverAddress(await anchor.batchDigest(issuerA.address, root, 5), signature);
      await expect(anchor.connect(issuerA).anchorBatch(root, 5, CID, signature))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorInvalidSignature")
        .withArgs(recovered, issuerA.address);
    });

    it("rejects a signature for another contract", async function () {
      const { anchor, issuerA, registry, root } = await loadFixture(deployFixture);
      const other = await ethers.deployContract("CredentialAnchor", [await registry.getAddress()]);
      const signature = await signBatch(issuerA, anchor, { issuer: issuerA.address, root, count: 5 }, { verifyingContract: await other.getAddress() });
      const recovered = ethers.recoverAddress(await anchor.batchDigest(issuerA.address, root, 5), signature);
      await expect(anchor.connect(issuerA).anchorBatch(root, 5, CID, signature))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorInvalidSignature")
        .withArgs(recovered, issuerA.address);
      // ...while the same signature is valid where it was meant to be used.
      await expect(other.connect(issuerA).getFunction("anchorBatch")(root, 5, CID, signature)).to.emit(other, "BatchAnchored");
    });

    it("rejects the high-s twin of a valid signature", async function () {
      const { anchor, issuerA, root } = await loadFixture(deployFixture);
      const signature = ethers.Signature.from(await signBatch(issuerA, anchor, { issuer: issuerA.address, root, count: 5 }));
      const highS = ethers.concat([signature.r, ethers.toBeHex(N - BigInt(signature.s), 32), signature.v === 27 ? "0x1c" : "0x1b"]);
      // The twin is a genuine signature: the bare ecrecover precompile accepts it and returns the signer.
      const digest = await anchor.batchDigest(issuerA.address, root, 5);
      const precompile = await ethers.provider.call({
        to: "0x0000000000000000000000000000000000000001",
        data: ethers.concat([digest, ethers.toBeHex(signature.v === 27 ? 28 : 27, 32), signature.r, ethers.toBeHex(N - BigInt(signature.s), 32)]),
      });
      expect(ethers.getAddress(ethers.dataSlice(precompile, 12))).to.equal(issuerA.address);
      await expect(anchor.connect(issuerA).anchorBatch(root, 5, CID, highS))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorInvalidSignature")
        .withArgs(ethers.ZeroAddress, issuerA.address);
    });

    it("rejects malformed signatures (wrong length, invalid v) with the same error", async function () {
      const { anchor, issuerA, root } = await loadFixture(deployFixture);
      const signature = await signBatch(issuerA, anchor, { issuer: issuerA.address, root, count: 5 });
      const badV = ethers.concat([ethers.dataSlice(signature, 0, 64), "0x1d"]);
      for (const bad of ["0x", ethers.dataSlice(signature, 0, 64), badV, ethers.concat([signature, "0x00"])]) {
        await expect(anchor.connect(issuerA).anchorBatch(root, 5, CID, bad))
          .to.be.revertedWithCustomError(anchor, "CredentialAnchorInvalidSignature")
          .withArgs(ethers.ZeroAddress, issuerA.address);
      }
    });

    it("costs the same execution gas for count 1, 1000 and 262144", async function () {
      const { anchorAs, issuerA } = await loadFixture(deployFixture);
      const executionGas: bigint[] = [];
      const [r1, r2, r3] = leaves(3, "gas");
      const receipts: TransactionReceipt[] = [];
      for (const [r, count] of [
        [r1!, 1],
        [r2!, 1000],
        [r3!, MAX_BATCH_SIZE],
      ] as const) {
        const tx = await anchorAs(issuerA, r, count);
        const receipt = (await tx.wait())!;
        receipts.push(receipt);
        // gasUsed includes calldata cost, which differs with the (random) bytes of root and signature;
        // what must not depend on count is everything the contract executes.
        executionGas.push(receipt.gasUsed - intrinsicGas(tx.data));
      }
      console.log(`      anchorBatch gasUsed: ${receipts.map((r) => r.gasUsed).join(", ")} (execution ${executionGas.join(", ")})`);
      expect(executionGas[1]).to.equal(executionGas[0]);
      expect(executionGas[2]).to.equal(executionGas[0]);
    });
  });

  describe("one namespace of roots per issuer (root squatting)", function () {
    /** Issuer B copied A's root from the mempool and anchored it first, under its own key and with its own count and CID. */
    async function squattedFixture() {
      const base = await deployFixture();
      await base.anchorAs(base.issuerB, base.root, 7, undefined, "QmSquatter");
      return base;
    }

    it("another issuer's earlier record of the root does not block the issuer", async function () {
      const { anchor, anchorAs, issuerA, root } = await loadFixture(squattedFixture);
      await expect(anchorAs(issuerA, root, 5)).to.emit(anchor, "BatchAnchored").withArgs(issuerA.address, root, issuerA.address, 5, CID);
    });

    it("the issuer's record names its own issuer, key, count and CID", async function () {
      const { anchor, anchorAs, issuerA, root } = await loadFixture(squattedFixture);
      await anchorAs(issuerA, root, 5);
      const b = await anchor.batch(issuerA.address, root);
      expect([b.issuerId, b.signer, b.count, b.manifestCid]).to.deep.equal([issuerA.address, issuerA.address, 5n, CID]);
    });

    it("the squatter's record is filed under the squatter only", async function () {
      const { anchor, issuerA, issuerB, root } = await loadFixture(squattedFixture);
      const b = await anchor.batch(issuerB.address, root);
      expect([b.issuerId, b.signer, b.count, b.manifestCid]).to.deep.equal([issuerB.address, issuerB.address, 7n, "QmSquatter"]);
      expect(await anchor.isAnchored(issuerA.address, root)).to.equal(false);
    });

    it("a revocation of the squatter's batch does not reach the issuer's", async function () {
      const { anchor, anchorAs, issuerA, issuerB, root, tree } = await loadFixture(squattedFixture);
      await anchorAs(issuerA, root, 5);
      await anchor.connect(issuerB).revokeBatch(issuerB.address, root, Reason.Withdrawn, "");
      await anchor.connect(issuerB).revokeCredential(issuerB.address, root, tree.at(0), tree.getProof(0), Reason.Withdrawn, "");
      expect((await anchor.batchRevocation(issuerA.address, root)).revokedAt).to.equal(0);
      expect((await anchor.credentialRevocation(issuerA.address, root, tree.at(0))).revokedAt).to.equal(0);
    });

    it("a key cannot revoke under another issuer's name", async function () {
      const { anchor, anchorAs, issuerA, issuerB, root } = await loadFixture(squattedFixture);
      await anchorAs(issuerA, root, 5);
      await expect(anchor.connect(issuerB).revokeBatch(issuerA.address, root, Reason.Unspecified, ""))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorNotIssuer")
        .withArgs(issuerB.address, issuerA.address);
    });
  });

  describe("revokeCredential", function () {
    it("by the issuer's key emits CredentialRevoked and stores the revocation", async function () {
      const { anchor, issuerA, root, tree } = await loadFixture(anchoredFixture);
      const leaf = tree.at(2);
      const tx = await anchor.connect(issuerA).revokeCredential(issuerA.address, root, leaf, tree.getProof(2), Reason.IssuedInError, "typo in name");
      await expect(tx).to.emit(anchor, "CredentialRevoked").withArgs(issuerA.address, root, leaf, Reason.IssuedInError, "typo in name", issuerA.address);
      const receipt = (await tx.wait())!;
      console.log(`      revokeCredential gasUsed: ${receipt.gasUsed} (5-leaf tree, 12-byte reason)`);
      const r = await anchor.credentialRevocation(issuerA.address, root, leaf);
      expect([r.revokedAt, r.reasonCode, r.revokedBy, r.reason]).to.deep.equal([
        await latestTimestamp(),
        BigInt(Reason.IssuedInError),
        issuerA.address,
        "typo in name",
      ]);
      expect((await anchor.credentialRevocation(issuerA.address, root, tree.at(1))).revokedAt).to.equal(0);
    });

    it("by governance through an executed proposal", async function () {
      const { anchor, registry, admin, issuerA, root, tree } = await loadFixture(anchoredFixture);
      const leaf = tree.at(0);
      const data = encode(anchor, "revokeCredential", [issuerA.address, root, leaf, tree.getProof(0), Reason.AcademicMisconduct, "plagiarism"]);
      await expect(govern(registry, [admin], data, await anchor.getAddress()))
        .to.emit(anchor, "CredentialRevoked")
        .withArgs(issuerA.address, root, leaf, Reason.AcademicMisconduct, "plagiarism", await registry.getAddress());
    });

    it("by a later key of the same issuer after rotation", async function () {
      const { anchor, registry, issuerA, keyA2, root, tree } = await loadFixture(anchoredFixture);
      await registry.connect(issuerA).rotateSigningKey(keyA2.address);
      await expect(anchor.connect(keyA2).revokeCredential(issuerA.address, root, tree.at(0), tree.getProof(0), Reason.Superseded, ""))
        .to.emit(anchor, "CredentialRevoked")
        .withArgs(issuerA.address, root, tree.at(0), Reason.Superseded, "", keyA2.address);
    });

    it("of the only credential of a one-leaf batch with an empty proof", async function () {
      const { anchor, anchorAs, issuerA } = await loadFixture(deployFixture);
      const leaf = ethers.id("solo");
      await anchorAs(issuerA, leaf, 1);
      await expect(anchor.connect(issuerA).revokeCredential(issuerA.address, leaf, leaf, [], Reason.Withdrawn, "")).to.emit(anchor, "CredentialRevoked");
    });

    it("rejects another issuer's key", async function () {
      const { anchor, issuerA, issuerB, root, tree } = await loadFixture(anchoredFixture);
      await expect(anchor.connect(issuerB).revokeCredential(issuerA.address, root, tree.at(0), tree.getProof(0), Reason.Unspecified, ""))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorNotIssuer")
        .withArgs(issuerB.address, issuerA.address);
    });

    it("rejects a rotated-out key", async function () {
      const { anchor, registry, issuerA, keyA2, root, tree } = await loadFixture(anchoredFixture);
      await registry.connect(issuerA).rotateSigningKey(keyA2.address);
      await expect(anchor.connect(issuerA).revokeCredential(issuerA.address, root, tree.at(0), tree.getProof(0), Reason.Unspecified, ""))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorNotIssuer")
        .withArgs(issuerA.address, issuerA.address);
    });

    it("rejects a council member acting directly", async function () {
      const { anchor, admin, issuerA, root, tree } = await loadFixture(anchoredFixture);
      await expect(anchor.connect(admin).revokeCredential(issuerA.address, root, tree.at(0), tree.getProof(0), Reason.Unspecified, ""))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorNotIssuer")
        .withArgs(admin.address, issuerA.address);
    });

    it("rejects an unknown batch", async function () {
      const { anchor, issuerA, tree } = await loadFixture(anchoredFixture);
      const unknown = ethers.id("unknown");
      await expect(anchor.connect(issuerA).revokeCredential(issuerA.address, unknown, tree.at(0), tree.getProof(0), Reason.Unspecified, ""))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorBatchMissing")
        .withArgs(issuerA.address, unknown);
    });

    it("rejects a leaf that is not in the batch", async function () {
      const { anchor, issuerA, root, tree } = await loadFixture(anchoredFixture);
      const outside = ethers.id("not in batch");
      await expect(anchor.connect(issuerA).revokeCredential(issuerA.address, root, outside, tree.getProof(0), Reason.Unspecified, ""))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorNotInBatch")
        .withArgs(root, outside);
      await expect(anchor.connect(issuerA).revokeCredential(issuerA.address, root, tree.at(0), tree.getProof(1), Reason.Unspecified, ""))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorNotInBatch")
        .withArgs(root, tree.at(0));
    });

    it("rejects revoking twice", async function () {
      const { anchor, issuerA, root, tree } = await loadFixture(anchoredFixture);
      await anchor.connect(issuerA).revokeCredential(issuerA.address, root, tree.at(0), tree.getProof(0), Reason.Unspecified, "");
      await expect(anchor.connect(issuerA).revokeCredential(issuerA.address, root, tree.at(0), tree.getProof(0), Reason.Superseded, "again"))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorAlreadyRevoked")
        .withArgs(issuerA.address, root, tree.at(0));
    });

    it("accepts a reason of 256 bytes and rejects 257", async function () {
      const { anchor, issuerA, root, tree } = await loadFixture(anchoredFixture);
      await expect(anchor.connect(issuerA).revokeCredential(issuerA.address, root, tree.at(0), tree.getProof(0), Reason.Unspecified, bytesString(257)))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorReasonTooLong")
        .withArgs(257, MAX_REASON_LENGTH);
      await expect(anchor.connect(issuerA).revokeCredential(issuerA.address, root, tree.at(0), tree.getProof(0), Reason.Unspecified, bytesString(256))).to.emit(
        anchor,
        "CredentialRevoked",
      );
    });
  });

  describe("revokeBatch", function () {
    it("by the issuer's key emits BatchRevoked and stores the revocation", async function () {
      const { anchor, issuerA, root } = await loadFixture(anchoredFixture);
      await expect(anchor.connect(issuerA).revokeBatch(issuerA.address, root, Reason.KeyCompromise, "key leaked"))
        .to.emit(anchor, "BatchRevoked")
        .withArgs(issuerA.address, root, Reason.KeyCompromise, "key leaked", issuerA.address);
      const r = await anchor.batchRevocation(issuerA.address, root);
      expect([r.revokedAt, r.reasonCode, r.revokedBy, r.reason]).to.deep.equal([
        await latestTimestamp(),
        BigInt(Reason.KeyCompromise),
        issuerA.address,
        "key leaked",
      ]);
    });

    it("by governance through an executed proposal, even while the issuer is suspended", async function () {
      const { anchor, registry, admin, gov, issuerA, root } = await loadFixture(anchoredFixture);
      await gov("suspend", [issuerA.address, await latestTimestamp()]);
      const data = encode(anchor, "revokeBatch", [issuerA.address, root, Reason.KeyCompromise, "stolen key"]);
      await expect(govern(registry, [admin], data, await anchor.getAddress()))
        .to.emit(anchor, "BatchRevoked")
        .withArgs(issuerA.address, root, Reason.KeyCompromise, "stolen key", await registry.getAddress());
    });

    it("rejects the issuer's own key while suspended", async function () {
      const { anchor, gov, issuerA, root } = await loadFixture(anchoredFixture);
      await gov("suspend", [issuerA.address, await latestTimestamp()]);
      await expect(anchor.connect(issuerA).revokeBatch(issuerA.address, root, Reason.Unspecified, ""))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorNotIssuer")
        .withArgs(issuerA.address, issuerA.address);
    });

    it("rejects another issuer's key", async function () {
      const { anchor, issuerA, issuerB, root } = await loadFixture(anchoredFixture);
      await expect(anchor.connect(issuerB).revokeBatch(issuerA.address, root, Reason.Unspecified, ""))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorNotIssuer")
        .withArgs(issuerB.address, issuerA.address);
    });

    it("rejects a rotated-out key", async function () {
      const { anchor, registry, issuerA, keyA2, root } = await loadFixture(anchoredFixture);
      await registry.connect(issuerA).rotateSigningKey(keyA2.address);
      await expect(anchor.connect(issuerA).revokeBatch(issuerA.address, root, Reason.Unspecified, ""))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorNotIssuer")
        .withArgs(issuerA.address, issuerA.address);
    });

    it("rejects an unknown batch", async function () {
      const { anchor, issuerA } = await loadFixture(anchoredFixture);
      const unknown = ethers.id("unknown");
      await expect(anchor.connect(issuerA).revokeBatch(issuerA.address, unknown, Reason.Unspecified, ""))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorBatchMissing")
        .withArgs(issuerA.address, unknown);
    });

    it("rejects revoking twice", async function () {
      const { anchor, issuerA, root } = await loadFixture(anchoredFixture);
      await anchor.connect(issuerA).revokeBatch(issuerA.address, root, Reason.Unspecified, "");
      await expect(anchor.connect(issuerA).revokeBatch(issuerA.address, root, Reason.Unspecified, ""))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorAlreadyRevoked")
        .withArgs(issuerA.address, root, ethers.ZeroHash);
    });

    it("rejects a reason over 256 bytes", async function () {
      const { anchor, issuerA, root } = await loadFixture(anchoredFixture);
      await expect(anchor.connect(issuerA).revokeBatch(issuerA.address, root, Reason.Unspecified, bytesString(300)))
        .to.be.revertedWithCustomError(anchor, "CredentialAnchorReasonTooLong")
        .withArgs(300, MAX_REASON_LENGTH);
    });

    it("a failing governance revocation surfaces as ProposalFailed with the anchor's error", async function () {
      const { anchor, registry, admin, issuerA, root } = await loadFixture(anchoredFixture);
      const data = encode(anchor, "revokeBatch", [issuerA.address, root, Reason.Unspecified, ""]);
      await govern(registry, [admin], data, await anchor.getAddress());
      await expectProposalFailure(
        () => govern(registry, [admin], data, anchor.target as string),
        registry,
        anchor,
        "CredentialAnchorAlreadyRevoked",
        [issuerA.address, root, ethers.ZeroHash],
      );
    });
  });
});

