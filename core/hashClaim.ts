import { isBytes32Hex } from "./bytes32";
import { canonicalize } from "./canonicalize";
import { BaseError } from "./errors";
import type { ClaimValue } from "./listClaims";
import { keccak256 } from "./keccak256";

const CLAIM_TAG = "credanchor:claim:v1";
const NON_ASCII = /[\u0080-\uffff]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const encoder = new TextEncoder();

/**
 * `["credanchor:claim:v1",<C(pointer)>,"` per pointer: a batch has a few dozen distinct pointers and hashes each of
 * them once per credential, so the canonical head of the array is built once. Bounded so that hostile input with
 * endless distinct pointers cannot grow it without limit.
 */
const heads = new Map<string, string>();
const MAX_HEADS = 4096;

function headOf(pointer: string): string {
  let head = heads.get(pointer);
  if (head === undefined) {
    head = `${canonicalize([CLAIM_TAG, pointer]).slice(0, -1)},"`;
    if (heads.size >= MAX_HEADS) heads.clear();
    heads.set(pointer, head);
  }
  return head;
}

/**
 * C(value) for the values credentials hold, without the general canonicaliser: strings (NFC, as C does; ASCII is
 * NFC already) without lone surrogates, finite numbers, booleans and null. Anything else returns undefined and
 * takes the general path, which refuses it with C's own error.
 */
function fastValueText(value: ClaimValue): string | undefined {
  switch (typeof value) {
    case "string":
      if (!NON_ASCII.test(value)) return JSON.stringify(value);
      return LONE_SURROGATE.test(value) ? undefined : JSON.stringify(value.normalize("NFC"));
    case "number":
      return Number.isFinite(value) ? String(value) : undefined;
    case "boolean":
      return value ? "true" : "false";
    default:
      return value === null ? "null" : undefined;
  }
}

let buffer = new Uint8Array(1024);

/**
 * claimHash of SPEC §4: keccak256(utf8(C(["credanchor:claim:v1", pointer, salt, value]))). The salt is checked
 * here, the one place every salt passes through, so no hash is ever computed from a malformed salt. The canonical
 * text is assembled from a cached head and encoded into a reused buffer; values outside the fast path (non-ASCII
 * text, which needs NFC, and anything invalid) go through `canonicalize` itself, so the bytes are the same.
 */
export function hashClaim(pointer: string, salt: string, value: ClaimValue): Uint8Array {
  if (!isBytes32Hex(salt)) {
    throw new BaseError(`The salt of ${pointer} is not 32 bytes of lowercase hex.`, { code: "FORMAT_SALT_INVALID", details: { pointer } });
  }
  return hashCheckedClaim(pointer, salt, value);
}

/** hashClaim for a salt the caller has just generated as lowercase hex (wrapBatch): the same bytes, no salt check. */
export function hashCheckedClaim(pointer: string, salt: string, value: ClaimValue): Uint8Array {
  const valueText = fastValueText(value);
  const text = valueText === undefined ? canonicalize([CLAIM_TAG, pointer, salt, value]) : `${headOf(pointer)}${salt}",${valueText}]`;
  if (buffer.length < 3 * text.length) buffer = new Uint8Array(3 * text.length);
  const { written } = encoder.encodeInto(text, buffer);
  return keccak256(buffer.subarray(0, written));
}
