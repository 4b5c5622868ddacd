import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import { concat, keccak256 as ethersKeccak } from "ethers";
import fc from "fast-check";
import { MerkleTreeError } from "../../core/src/errors";
import { bytesToHex, type Hex } from "../../core/src/hex";
import { keccak256 } from "../../core/src/keccak256";
import { buildMerkleLayers, buildMerkleTree, hexLayers, proofFromHexLayers, proofFromLayers } from "../../core/src/buildMerkleTree";
import { MAX_BATCH_SIZE, createMerklePairMemo, expectedProofLength, verifyMerkleProof, withMerklePairMemo, type MerklePairMemo } from "../../core/src/merkle";

const leafOf = (n: number): Hex => bytesToHex(keccak256(new TextEncoder().encode(`leaf ${n}`)));
const leavesOf = (count: number, offset = 0): Hex[] => Array.from({ length: count }, (_, i) => leafOf(i + offset));
const pair = (a: string, b: string) => ethersKeccak(concat(a < b ? [a, b] : [b, a]));

/** Reference of SPEC §6 written independently of core/merkle.ts. */
function referenceRoot(leaves: Hex[]): string {
  let layer: string[] = [...leaves].sort();
  while (layer.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < layer.length; i += 2) next.push(i + 1 < layer.length ? pair(layer[i] as string, layer[i + 1] as string) : (layer[i] as string));
    layer = next;
  }
  return layer[0] as string;
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).to.be.instanceOf(MerkleTreeError);
    return (error as MerkleTreeError).code;
  }
}

const flip = (hex: string, at: number): string => {
  const position = 2 + (at % 64);
  const digit = ((parseInt(hex[position] as string, 16) + 1) % 16).toString(16);
  return hex.slice(0, position) + digit + hex.slice(position + 1);
};

