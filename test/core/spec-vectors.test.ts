import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { recoverBatchSigner } from "../../core/src/batchTypedData";
import { buildBatchManifest } from "../../core/src/buildBatchManifest";
import { buildMerkleTree } from "../../core/src/buildMerkleTree";
import { canonicalize } from "../../core/src/canonicalize";
import { contentId } from "../../core/src/contentId";
import { digestCredential } from "../../core/src/digestCredential";
import { hashClaim } from "../../core/src/hashClaim";
import { bytesToHex } from "../../core/src/hex";
import { verifyMerkleProof } from "../../core/src/merkle";
import { GradingScale, gradingScaleCid } from "../../core/src/kinds/GradingScale";
import { kindOf } from "../../core/src/kinds/kindOf";
import { parseAnyCredential } from "../../core/src/kinds/parseAnyCredential";
import { parseCredential } from "../../core/src/parseCredential";
import { computeSpecVectors } from "./helpers/specVectors";

/**
 * SPEC §9 vectors. The fixture is the published contract: it is only regenerated on purpose
 * (`npx tsx -e 'require("./test/core/helpers/specVectors").computeSpecVectors().then(v => require("fs").writeFileSync("test/core/fixtures/spec-vectors.json", JSON.stringify(v, null, 2) + "\n"))'`)
 * and this test fails whenever the implementation drifts from it.
 */
const fixture = JSON.parse(readFileSync(join(__dirname, "fixtures", "spec-vectors.json"), "utf8")) as Awaited<ReturnType<typeof computeSpecVectors>>;

describe("SPEC §9 test vectors", function () {
  this.timeout(30_000);

  it("recomputes every vector from its inputs", async () => {
    expect(JSON.parse(JSON.stringify(await computeSpecVectors()))).to.deep.equal(fixture);
  });

  it("claimHash", () => {
    const { pointer, salt, value, claimHash } = fixture.claimHash;
    expect(bytesToHex(hashClaim(pointer, salt, value))).to.equal(claimHash);
  });

  it("credential digest and leaf from the published JSON text", () => {
    const credential = parseCredential(JSON.stringify(fixture.credential.json));
    expect(digestCredential(credential)).to.deep.equal({ digest: fixture.credential.digest, leaf: fixture.credential.leaf, claimCount: 26 });
    expect(credential.proof.merkleRoot).to.equal(fixture.credential.leaf);
    expect(recoverBatchSigner(credential.proof)).to.equal(fixture.eip712.signer);
  });

  it("a postgraduate credential: no honours claim, digest and leaf from the published JSON text, FORMAT accepts it", () => {
    const credential = parseCredential(JSON.stringify(fixture.postgraduate.json));
    expect(credential.credentialSubject).not.to.have.property("honours");
    expect(Object.keys(credential.proof.salts).filter((pointer) => pointer.includes("honours"))).to.deep.equal([]);
    const { digest, leaf, claimCount } = fixture.postgraduate;
    expect(digestCredential(credential)).to.deep.equal({ digest, leaf, claimCount: 21 });
    expect(claimCount).to.equal(21);
    expect(credential.proof.merkleRoot).to.equal(leaf);
  });

  it("a grading scale: its published text is C(scale) and its CID is the one the transcript names (SPEC §12.2)", () => {
    const { json, text, cid } = fixture.gradingScale;
    const scale = GradingScale.parse(JSON.parse(text));
    expect(canonicalize(scale)).to.equal(text);
    expect(scale).to.deep.equal(json);
    expect(gradingScaleCid(scale)).to.equal(cid);
    expect(contentId(new TextEncoder().encode(text))).to.equal(cid);
    expect(fixture.transcript.json.credentialSubject.gradingScale).to.deep.equal({ id: scale.id, cid });
  });

  it("a transcript and a letter: their kind, digest and leaf from the published JSON text (SPEC §12)", () => {
    for (const [name, kind] of [["transcript", "transcript"], ["letter", "letter"]] as const) {
      const credential = parseAnyCredential(JSON.stringify(fixture[name].json));
      expect(kindOf(credential)).to.equal(kind);
      const { digest, leaf, claimCount } = fixture[name];
      expect(digestCredential(credential)).to.deep.equal({ digest, leaf, claimCount });
      expect(credential.proof.merkleRoot).to.equal(leaf);
      expect(recoverBatchSigner(credential.proof)).to.equal(fixture.eip712.signer);
    }
    expect(fixture.transcript.claimCount).to.equal(104);
    expect(fixture.letter.claimCount).to.equal(27);
  });

  it("3- and 5-leaf trees", () => {
    for (const tree of [fixture.tree3, fixture.tree5]) {
      tree.leaves.forEach((leaf, leafIndex) => {
        const proof = tree.proofs[leafIndex] as string[];
        expect(verifyMerkleProof({ root: tree.root, leaf, proof, leafIndex, batchSize: tree.leaves.length })).to.equal(true);
      });
    }
  });

  it("EIP-712 batch signature", () => {
    const { domain, message, signature, signer } = fixture.eip712;
    expect(
      recoverBatchSigner({ chainId: domain.chainId, anchor: domain.verifyingContract, issuer: message.issuer, merkleRoot: message.root, batchSize: message.count, signature }),
    ).to.equal(signer);
  });

  it("batch manifest: RFC 8785 text of its fields, leaves ascending, its CID", () => {
    const { input, text, cid } = fixture.batchManifest;
    expect(canonicalize(JSON.parse(text))).to.equal(text);
    expect(JSON.parse(text)).to.deep.equal({
      type: "CredAnchorBatchManifest",
      version: 2,
      chainId: input.chainId,
      anchor: input.anchor,
      issuer: input.issuer,
      signer: input.signer,
      root: input.root,
      count: input.leaves.length,
      leaves: [...input.leaves].sort(),
    });
    expect(buildMerkleTree(input.leaves as `0x${string}`[]).root).to.equal(input.root);
    const bytes = buildBatchManifest(input);
    expect(new TextDecoder().decode(bytes)).to.equal(text);
    expect(contentId(bytes)).to.equal(cid);
  });
});
