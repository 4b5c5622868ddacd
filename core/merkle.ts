import { MerkleTree } from "merkletreejs";
import { MerkleTreeError } from "./errors";
import { bytesToHex, compareBytes, concatBytes, hexToBytes, type Hex } from "./hex";
import { keccak256 } from "./keccak256";

/** Largest batch (2^18), as CredentialAnchor.MAX_BATCH_SIZE; a proof is then at most 18 hashes. */
export const MAX_BATCH_SIZE = 262_144;

const BYTES32 = /^0x[0-9a-f]{64}$/;

export interface MerkleBatchTree {
  root: Hex;
  /** Leaves in ascending order; a leaf's position here is its `leafIndex`. */
  leaves: Hex[];
  /** Sibling hashes of the leaf at `leafIndex`, bottom up (SPEC §6). */
  proof(leafIndex: number): Hex[];
  /** Position of `leaf` in `leaves`, or -1. */
  indexOf(leaf: Hex): number;
}

/** OpenZeppelin's commutative node hash: keccak256(min(a, b) ‖ max(a, b)). */
function hashPair(a: Uint8Array, b: Uint8Array): Uint8Array {
  return keccak256(compareBytes(a, b) <= 0 ? concatBytes(a, b) : concatBytes(b, a));
}

/**
 * The batch tree of SPEC §6, built by merkletreejs with sorted leaves and sorted pairs. Its default (no
 * `duplicateOdd`, no `complete`, no `isBitcoinTree`) carries an odd last node up unchanged, which is what SPEC
 * requires. Empty, oversized and duplicate-leaf batches are refused here because merkletreejs accepts them.
 */
export function buildMerkleTree(leaves: readonly Hex[]): MerkleBatchTree {
  if (leaves.length === 0) throw new MerkleTreeError("A batch needs at least one credential.", { code: "MERKLE_EMPTY" });
  if (leaves.length > MAX_BATCH_SIZE) {
    throw new MerkleTreeError(`A batch holds at most ${MAX_BATCH_SIZE} credentials.`, {
      code: "MERKLE_TOO_LARGE",
      details: { count: leaves.length, maximum: MAX_BATCH_SIZE },
    });
  }
  for (const leaf of leaves) {
    if (!BYTES32.test(leaf)) throw new MerkleTreeError("A leaf is not 32 bytes of lowercase hex.", { code: "MERKLE_INVALID_LEAF", details: { leaf } });
  }
  // Lowercase hex of equal length sorts exactly like the bytes it encodes.
  const sorted = [...leaves].sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) {
      throw new MerkleTreeError("Two credentials have the same leaf.", { code: "MERKLE_DUPLICATE_LEAF", details: { leaf: sorted[i] } });
    }
  }
  const tree = new MerkleTree(sorted.map(hexToBytes), (data: Uint8Array) => keccak256(data), { sortLeaves: true, sortPairs: true });
  const root = bytesToHex(tree.getRoot());

  const indexOf = (leaf: Hex): number => {
    let low = 0;
    let high = sorted.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const probe = sorted[middle] as Hex;
      if (probe === leaf) return middle;
      if (probe < leaf) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  };

  const proof = (leafIndex: number): Hex[] => {
    // merkletreejs answers an unknown index with an empty proof, which would look like a one-leaf batch.
    if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= sorted.length) {
      throw new MerkleTreeError("Leaf index out of range.", { code: "MERKLE_INDEX_OUT_OF_RANGE", details: { leafIndex, batchSize: sorted.length } });
    }
    return tree.getProof(sorted[leafIndex] as string, leafIndex).map((step) => bytesToHex(step.data as Uint8Array));
  };

  return { root, leaves: sorted, proof, indexOf };
}

/** Number of siblings on the path of `leafIndex` in a batch of `batchSize`: layers where the node is not the odd last one. */
export function expectedProofLength(leafIndex: number, batchSize: number): number {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE || !Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= batchSize) {
    throw new MerkleTreeError("Leaf index out of range.", { code: "MERKLE_INDEX_OUT_OF_RANGE", details: { leafIndex, batchSize } });
  }
  let length = 0;
  for (let index = leafIndex, size = batchSize; size > 1; index >>>= 1, size = (size + 1) >>> 1) {
    if ((index ^ 1) < size) length++;
  }
  return length;
}

/**
 * Checks a Merkle proof of SPEC §6 without trusting its shape: the index must lie in the batch and the proof must
 * have exactly the length the position implies, so neither an inner node with a shortened proof nor a lone leaf
 * with an empty proof (leaf == root) passes unless the batch really has one credential. The index is otherwise
 * only bound by the proof length and the leaf-layer order: OpenZeppelin's commutative hash ignores positions. Never
 * throws.
 */
export function verifyMerkleProof(input: { root: string; leaf: string; proof: readonly string[]; leafIndex: number; batchSize: number }): boolean {
  const { root, leaf, proof, leafIndex, batchSize } = input;
  if (!BYTES32.test(root) || !BYTES32.test(leaf) || !proof.every((node) => BYTES32.test(node))) return false;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) return false;
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= batchSize) return false;
  if (proof.length !== expectedProofLength(leafIndex, batchSize)) return false;
  // Leaves are sorted, so a leaf's sibling must lie on the side its index says: the one place the commutative
  // hash lets a verifier check the index at all (higher layers hold hashes in no particular order).
  const sibling = proof[0];
  if ((leafIndex ^ 1) < batchSize && sibling !== undefined && (leafIndex % 2 === 0) !== leaf < sibling) return false;
  let node = hexToBytes(leaf);
  let step = 0;
  for (let index = leafIndex, size = batchSize; size > 1; index >>>= 1, size = (size + 1) >>> 1) {
    if ((index ^ 1) < size) node = hashPair(node, hexToBytes(proof[step++] as string));
  }
  return bytesToHex(node) === root;
}