describe("merkle", function () {
  // Property runs hash thousands of nodes with the pure-JS keccak; a loaded CI machine needs more than 2 s.
  this.timeout(60_000);

  it("carries an odd node up unchanged (3 and 5 leaves), never duplicating it", () => {
    for (const count of [1, 2, 3, 5, 6, 7, 9]) {
      const leaves = leavesOf(count);
      expect(buildMerkleTree(leaves).root, `${count}`).to.equal(referenceRoot(leaves));
    }
    const [a, b, c] = [...leavesOf(3)].sort() as [Hex, Hex, Hex];
    expect(buildMerkleTree([c, a, b]).root).to.equal(pair(pair(a, b), c));
    // With duplicateOdd, [a, b, c] and [a, b, c, c] would share a root; here they cannot even be built.
    expect(buildMerkleTree([a, b, c]).root).not.to.equal(pair(pair(a, b), pair(c, c)));
    expect(codeOf(() => buildMerkleTree([a, b, c, c]))).to.equal("MERKLE_DUPLICATE_LEAF");
  });

  it("uses OpenZeppelin's commutative node hash", () => {
    // OpenZeppelin's own tree hashes leaves itself; its processProof over our leaves must give our root for two leaves.
    const [a, b] = leavesOf(2) as [Hex, Hex];
    const oz = StandardMerkleTree.of([[a], [b]], ["bytes32"]);
    const ozLeaf = oz.leafHash([a]);
    const ozProof = oz.getProof([a]);
    expect(pair(ozLeaf, ozProof[0] as string)).to.equal(oz.root);
    expect(buildMerkleTree([a, b]).root).to.equal(pair(a, b));
  });

  it("refuses empty, oversized, duplicate and malformed batches", () => {
    expect(codeOf(() => buildMerkleTree([]))).to.equal("MERKLE_EMPTY");
    expect(codeOf(() => buildMerkleTree(new Array<Hex>(MAX_BATCH_SIZE + 1).fill(leafOf(0))))).to.equal("MERKLE_TOO_LARGE");
    expect(codeOf(() => buildMerkleTree([leafOf(0), leafOf(1), leafOf(0)]))).to.equal("MERKLE_DUPLICATE_LEAF");
    expect(codeOf(() => buildMerkleTree([leafOf(0).toUpperCase().replace("0X", "0x") as Hex]))).to.equal("MERKLE_INVALID_LEAF");
    expect(codeOf(() => buildMerkleTree(leavesOf(3)).proof(3))).to.equal("MERKLE_INDEX_OUT_OF_RANGE");
  });

  it("sorts leaves and finds them", () => {
    const leaves = leavesOf(10);
    const tree = buildMerkleTree(leaves);
    expect(tree.leaves).to.deep.equal([...leaves].sort());
    for (const leaf of leaves) expect(tree.leaves[tree.indexOf(leaf)]).to.equal(leaf);
    expect(tree.indexOf(leafOf(99))).to.equal(-1);
  });

  it("computes expected proof lengths", () => {
    expect(expectedProofLength(0, 1)).to.equal(0);
    expect([0, 1, 2].map((i) => expectedProofLength(i, 3))).to.deep.equal([2, 2, 1]);
    expect([0, 1, 2, 3, 4].map((i) => expectedProofLength(i, 5))).to.deep.equal([3, 3, 3, 3, 1]);
    expect(expectedProofLength(MAX_BATCH_SIZE - 1, MAX_BATCH_SIZE)).to.equal(18);
    expect(codeOf(() => expectedProofLength(1, 1))).to.equal("MERKLE_INDEX_OUT_OF_RANGE");
  });

  it("guards the pitfalls: empty proof for leaf == root, inner node as leaf, index out of range", () => {
    const tree = buildMerkleTree(leavesOf(4));
    expect(verifyMerkleProof({ root: tree.root, leaf: tree.root, proof: [], leafIndex: 0, batchSize: 4 })).to.equal(false);
    expect(verifyMerkleProof({ root: tree.root, leaf: tree.root, proof: [], leafIndex: 0, batchSize: 1 })).to.equal(true);
    const inner = pair(tree.leaves[0] as string, tree.leaves[1] as string);
    const innerProof = [tree.proof(0)[1] as string];
    expect(verifyMerkleProof({ root: tree.root, leaf: inner, proof: innerProof, leafIndex: 0, batchSize: 4 })).to.equal(false);
    expect(verifyMerkleProof({ root: tree.root, leaf: inner, proof: innerProof, leafIndex: 0, batchSize: 2 })).to.equal(true);
    expect(verifyMerkleProof({ root: tree.root, leaf: tree.leaves[0] as string, proof: tree.proof(0), leafIndex: 4, batchSize: 4 })).to.equal(false);
    expect(verifyMerkleProof({ root: tree.root, leaf: "0x00", proof: tree.proof(0), leafIndex: 0, batchSize: 4 })).to.equal(false);
  });

  it("property: every proof of a random batch verifies and any mutation breaks it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.nat(),
        fc.nat(),
        (count, offset, pick, at) => {
          const leaves = leavesOf(count, offset);
          const tree = buildMerkleTree(leaves);
          expect(tree.root).to.equal(referenceRoot(leaves));
          const leafIndex = pick % count;
          const leaf = tree.leaves[leafIndex] as string;
          const proof = tree.proof(leafIndex);
          const input = { root: tree.root, leaf, proof, leafIndex, batchSize: count };
          expect(proof).to.have.length(expectedProofLength(leafIndex, count));
          expect(verifyMerkleProof(input)).to.equal(true);
          expect(verifyMerkleProof({ ...input, root: flip(tree.root, at) })).to.equal(false);
          expect(verifyMerkleProof({ ...input, leaf: flip(leaf, at) })).to.equal(false);
          if (proof.length > 0) {
            const mutated: string[] = [...proof];
            const position = at % proof.length;
            mutated[position] = flip(mutated[position] as string, at);
            expect(verifyMerkleProof({ ...input, proof: mutated })).to.equal(false);
            expect(verifyMerkleProof({ ...input, proof: proof.slice(1) })).to.equal(false);
          }
          expect(verifyMerkleProof({ ...input, proof: [...proof, leaf] })).to.equal(false);
          // leafIndex is bound by proof length and leaf-layer order only (the hash is commutative, as on chain):
          // an index that changes either must fail.
          const other = (leafIndex + 1 + (at % count)) % count;
          if (other !== leafIndex && (expectedProofLength(other, count) !== proof.length || other % 2 !== leafIndex % 2)) {
            expect(verifyMerkleProof({ ...input, leafIndex: other })).to.equal(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("builds the largest batch", () => {
    const tree = buildMerkleTree(leavesOf(MAX_BATCH_SIZE));
    const last = MAX_BATCH_SIZE - 1;
    expect(verifyMerkleProof({ root: tree.root, leaf: tree.leaves[last] as string, proof: tree.proof(last), leafIndex: last, batchSize: MAX_BATCH_SIZE })).to.equal(true);
  });
});

describe("merkle layers", () => {
  it("proofFromLayers, proofFromHexLayers and buildMerkleTree agree for every leaf", () => {
    for (const count of [1, 2, 3, 5, 8, 13, 33]) {
      const tree = buildMerkleTree(leavesOf(count, 1000));
      const flat = new Uint8Array(32 * count);
      tree.leaves.forEach((leaf, i) => flat.set(Buffer.from(leaf.slice(2), "hex"), 32 * i));
      const layers = buildMerkleLayers(flat);
      const hex = hexLayers(layers);
      expect(hex[hex.length - 1]).to.deep.equal([tree.root]);
      for (let i = 0; i < count; i++) {
        expect(proofFromLayers(layers, i)).to.deep.equal(tree.proof(i));
        expect(proofFromHexLayers(hex, i)).to.deep.equal(tree.proof(i));
        expect(verifyMerkleProof({ root: tree.root, leaf: tree.leaves[i] as string, proof: tree.proof(i), leafIndex: i, batchSize: count })).to.equal(true);
      }
    }
  });
});

describe("merkle pair memo (bulk verification)", () => {
  const count = 37;
  const tree = buildMerkleTree(leavesOf(count, 5000));
  const inputOf = (leafIndex: number) => ({ root: tree.root, leaf: tree.leaves[leafIndex] as string, proof: tree.proof(leafIndex), leafIndex, batchSize: count });
  /** A memo that has already seen every genuine proof of the batch, so every upper pair is remembered. */
  function warmMemo(): MerklePairMemo {
    const memo = createMerklePairMemo();
    withMerklePairMemo(memo, () => {
      for (let i = 0; i < count; i++) expect(verifyMerkleProof(inputOf(i)), `leaf ${i}`).to.equal(true);
    });
    return memo;
  }

  it("answers every genuine proof again from the memo, as the full fold does", () => {
    const plain = Array.from({ length: count }, (_, i) => verifyMerkleProof(inputOf(i)));
    expect(plain.every(Boolean)).to.equal(true);
    const memo = warmMemo();
    const slots = memo.pairs;
    expect(slots).to.equal(count - 1); // one remembered pair per inner node of a 37-leaf tree
    expect(withMerklePairMemo(memo, () => Array.from({ length: count }, (_, i) => verifyMerkleProof(inputOf(i))))).to.deep.equal(plain);
    expect(memo.pairs).to.equal(slots);
    // The memo is really consulted: a remembered parent, once falsified, is what the fold carries up.
    for (const pairs of memo.batches.values()) for (const pair of pairs.values()) pair.parent = flip(pair.parent, 1);
    expect(withMerklePairMemo(memo, () => verifyMerkleProof(inputOf(0)))).to.equal(false);
  });

  it("fails a wrong sibling at a remembered upper level, a swapped proof and a wrong leaf index", () => {
    const memo = warmMemo();
    withMerklePairMemo(memo, () => {
      for (let i = 0; i < count; i++) {
        const input = inputOf(i);
        const { proof } = input;
        for (let level = 0; level < proof.length; level++) {
          const wrong: string[] = [...proof];
          wrong[level] = flip(proof[level] as string, level + i);
          expect(verifyMerkleProof({ ...input, proof: wrong }), `leaf ${i} level ${level}`).to.equal(false);
          // Another genuine node of the tree in that place: a remembered pair, but not this path's.
          const borrowed = [...proof];
          borrowed[level] = inputOf((i + 8) % count).proof[level] ?? tree.root;
          if (borrowed[level] !== proof[level]) expect(verifyMerkleProof({ ...input, proof: borrowed }), `borrowed ${i} ${level}`).to.equal(false);
        }
        if (proof.length > 1) {
          const swapped = [proof[1], proof[0], ...proof.slice(2)] as string[];
          expect(verifyMerkleProof({ ...input, proof: swapped }), `swapped ${i}`).to.equal(false);
        }
        for (let other = 0; other < count; other++) {
          // The index is bound only as far as the proof length and the leaf-layer order go (see verifyMerkleProof).
          const bound = expectedProofLength(other, count) !== proof.length || other % 2 !== i % 2;
          if (other !== i && bound) expect(verifyMerkleProof({ ...input, leafIndex: other }), `index ${other} for ${i}`).to.equal(false);
        }
        expect(verifyMerkleProof({ ...input, root: flip(tree.root, i) })).to.equal(false);
        expect(verifyMerkleProof({ ...input, proof: [...proof.slice(0, -1), "0xZZ"] })).to.equal(false);
      }
    });
  });

  it("stays exact when a forged proof was remembered first, and across batches sharing positions", () => {
    const memo = createMerklePairMemo();
    const other = buildMerkleTree(leavesOf(count, 9000));
    withMerklePairMemo(memo, () => {
      const input = inputOf(4);
      const forged: string[] = [...input.proof];
      forged[2] = flip(forged[2] as string, 3);
      expect(verifyMerkleProof({ ...input, proof: forged })).to.equal(false);
      expect(verifyMerkleProof(input)).to.equal(true);
      expect(verifyMerkleProof({ ...input, proof: forged })).to.equal(false);
      for (let i = 0; i < count; i++) {
        const mine = inputOf(i);
        const theirs = { root: other.root, leaf: other.leaves[i] as string, proof: other.proof(i), leafIndex: i, batchSize: count };
        expect(verifyMerkleProof(mine)).to.equal(true);
        expect(verifyMerkleProof(theirs)).to.equal(true);
        expect(verifyMerkleProof({ ...theirs, root: tree.root })).to.equal(false);
        expect(verifyMerkleProof({ ...mine, proof: theirs.proof })).to.equal(false);
      }
    });
    expect(memo.batches.size).to.equal(2);
  });

  it("property: with a warm memo, any mutated proof of a random batch fails exactly as without it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 70 }), fc.nat(), fc.nat(), fc.nat(), (size, pick, position, at) => {
        const batch = buildMerkleTree(leavesOf(size, 20_000 + size));
        const memo = createMerklePairMemo();
        const input = (i: number) => ({ root: batch.root, leaf: batch.leaves[i] as string, proof: batch.proof(i), leafIndex: i, batchSize: size });
        const leafIndex = pick % size;
        const genuine = input(leafIndex);
        const mutated: string[] = [...genuine.proof];
        if (mutated.length > 0) mutated[position % mutated.length] = flip(mutated[position % mutated.length] as string, at);
        const cases = [genuine, { ...genuine, proof: mutated }, { ...genuine, leafIndex: (leafIndex + 1 + (at % size)) % size }, { ...genuine, proof: [...genuine.proof].reverse() }];
        const plain = cases.map((c) => verifyMerkleProof(c));
        withMerklePairMemo(memo, () => {
          for (let i = 0; i < size; i++) verifyMerkleProof(input(i));
          expect(cases.map((c) => verifyMerkleProof(c))).to.deep.equal(plain);
        });
      }),
      { numRuns: 150 },
    );
  });
});
