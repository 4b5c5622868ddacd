import { keccak256 } from "../../../core/src/keccak256";

/**
 * Deterministic byte source for reproducible salts: block i is keccak256(utf8(`${seed}:${i}`)), consumed in order.
 * Simple enough for another implementation to reproduce the SPEC §9 vectors.
 */
export function seededRandom(seed: string): (length: number) => Uint8Array {
  let counter = 0;
  let pool = new Uint8Array(0);
  return (length) => {
    while (pool.length < length) {
      const block = keccak256(new TextEncoder().encode(`${seed}:${counter++}`));
      const next = new Uint8Array(pool.length + 32);
      next.set(pool);
      next.set(block, pool.length);
      pool = next;
    }
    const out = pool.slice(0, length);
    pool = pool.slice(length);
    return out;
  };
}
