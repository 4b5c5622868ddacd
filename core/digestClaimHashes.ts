import { BaseError } from "./errors";
import { bytesToHex, compareBytes, concatBytes } from "./hex";
import { keccak256 } from "./keccak256";

const DIGEST_TAG = new TextEncoder().encode("credanchor:credential:v1");

/**
 * digest of SPEC §5 from the claim hashes (visible and hidden): keccak256("credanchor:credential:v1" ‖ sorted
 * hashes). Sorting makes the digest independent of member order; a repeated hash is refused because it could only
 * come from a hidden entry copying a visible claim's hash.
 */
export function digestClaimHashes(hashes: readonly Uint8Array[]): Uint8Array {
  const sorted = [...hashes].sort(compareBytes);
  for (let i = 1; i < sorted.length; i++) {
    if (compareBytes(sorted[i - 1] as Uint8Array, sorted[i] as Uint8Array) === 0) {
      throw new BaseError("The same claim hash occurs twice.", {
        code: "INTEGRITY_HIDDEN_CONFLICT",
        details: { pointer: "", hash: bytesToHex(sorted[i] as Uint8Array) },
      });
    }
  }
  return keccak256(concatBytes(DIGEST_TAG, ...sorted));
}
