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
  if (!isBytes32Hex(root) || !isBytes32Hex(leaf) || !proof.every((node) => isBytes32Hex(node))) return false;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) return false;
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= batchSize) return false;
  if (proof.length !== expectedProofLength(leafIndex, batchSize)) return false;
  // Leaves are sorted, so a leaf's sibling must lie on the side its index says: the one place the commutative
  // hash lets a verifier check the index at all (higher layers hold hashes in no particular order).
  const sibling = proof[0];
  if ((leafIndex ^ 1) < batchSize && sibling !== undefined && (leafIndex % 2 === 0) !== leaf < sibling) return false;
  if (pairMemo !== undefined) return foldWithMemo(pairMemo, root, leaf, proof, leafIndex, batchSize);
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
 * distinct pairs but 1.7 million pair hashes to check). `withMerklePairMemo` lets `verifyMerkleProof` remember
 * parent = hash(pair) for the duration of a synchronous call: a cache of a pure function, so every result is the
 * one full folding gives (a wrong sibling anywhere still yields another parent and fails).
 */
let pairMemo: Map<string, string> | undefined;
const MAX_MEMO_PAIRS = 1 << 20;

export function withMerklePairMemo<T>(memo: Map<string, string> | undefined, run: () => T): T {
  const previous = pairMemo;
  pairMemo = memo;
  try {
    return run();
  } finally {
    pairMemo = previous;
  }
}

function foldWithMemo(memo: Map<string, string>, root: string, leaf: string, proof: readonly string[], leafIndex: number, batchSize: number): boolean {
  const pair = new Uint8Array(64);
  let node = leaf;
  let step = 0;
  for (let index = leafIndex, size = batchSize; size > 1; index >>>= 1, size = (size + 1) >>> 1) {
    if ((index ^ 1) >= size) continue;
    const sibling = proof[step++] as string;
    // Lowercase hex of equal length orders exactly like the bytes.
    const [low, high] = node <= sibling ? [node, sibling] : [sibling, node];
    const key = low + high;
    let parent = memo.get(key);
    if (parent === undefined) {
      writeBytes32Hex(low, pair, 0);
      writeBytes32Hex(high, pair, 32);
      parent = bytesToHex(keccak256(pair));
      if (memo.size < MAX_MEMO_PAIRS) memo.set(key, parent);
    }
    node = parent;
  }
  return node === root;
}
