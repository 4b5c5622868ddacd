import { canonicalize } from "./canonicalize";
import { IntegrityError } from "./errors";
import { bytesToHex, compareBytes } from "./hex";
import { keccak256 } from "./keccak256";

const DIGEST_TAG = new TextEncoder().encode("credanchor:credential:v2");
const encoder = new TextEncoder();

/**
 * keccak256(utf8(C(pointers sorted by UTF-16 code units))): the commitment to which claims a credential has. Issuers
 * hash thousands of credentials of the same shape, so the last few pointer lists are remembered as given: credentials
 * of one shape list their pointers in the same order (and listClaims hands out the same pointer strings), so
 * comparing a list with a remembered one is cheap, and it is sorted, checked and canonicalised (C also NFC-checks)
 * only on a miss.
 */
const pointerSets: { pointers: readonly string[]; hash: Uint8Array }[] = [];
const POINTER_SET_CACHE_SIZE = 64;

function samePointers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function hashPointerSet(pointers: readonly string[]): Uint8Array {
  for (const entry of pointerSets) if (samePointers(entry.pointers, pointers)) return entry.hash;
  const sorted = [...pointers].sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i - 1] === sorted[i]) {
      throw new IntegrityError("The same claim pointer occurs twice.", { code: "INTEGRITY_HIDDEN_CONFLICT", details: { pointer: sorted[i] } });
    }
  }
  const hash = keccak256(encoder.encode(canonicalize(sorted)));
  // The newest first: a bulk run meets one shape again and again.
  if (pointerSets.length >= POINTER_SET_CACHE_SIZE) pointerSets.pop();
  pointerSets.unshift({ pointers: [...pointers], hash });
  return hash;
}

/**
 * digest of SPEC §5 from the pointers and hashes of all claims (visible and hidden):
 * keccak256("credanchor:credential:v2" ‖ keccak256(C(sorted pointers)) ‖ sorted hashes). The pointer set binds
 * every hidden hash to a claim the issuer really issued, so a holder cannot drop, invent or rename a claim. Sorting
 * makes the digest independent of member order; a repeated hash is refused because it could only come from a
 * hidden entry copying a visible claim's hash.
 */
export function digestClaimHashes(pointers: readonly string[], hashes: readonly Uint8Array[]): Uint8Array {
  if (pointers.length !== hashes.length) throw new RangeError("one pointer per claim hash");
  const pointerSet = hashPointerSet(pointers);
  const order = sortedOrder(hashes);
  const preimage = new Uint8Array(DIGEST_TAG.length + 32 * (hashes.length + 1));
  preimage.set(DIGEST_TAG, 0);
  preimage.set(pointerSet, DIGEST_TAG.length);
  for (let i = 0; i < order.length; i++) {
    const hash = hashes[order[i] as number] as Uint8Array;
    if (i > 0 && compareBytes(hashes[order[i - 1] as number] as Uint8Array, hash) === 0) {
      throw new IntegrityError("The same claim hash occurs twice.", { code: "INTEGRITY_HIDDEN_CONFLICT", details: { pointer: "", hash: bytesToHex(hash) } });
    }
    preimage.set(hash, DIGEST_TAG.length + 32 * (i + 1));
  }
  return keccak256(preimage);
}

/**
 * The indices of `hashes` in ascending byte order. A credential has a few dozen random hashes, so their first four
 * bytes almost always decide: those are compared as one number, in an insertion sort without a comparator call per
 * step, and the remaining bytes only on a tie.
 */
function sortedOrder(hashes: readonly Uint8Array[]): number[] {
  const prefixes = hashes.map((hash) => (((hash[0] as number) << 24) | ((hash[1] as number) << 16) | ((hash[2] as number) << 8) | (hash[3] as number)) >>> 0);
  const order: number[] = [];
  for (let i = 0; i < hashes.length; i++) {
    const prefix = prefixes[i] as number;
    let j = i;
    for (; j > 0; j--) {
      const before = order[j - 1] as number;
      const other = prefixes[before] as number;
      if (other < prefix || (other === prefix && compareBytes(hashes[before] as Uint8Array, hashes[i] as Uint8Array) <= 0)) break;
      order[j] = before;
    }
    order[j] = i;
  }
  return order;
}
