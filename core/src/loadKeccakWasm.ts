import { KECCAK_RATE, KECCAK_WASM_INPUT, KECCAK_WASM_OUTPUT, keccakWasmBytes } from "./keccakWasmBytes";

const PAGE = 65_536;

/**
 * Instantiates our WebAssembly Keccak-256 (`keccakWasmBytes`) once and returns its hash function: the message is
 * copied into the module's memory and padded there (Keccak's 0x01 … 0x80, not SHA3's 0x06), one call hashes it, and
 * the 32-byte digest is copied out into a new array the caller keeps. One instance and memory serve every call
 * (hashing is synchronous, so calls never interleave); the memory grows when a message does not fit and stays grown.
 * Rejects where WebAssembly cannot be instantiated (e.g. a CSP without 'wasm-unsafe-eval').
 */
export async function loadKeccakWasm(): Promise<(bytes: Uint8Array) => Uint8Array> {
  const { instance } = await WebAssembly.instantiate(keccakWasmBytes());
  const memory = instance.exports.memory as WebAssembly.Memory;
  const run = instance.exports.hash as (inputPtr: number, blockCount: number, outPtr: number) => void;
  let view = new Uint8Array(memory.buffer);
  return (bytes) => {
    const length = bytes.length;
    const blocks = Math.floor(length / KECCAK_RATE) + 1;
    const end = KECCAK_WASM_INPUT + blocks * KECCAK_RATE;
    if (end > view.length) {
      memory.grow(Math.ceil((end - view.length) / PAGE));
      view = new Uint8Array(memory.buffer);
    }
    view.set(bytes, KECCAK_WASM_INPUT);
    view.fill(0, KECCAK_WASM_INPUT + length, end);
    view[KECCAK_WASM_INPUT + length] = 0x01;
    view[end - 1]! |= 0x80;
    run(KECCAK_WASM_INPUT, blocks, KECCAK_WASM_OUTPUT);
    return view.slice(KECCAK_WASM_OUTPUT, KECCAK_WASM_OUTPUT + 32);
  };
}
