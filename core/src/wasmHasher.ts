import type { IHasher } from "hash-wasm";

/** A hash function that runs on a WebAssembly hasher once loaded, and on a pure-JS implementation until then. */
export interface WasmHasher {
  /** Loads the WebAssembly hasher once; later calls return the same promise. Resolves `false` where it cannot load. */
  init(): Promise<boolean>;
  /** Whether hashing currently runs on the WebAssembly implementation. */
  isFast(): boolean;
  hash(bytes: Uint8Array): Uint8Array;
}

/**
 * hash-wasm's hashers are about ten (Keccak) to thirty (SHA-256) times @noble/hashes, but their instantiation is
 * asynchronous while our hashing is synchronous. So each hash starts on @noble/hashes and moves to one reused
 * WebAssembly hasher when `init` resolves; wherever WebAssembly is unavailable (e.g. a strict CSP) it stays on the
 * pure-JS one. Both compute the same function (tested per hash). The hasher is shared and synchronous, so calls
 * never interleave.
 */
export function createWasmHasher(load: () => Promise<IHasher>, pureJs: (bytes: Uint8Array) => Uint8Array): WasmHasher {
  let fast: IHasher | null = null;
  let loading: Promise<boolean> | null = null;
  return {
    init() {
      loading ??= load().then(
        (hasher) => {
          fast = hasher;
          return true;
        },
        () => false,
      );
      return loading;
    },
    isFast: () => fast !== null,
    hash(bytes) {
      if (fast === null) return pureJs(bytes);
      fast.init();
      fast.update(bytes);
      return fast.digest("binary");
    },
  };
}
