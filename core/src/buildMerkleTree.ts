import { MerkleTree } from "merkletreejs";
import { MerkleTreeError } from "./errors";
import { bytesToHex, hexToBytes, type Hex } from "./hex";
import { keccak256 } from "./keccak256";
import { sortBatchLeaves } from "./merkle";

export interface MerkleBatchTree {
  root: Hex;
  /** Leaves in ascending order; a leaf's position here is its `leafIndex`. */
  leaves: Hex[];
  /** Sibling hashes of the leaf at `leafIndex`, bottom up (SPEC §6). */
  proof(leafIndex: number): Hex[];
  /** Position of `leaf` in `leaves`, or -1. */
  indexOf(leaf: Hex): number;
  /** Every layer as flat 32-byte nodes, leaves first and root last (see `buildMerkleLayers`). */
  layers: Uint8Array[];
}

/**
 * Every layer of the SPEC §6 tree over leaves already sorted and deduplicated, leaves first and root last, each layer
 * one flat buffer of 32-byte nodes (cheap to keep for 262,144 leaves and to hand to worker threads as they are).
 *
 * The tree is built by merkletreejs with `sortPairs`, so each node is OpenZeppelin's commutative
 * keccak256(min(a, b) ‖ max(a, b)) and an odd last node is carried up unchanged. Its known pitfalls are kept out by
 * construction: leaves arrive sorted and unique (duplicates would give equal roots for different lists), the
 * `duplicateOdd`, `complete` and `fillDefaultHash` options are never used, and proofs are checked only by our own
 * `verifyMerkleProof`, which refuses an inner node as a leaf (leaves are double-hashed) and an empty proof for a
 * batch of more than one. The independent verifier and the SPEC §9 vectors check every tree this builds.
 */
export function buildMerkleLayers(sortedLeaves: Uint8Array): Uint8Array[] {
  if (sortedLeaves.length === 0 || sortedLeaves.length % 32 !== 0) throw new RangeError("leaves must be a non-empty multiple of 32 bytes");
  const leaves = Array.from({ length: sortedLeaves.length / 32 }, (_, i) => sortedLeaves.subarray(32 * i, 32 * i + 32));
  const tree = new MerkleTree(leaves, (pair: Uint8Array) => keccak256(pair), { sortPairs: true });
  return tree.getLayers().map((layer, depth) => {
    if (depth === 0) return sortedLeaves;
    const flat = new Uint8Array(layer.length * 32);
    layer.forEach((node, i) => flat.set(node, 32 * i));
    return flat;
  });
}

/** Sibling hashes of the leaf at `leafIndex`, bottom up, read from the layers of `buildMerkleLayers`. */
export function proofFromLayers(layers: readonly Uint8Array[], leafIndex: number): Hex[] {
  const proof: Hex[] = [];
  let index = leafIndex;
  for (let k = 0; k < layers.length - 1; k++) {
    const layer = layers[k] as Uint8Array;
    const sibling = index ^ 1;
    if (sibling < layer.length / 32) proof.push(bytesToHex(layer.subarray(32 * sibling, 32 * sibling + 32)));
    index >>>= 1;
  }
  return proof;
}

/** Every node of the layers as hex: an issuer writing all proofs of a batch converts each node once, not once per proof. */
export function hexLayers(layers: readonly Uint8Array[]): Hex[][] {
  return layers.map((layer) => {
    const nodes: Hex[] = new Array(layer.length / 32);
    for (let i = 0; i < nodes.length; i++) nodes[i] = bytesToHex(layer.subarray(32 * i, 32 * i + 32));
    return nodes;
  });
}

/** `proofFromLayers` over the layers of `hexLayers`. */
export function proofFromHexLayers(layers: readonly (readonly Hex[])[], leafIndex: number): Hex[] {
  const proof: Hex[] = [];
  let index = leafIndex;
  for (let k = 0; k < layers.length - 1; k++) {
    const sibling = (layers[k] as readonly Hex[])[index ^ 1];
    if (sibling !== undefined) proof.push(sibling);
    index >>>= 1;
  }
  return proof;
}

/**
 * Position of `leaf` among `sorted` leaves (ascending lowercase hex of equal length, which orders like the bytes),
 * or -1: its `leafIndex`.
 */
export function indexOfSortedLeaf(sorted: readonly string[], leaf: string): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const probe = sorted[middle] as string;
    if (probe === leaf) return middle;
    if (probe < leaf) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * The batch tree of SPEC §6: sorted leaves, sorted pairs, an odd last node carried up unchanged (never duplicated).
 * Empty, oversized and duplicate-leaf batches are refused.
 */
export function buildMerkleTree(leaves: readonly Hex[]): MerkleBatchTree {
  const sorted = sortBatchLeaves(leaves) as Hex[];
  const flat = new Uint8Array(32 * sorted.length);
  for (let i = 0; i < sorted.length; i++) flat.set(hexToBytes(sorted[i] as string), 32 * i);
  const layers = buildMerkleLayers(flat);
  const root = bytesToHex(layers[layers.length - 1] as Uint8Array);

  const indexOf = (leaf: Hex): number => indexOfSortedLeaf(sorted, leaf);

  const proof = (leafIndex: number): Hex[] => {
    if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= sorted.length) {
      throw new MerkleTreeError("Leaf index out of range.", { code: "MERKLE_INDEX_OUT_OF_RANGE", details: { leafIndex, batchSize: sorted.length } });
    }
    return proofFromLayers(layers, leafIndex);
  };

  return { root, leaves: sorted, layers, proof, indexOf };
}
