import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, type Hex } from "./hex";

/**
 * The one Keccak-256 (Ethereum's, not SHA3-256) of the code base: every module hashes through here so a faster
 * implementation can replace this one function.
 */
export function keccak256(bytes: Uint8Array): Uint8Array {
  return keccak_256(bytes);
}

export function keccak256Hex(bytes: Uint8Array): Hex {
  return bytesToHex(keccak_256(bytes));
}
