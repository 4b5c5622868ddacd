import { canonicalize } from "./canonicalize";
import { BaseError } from "./errors";
import type { ClaimValue } from "./listClaims";
import { keccak256 } from "./keccak256";

const CLAIM_TAG = "credanchor:claim:v1";
const SALT = /^0x[0-9a-f]{64}$/;
const NON_ASCII = /[\u0080-\uffff]/;
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
 * C(value) for the values credentials hold, without the general canonicaliser: ASCII strings (already NFC, no
 * surrogates), finite numbers, booleans and null. Anything else returns undefined and takes the general path.
 */
function fastValueText(value: ClaimValue): string | undefined {
  switch (typeof value) {
    case "string":
      return NON_ASCII.test(value) ? undefined : JSON.stringify(value);
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
  if (!SALT.test(salt)) {
    throw new BaseError(`The salt of ${pointer} is not 32 bytes of lowercase hex.`, { code: "FORMAT_SALT_INVALID", details: { pointer } });
  }
  const valueText = fastValueText(value);
  const text = valueText === undefined ? canonicalize([CLAIM_TAG, pointer, salt, value]) : `${headOf(pointer)}${salt}",${valueText}]`;
  if (buffer.length < 3 * text.length) buffer = new Uint8Array(3 * text.length);
  const { written } = encoder.encodeInto(text, buffer);
  return keccak256(buffer.subarray(0, written));
}
