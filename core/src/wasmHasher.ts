/** A hash function that runs on a WebAssembly implementation once loaded, and on a pure-JS implementation until then. */
export interface WasmHasher {
  /** Loads the WebAssembly hasher once; later calls return the same promise. Resolves `false` where it cannot load. */
  init(): Promise<boolean>;
  /** Whether hashing currently runs on the WebAssembly implementation. */
  isFast(): boolean;
  hash(bytes: Uint8Array): Uint8Array;
}

/**
 * WebAssembly hashes about ten (Keccak) to thirty (SHA-256) times faster than @noble/hashes, but instantiating a
 * module is asynchronous while our hashing is synchronous. So each hash starts on @noble/hashes and moves to the
 * WebAssembly hash function `load` resolves; wherever WebAssembly is unavailable (e.g. a strict CSP) it stays on the
 * pure-JS one. Both compute the same function (tested per hash). The loaded function reuses one instance, which is
 * safe because hashing is synchronous, so calls never interleave.
 */
export function createWasmHasher(load: () => Promise<(bytes: Uint8Array) => Uint8Array>, pureJs: (bytes: Uint8Array) => Uint8Array): WasmHasher {
  let fast: ((bytes: Uint8Array) => Uint8Array) | null = null;
  let loading: Promise<boolean> | null = null;
  return {
    init() {
      loading ??= load().then(
        (hash) => {
          fast = hash;
          return true;
        },
        () => false,
      );
      return loading;
    },
    isFast: () => fast !== null,
    hash: (bytes) => (fast === null ? pureJs(bytes) : fast(bytes)),
  };
}
