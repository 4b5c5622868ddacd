import { expect } from "chai";
import { buildCredential } from "../../core/src/buildCredential";
import type { Credential } from "../../core/src/Credential";
import { bytesToHex, compareBytes, concatBytes, hexToBytes, type Hex } from "../../core/src/hex";
import { keccak256 } from "../../core/src/keccak256";
import { MAX_BATCH_SIZE, verifyMerkleProof } from "../../core/src/merkle";
import type { SignedBatch } from "../../core/src/signBatch";
import { wrapBatch } from "../../core/src/wrapBatch";
import { ANCHOR, HARBOUR, HARBOUR_KEY, chainWith, check, clone, failures, issueBatch, record, verify } from "./helpers";

const pair = (a: string, b: string): Hex => {
  const [x, y] = [hexToBytes(a), hexToBytes(b)];
  return bytesToHex(keccak256(compareBytes(x, y) <= 0 ? concatBytes(x, y) : concatBytes(y, x)));
};

describe("security: Merkle proofs", function () {
  this.timeout(60_000);
  let batch: SignedBatch;

  before(async () => {
    batch = await issueBatch({ count: 4 });
  });

  it("an inner node presented as a leaf fails: the shortened proof has the wrong length, and lying about batchSize breaks the signature and the anchored count", async () => {
    const sorted = batch.leaves.slice().sort();
    const inner = pair(sorted[0]!, sorted[1]!);
    const upper = pair(sorted[2]!, sorted[3]!);
    expect(pair(inner, upper)).to.equal(batch.root);
    // The bare fold with the true size refuses it (expected length 2, given 1).
    expect(verifyMerkleProof({ root: batch.root, leaf: inner, proof: [upper], leafIndex: 0, batchSize: 4 })).to.equal(false);
    // With batchSize 2 the fold alone would pass, so the size must be (and is) bound elsewhere: a credential whose
    // proof claims that shape fails the signature (batchSize is signed) and the anchor (count on chain is 4).
    // (Leaves are sorted, so in a batch of 2 the smaller node sits at index 0.)
    const side = inner < upper ? 0 : 1;
    expect(verifyMerkleProof({ root: batch.root, leaf: inner, proof: [upper], leafIndex: side, batchSize: 2 })).to.equal(true);
    const forged = clone(batch.credentials[0]!) as Credential;
    forged.proof.batchSize = 2;
    forged.proof.leafIndex = side;
    forged.proof.merkleProof = [upper];
    const report = await verify(chainWith(batch), forged);
    expect(report.status).to.equal("INVALID");
    expect(failures(report)).to.include.members(["SIGNATURE:SIGNATURE_SIGNER_MISMATCH", "ANCHOR:ANCHOR_COUNT_MISMATCH"]);
    // And the leaf a verifier recomputes is keccak(keccak(18-byte tag ‖ digest)): a 50-byte inner preimage can never
    // equal an inner node's 64-byte one, so the content of a credential cannot be made to hash to `inner`.
    expect(check(report, "INTEGRITY")?.code).to.not.equal("OK");
  });

  it("an empty proof fails for a batch of more than one credential", async () => {
    const forged = clone(batch.credentials[1]!) as Credential;
    forged.proof.merkleProof = [];
    const report = await verify(chainWith(batch), forged);
    expect(report.status).to.equal("INVALID");
    expect(check(report, "INTEGRITY")?.code).to.equal("INTEGRITY_PROOF_SHAPE");
  });

  it("a truncated proof (last sibling dropped) and an extended one (a sibling repeated) fail", async () => {
    for (const mutate of [(p: string[]) => p.slice(0, -1), (p: string[]) => [...p, p[p.length - 1]!]]) {
      const forged = clone(batch.credentials[2]!) as Credential;
      forged.proof.merkleProof = mutate(forged.proof.merkleProof);
      const report = await verify(chainWith(batch), forged);
      expect(report.status).to.equal("INVALID");
      expect(check(report, "INTEGRITY")?.code).to.equal("INTEGRITY_PROOF_SHAPE");
    }
  });

  it("a proof reused with another leaf (another credential's content under this proof) fails", async () => {
    const other = await issueBatch({ count: 4 });
    // Content of a credential of another batch, carrying the proof (root, index, siblings, signature) of this one.
    const forged = clone(other.credentials[0]!) as Credential;
    forged.proof = clone(batch.credentials[0]!.proof);
    const report = await verify(chainWith(batch), forged);
    expect(report.status).to.equal("INVALID");
    expect(check(report, "INTEGRITY")?.status).to.equal("INVALID");
  });

  it("a proof reused at another index fails whenever the index changes the proof's side or length", async () => {
    const odd = await issueBatch({ count: 5 });
    const chain = chainWith(odd);
    for (const [from, to] of [[0, 1], [1, 0], [2, 3], [0, 4], [4, 0], [0, 5]] as const) {
      const forged = clone(odd.credentials.find((c) => c.proof.leafIndex === from)!) as Credential;
      forged.proof.leafIndex = to;
      const report = await verify(chain, forged);
      expect(report.status, `${from} → ${to}`).to.equal("INVALID");
      expect(check(report, "INTEGRITY")?.code, `${from} → ${to}`).to.be.oneOf(["INTEGRITY_PROOF_SHAPE", "INTEGRITY_ROOT_MISMATCH", "FORMAT_SCHEMA"]);
    }
  });

  it("a batch with duplicate leaves is refused at issuance (same content, same salts)", () => {
    const same = buildCredential(record(1), { id: HARBOUR_KEY.address, chainId: 31337, ...HARBOUR }, { id: "urn:uuid:5b0e9a4e-1b7e-4c49-9f37-2b1c1e8e3c11" });
    const constant = (length: number) => new Uint8Array(length).fill(7);
    expect(() => wrapBatch([same, same], { chainId: 31337, anchor: ANCHOR, issuer: HARBOUR_KEY.address, signer: HARBOUR_KEY.address }, { randomBytes: constant }))
      .to.throw()
      .with.property("code", "MERKLE_DUPLICATE_LEAF");
  });

  it("a credential claiming a batch above the maximum size is rejected by the verifier", async () => {
    const forged = clone(batch.credentials[0]!) as Credential;
    forged.proof.batchSize = MAX_BATCH_SIZE + 1;
    const report = await verify(chainWith(batch), forged);
    expect(report.status).to.equal("INVALID");
    expect(check(report, "FORMAT")?.code).to.equal("FORMAT_SCHEMA");
  });
});
