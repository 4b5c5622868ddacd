import { keccak_256 } from "@noble/hashes/sha3.js";
import { createKeccak, type IHasher } from "hash-wasm";
import { bytesToHex, type Hex } from "./hex";

/**
 * The WebAssembly Keccak of hash-wasm, once `initFastKeccak` has loaded it: about ten times @noble/hashes on one
 * reused hasher. Its instantiation is asynchronous, so until then (and wherever WebAssembly is unavailable) hashing
 * stays on @noble/hashes; both compute the same function, which test/core/keccak256.test.ts checks.
 */
let fast: IHasher | null = null;
let loading: Promise<boolean> | null = null;

/**
 * Loads the WebAssembly Keccak once (browser and Node alike); later calls return the same promise. Resolves
 * `false`, keeping the pure-JS implementation, if WebAssembly cannot be instantiated (e.g. a strict CSP).
 */
export function initFastKeccak(): Promise<boolean> {
  loading ??= createKeccak(256).then(
    (hasher) => {
      fast = hasher;
      return true;
    },
    () => false,
  );
  return loading;
}

/** Whether hashing currently runs on the WebAssembly implementation. */
export function isFastKeccak(): boolean {
  return fast !== null;
}

/**
 * The one Keccak-256 (Ethereum's, not SHA3-256) of the code base: every module hashes through here so a faster
 * implementation can replace this one function. The hasher is shared and synchronous, so calls never interleave.
 */
export function keccak256(bytes: Uint8Array): Uint8Array {
  if (fast === null) return keccak_256(bytes);
  fast.init();
  fast.update(bytes);
  return fast.digest("binary");
}

export function keccak256Hex(bytes: Uint8Array): Hex {
  return bytesToHex(keccak256(bytes));
}
