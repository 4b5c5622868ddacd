/**
 * Stands in for merkletreejs in the browser build (see vite.config.mts). core/merkle.ts builds batch trees with it
 * when issuing; verification only needs core's own `verifyMerkleProof`. merkletreejs would bring a Node Buffer
 * polyfill and ~60 KB gzipped into the worker for code the verifier never runs.
 */
export class MerkleTree {
  constructor() {
    throw new Error("The verifier does not build Merkle trees; merkletreejs is not part of the browser bundle.");
  }
}
