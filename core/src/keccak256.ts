import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, type Hex } from "./hex";
import { loadKeccakWasm } from "./loadKeccakWasm";
import { createWasmHasher } from "./wasmHasher";

const keccak = createWasmHasher(loadKeccakWasm, keccak_256);

/**
 * Loads our WebAssembly Keccak once (browser and Node alike, `loadKeccakWasm`): about ten times @noble/hashes and
 * a quarter less CPU per hash than hash-wasm's. Resolves `false`, keeping the pure-JS implementation, if WebAssembly
 * cannot be instantiated.
 */
export const initFastKeccak: () => Promise<boolean> = keccak.init;

/** Whether hashing currently runs on the WebAssembly implementation. */
export const isFastKeccak: () => boolean = keccak.isFast;

/**
 * The one Keccak-256 (Ethereum's, not SHA3-256) of the code base: every module hashes through here so a faster
 * implementation can replace this one function.
 */
export function keccak256(bytes: Uint8Array): Uint8Array {
  return keccak.hash(bytes);
}

export function keccak256Hex(bytes: Uint8Array): Hex {
  return bytesToHex(keccak256(bytes));
}
