import { isBytes32Hex, writeBytes32Hex } from "./bytes32";
import { MerkleTreeError } from "./errors";
import { bytesToHex } from "./hex";
import { keccak256 } from "./keccak256";

/** Largest batch (2^18), as CredentialAnchor.MAX_BATCH_SIZE; a proof is then at most 18 hashes. */
export const MAX_BATCH_SIZE = 262_144;

/**
 * The leaves of a batch in tree order (ascending), after refusing what no batch may hold: no leaf, more than
 * MAX_BATCH_SIZE, a leaf that is not 32 bytes of lowercase hex, or the same leaf twice (SPEC §6). The tree and the
 * manifest both start from this list.
 */
export function sortBatchLeaves(leaves: readonly string[]): string[] {
  if (leaves.length === 0) throw new MerkleTreeError("A batch needs at least one credential.", { code: "MERKLE_EMPTY" });
  if (leaves.length > MAX_BATCH_SIZE) {
    throw new MerkleTreeError(`A batch holds at most ${MAX_BATCH_SIZE} credentials.`, {
      code: "MERKLE_TOO_LARGE",
      details: { count: leaves.length, maximum: MAX_BATCH_SIZE },
    });
  }
  for (const leaf of leaves) {
    if (!isBytes32Hex(leaf)) throw new MerkleTreeError("A leaf is not 32 bytes of lowercase hex.", { code: "MERKLE_INVALID_LEAF", details: { leaf } });
  }
  // Lowercase hex of equal length sorts exactly like the bytes it encodes.
  const sorted = [...leaves].sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) {
      throw new MerkleTreeError("Two credentials have the same leaf.", { code: "MERKLE_DUPLICATE_LEAF", details: { leaf: sorted[i] } });
    }
  }
  return sorted;
}

/** Whether the 32 bytes of `buffer` at `a` sort after those at `b` (unsigned big-endian). */
function greaterAt(buffer: Uint8Array, a: number, b: number): boolean {
  for (let i = 0; i < 32; i++) {
    const d = (buffer[a + i] as number) - (buffer[b + i] as number);
    if (d !== 0) return d > 0;
  }
  return false;
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
  if (!isBytes32Hex(root) || !isBytes32Hex(leaf)) return false;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) return false;
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= batchSize) return false;
  if (proof.length !== expectedProofLength(leafIndex, batchSize)) return false;
  // Leaves are sorted, so a leaf's sibling must lie on the side its index says: the one place the commutative
  // hash lets a verifier check the index at all (higher layers hold hashes in no particular order).
  const sibling = proof[0];
  if ((leafIndex ^ 1) < batchSize && sibling !== undefined && (leafIndex % 2 === 0) !== leaf < sibling) return false;
  if (pairMemo !== undefined) return foldWithMemo(pairMemo, root, leaf, proof, leafIndex, batchSize);
  if (!proof.every((node) => isBytes32Hex(node))) return false;
  // node at 0…31, sibling at 32…63 of one buffer; the pair is hashed in sorted order from `pair`.
  const work = new Uint8Array(64);
  const pair = new Uint8Array(64);
  writeBytes32Hex(leaf, work, 0);
  let step = 0;
  for (let index = leafIndex, size = batchSize; size > 1; index >>>= 1, size = (size + 1) >>> 1) {
    if ((index ^ 1) >= size) continue;
    writeBytes32Hex(proof[step++] as string, work, 32);
    if (greaterAt(work, 0, 32)) {
      pair.set(work.subarray(32, 64), 0);
      pair.set(work.subarray(0, 32), 32);
      work.set(keccak256(pair), 0);
    } else {
      work.set(keccak256(work), 0);
    }
  }
  writeBytes32Hex(root, work, 32);
  return !greaterAt(work, 0, 32) && !greaterAt(work, 32, 0);
}

/**
 * Bulk verification of one batch folds the same upper nodes again and again (a 100,000-leaf batch has 100,000
 * distinct pairs but 1.7 million pair hashes to check). A memo remembers, per batch root and tree position, the last
 * pair hashed there and its parent: a later proof through that position whose pair is the same two nodes (compared as
 * text) takes the parent without hashing. Keyed by position rather than by the pair's text, a look-up hashes no string
 * and builds none. It is a cache of a pure function, checked by content, so every result is the one full folding gives
 * (a wrong sibling anywhere is another pair: it is hashed, and fails). `withMerklePairMemo` lets `verifyMerkleProof`
 * use one for the duration of a synchronous call.
 */
export interface MerklePairMemo {
  /** By root: the remembered pair by slot (position in its layer, then layer; see foldWithMemo). */
  batches: Map<string, Map<number, MemoisedPair>>;
  /** Slots held across all roots, bounded so that hostile input cannot grow the memo without limit. */
  pairs: number;
}

interface MemoisedPair {
  low: string;
  high: string;
  parent: string;
}

export function createMerklePairMemo(): MerklePairMemo {
  return { batches: new Map(), pairs: 0 };
}

let pairMemo: MerklePairMemo | undefined;
const MAX_MEMO_PAIRS = 1 << 20;
/** A layer number fits in 5 bits (a proof has at most 18 levels), the pair's position above it (< 2^17). */
const LAYER_BITS = 5;
/** The pair being hashed; verification is synchronous, so one buffer serves every call. */
const pairBytes = new Uint8Array(64);

export function withMerklePairMemo<T>(memo: MerklePairMemo | undefined, run: () => T): T {
  const previous = pairMemo;
  pairMemo = memo;
  try {
    return run();
  } finally {
    pairMemo = previous;
  }
}

/**
 * The fold of verifyMerkleProof through the memo. Proof nodes are checked as they are met: a node equal to a
 * remembered one was checked when it was remembered, so only pairs hashed here are checked (each proof node is met
 * once, as the length was checked before).
 */
function foldWithMemo(memo: MerklePairMemo, root: string, leaf: string, proof: readonly string[], leafIndex: number, batchSize: number): boolean {
  let slots = memo.batches.get(root);
  if (slots === undefined) {
    slots = new Map();
    memo.batches.set(root, slots);
  }
  let node = leaf;
  let step = 0;
  let layer = 0;
  for (let index = leafIndex, size = batchSize; size > 1; index >>>= 1, size = (size + 1) >>> 1, layer++) {
    if ((index ^ 1) >= size) continue;
    const sibling = proof[step++] as string;
    // Lowercase hex of equal length orders exactly like the bytes.
    const nodeIsLow = node <= sibling;
    const low = nodeIsLow ? node : sibling;
    const high = nodeIsLow ? sibling : node;
    const slot = ((index >>> 1) << LAYER_BITS) | layer;
    const known = slots.get(slot);
    if (known !== undefined && known.low === low && known.high === high) {
      node = known.parent;
      continue;
    }
    if (!isBytes32Hex(sibling)) return false;
    writeBytes32Hex(low, pairBytes, 0);
    writeBytes32Hex(high, pairBytes, 32);
    const parent = bytesToHex(keccak256(pairBytes));
    if (known !== undefined) {
      known.low = low;
      known.high = high;
      known.parent = parent;
    } else if (memo.pairs < MAX_MEMO_PAIRS) {
      slots.set(slot, { low, high, parent });
      memo.pairs++;
    }
    node = parent;
  }
  return node === root;
}
