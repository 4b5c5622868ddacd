/**
 * Keccak-256 per call, in CPU ns (`npx tsx scripts/bench-keccak.ts`): core's `keccak256` (our WebAssembly module once
 * `initFastKeccak` resolved) against hash-wasm's Keccak used as core used it before (one reused hasher:
 * init/update/digest("binary")) and @noble/hashes, at the sizes the protocol hashes: a 64-byte Merkle pair, a
 * ~130-byte claim preimage, the 888-byte digest preimage. The implementations take turns within each round so the
 * machine's load falls on all of them alike; prints the best of BENCH_KECCAK_ROUNDS rounds (default 9) as JSON.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { createKeccak } from "hash-wasm";
import { initFastKeccak, keccak256 } from "@credanchor/core/protocol";

const ROUNDS = Number(process.env.BENCH_KECCAK_ROUNDS ?? 9);
const SIZES = [64, 130, 888];
/** Hashes per timed run of one implementation at 64 bytes; fewer at larger sizes, so each run takes about as long. */
const CALLS = 100_000;

async function main(): Promise<void> {
  if (!(await initFastKeccak())) throw new Error("WebAssembly could not be instantiated");
  const hashWasm = await createKeccak(256);
  const implementations: Record<string, (bytes: Uint8Array) => Uint8Array> = {
    core: keccak256,
    hashWasm: (bytes) => {
      hashWasm.init();
      hashWasm.update(bytes);
      return hashWasm.digest("binary");
    },
    noble: keccak_256,
  };
  const result: Record<string, Record<string, number>> = {};
  for (const size of SIZES) {
    // Several different inputs so no implementation can profit from hashing the same bytes again.
    const inputs = Array.from({ length: 64 }, (_, k) => Uint8Array.from({ length: size }, (_, i) => (i * 7 + k) & 0xff));
    const calls = Math.round((CALLS * 64) / Math.max(size, 64) / 4) * 4;
    const best: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, hash] of Object.entries(implementations)) {
        const runs = name === "noble" ? calls / 4 : calls;
        const from = process.cpuUsage();
        for (let i = 0; i < runs; i++) hash(inputs[i & 63]!);
        const { user, system } = process.cpuUsage(from);
        best[name] = Math.min(best[name] ?? Infinity, Math.round(((user + system) * 1000) / runs));
      }
    }
    result[`${size}B`] = best;
  }
  console.log(JSON.stringify({ nsPerCall: result }));
}

void main();
