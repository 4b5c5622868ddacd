import { isBytes32Hex } from "./bytes32";
import { canonicalize } from "./canonicalize";
import { CredentialFormatError } from "./errors";
import type { ClaimValue } from "./listClaims";
import { keccak256 } from "./keccak256";

const CLAIM_TAG = "credanchor:claim:v1";
const NON_ASCII = /[\u0080-\uffff]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const encoder = new TextEncoder();

/**
 * utf8(`["credanchor:claim:v1",<C(pointer)>,"`) per pointer: a batch has a few dozen distinct pointers and hashes
 * each of them once per credential, so the canonical head of the array is built and encoded once. Bounded so that
 * hostile input with endless distinct pointers cannot grow it without limit.
 */
const heads = new Map<string, Uint8Array>();
const MAX_HEADS = 4096;

function headOf(pointer: string): Uint8Array {
  let head = heads.get(pointer);
  if (head === undefined) {
    head = encoder.encode(`${canonicalize([CLAIM_TAG, pointer]).slice(0, -1)},"`);
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
 * bytes are assembled from a cached head in a reused buffer; values outside the fast path (lone surrogates,
 * non-finite numbers, anything not a claim value) go through `canonicalize` itself, which refuses them.
 */
export function hashClaim(pointer: string, salt: string, value: ClaimValue): Uint8Array {
  if (!isBytes32Hex(salt)) {
    throw new CredentialFormatError(`The salt of ${pointer} is not 32 bytes of lowercase hex.`, { code: "FORMAT_SALT_INVALID", details: { pointer } });
  }
  return hashCheckedClaim(pointer, salt, value);
}

/** hashClaim for a salt the caller has just generated as lowercase hex (wrapBatch): the same bytes, no salt check. */
export function hashCheckedClaim(pointer: string, salt: string, value: ClaimValue): Uint8Array {
  const valueText = fastValueText(value);
  if (valueText === undefined) return keccak256(encoder.encode(canonicalize([CLAIM_TAG, pointer, salt, value])));
  // head ‖ salt ‖ `",` ‖ value ‖ `]`, written straight into one reused buffer (the salt is ASCII hex).
  const head = headOf(pointer);
  const size = head.length + salt.length + 3 + 3 * valueText.length;
  if (buffer.length < size) buffer = new Uint8Array(2 * size);
  buffer.set(head, 0);
  let offset = head.length;
  for (let i = 0; i < salt.length; i++) buffer[offset++] = salt.charCodeAt(i);
  buffer[offset++] = 0x22;
  buffer[offset++] = 0x2c;
  offset += encoder.encodeInto(valueText, buffer.subarray(offset)).written;
  buffer[offset++] = 0x5d;
  return keccak256(buffer.subarray(0, offset));
}
