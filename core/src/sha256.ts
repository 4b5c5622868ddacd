import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { createSHA256 } from "hash-wasm";
import { createWasmHasher } from "./wasmHasher";

const hasher = createWasmHasher(async () => {
  const wasm = await createSHA256();
  return (bytes) => {
    wasm.init();
    wasm.update(bytes);
    return wasm.digest("binary");
  };
}, nobleSha256);

/**
 * Loads hash-wasm's WebAssembly SHA-256 once. Content ids hash every byte of a manifest: 7 MB for 100,000 leaves took
 * 1.4 s of CPU on @noble/hashes and takes 45 ms on it. Content stores await it before their first put.
 */
export const initFastSha256: () => Promise<boolean> = hasher.init;

/** Whether SHA-256 currently runs on the WebAssembly implementation. */
export const isFastSha256: () => boolean = hasher.isFast;

/** SHA-256 of `bytes`: the hash of content ids (dag-pb blocks are addressed by their SHA-256 multihash). */
export function sha256(bytes: Uint8Array): Uint8Array {
  return hasher.hash(bytes);
}
