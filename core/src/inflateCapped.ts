import { Inflate } from "fflate";
import { concatBytes } from "./hex";

/** Compressed bytes fed to the inflater at a time: DEFLATE expands at most about 1,032×, so one step makes ≤ 4 MiB. */
const STEP = 4096;

/**
 * Raw DEFLATE (RFC 1951) inflated with a hard cap on the output: the work stops as soon as `maxBytes` is passed,
 * so a small input that would inflate to gigabytes (a "bomb") costs at most `maxBytes` plus one step, never its
 * full size. `undefined` when the output would exceed the cap; throws (fflate's error) when the data is not DEFLATE.
 */
export function inflateCapped(compressed: Uint8Array, maxBytes: number): Uint8Array | undefined {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total <= maxBytes) chunks.push(chunk);
    done = final;
  });
  for (let offset = 0; offset < compressed.length && !done; offset += STEP) {
    inflater.push(compressed.subarray(offset, offset + STEP), offset + STEP >= compressed.length);
    if (total > maxBytes) return undefined;
  }
  if (!done) inflater.push(new Uint8Array(0), true);
  return total > maxBytes ? undefined : concatBytes(...chunks);
}
