import { expect } from "chai";
import { buildCredential } from "../../core/src/buildCredential";
import { Credential } from "../../core/src/Credential";
import { digestCredential } from "../../core/src/digestCredential";
import { BaseError, MerkleTreeError } from "../../core/src/errors";
import { verifyMerkleProof } from "../../core/src/merkle";
import { wrapBatch } from "../../core/src/wrapBatch";
import { ISSUER, RECORD } from "./helpers/records";
import { seededRandom } from "./helpers/seededRandom";

const CONTEXT = { chainId: 31337, anchor: "0x5fbdb2315678afecb367f032d93f642f64180aa3", issuer: ISSUER.id, signer: ISSUER.id };
const unsigned = (count: number) =>
  Array.from({ length: count }, (_, i) => buildCredential({ ...RECORD, studentId: `HU${i}` }, ISSUER, { id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, "0")}` }));

describe("wrapBatch", () => {
  it("salts, digests and proves every credential, in input order", () => {
    const input = unsigned(5);
    const batch = wrapBatch(input, CONTEXT);
    expect(batch.count).to.equal(5);
    expect(batch.typedData.message).to.deep.equal({ issuer: ISSUER.id, root: batch.root, count: 5 });
    expect(batch.typedData.domain.verifyingContract).to.equal("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    batch.credentials.forEach((credential, i) => {
      expect(credential.id).to.equal(input[i]?.id);
      expect(credential.proof.signature).to.equal("0x");
      const { leaf } = digestCredential(credential);
      expect(leaf).to.equal(batch.leaves[i]);
      const { merkleRoot, merkleProof, leafIndex, batchSize } = credential.proof;
      expect(verifyMerkleProof({ root: merkleRoot, leaf, proof: merkleProof, leafIndex, batchSize })).to.equal(true);
      // Schema-valid already: the placeholder signature "0x" is for SIGNATURE to refuse until signBatch adds one.
      expect(Credential.safeParse(credential).error?.issues).to.equal(undefined);
    });
    expect(new Set(batch.credentials.map((c) => c.proof.leafIndex)).size).to.equal(5);
  });

  it("draws fresh salts, so the same content gets a new leaf, and is reproducible with a seeded source", () => {
    const [one] = unsigned(1);
    const a = wrapBatch([one!], CONTEXT);
    const b = wrapBatch([one!], CONTEXT);
    expect(a.root).not.to.equal(b.root);
    const seeded = () => wrapBatch([one!], CONTEXT, { randomBytes: seededRandom("s") });
    expect(seeded().root).to.equal(seeded().root);
    expect(seeded().root).to.equal(seeded().leaves[0]);
  });

  it("rejects duplicate leaves, empty batches and another issuer's credentials", () => {
    const [one] = unsigned(1);
    const constant = (n: number) => new Uint8Array(n).fill(7);
    expect(() => wrapBatch([one!, one!], CONTEXT, { randomBytes: constant })).to.throw(MerkleTreeError).with.property("code", "MERKLE_DUPLICATE_LEAF");
    expect(() => wrapBatch([], CONTEXT)).to.throw(MerkleTreeError).with.property("code", "MERKLE_EMPTY");
    expect(() => wrapBatch([one!], { ...CONTEXT, issuer: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" }))
      .to.throw(BaseError).with.property("code", "WRAP_ISSUER_MISMATCH");
  });
});
