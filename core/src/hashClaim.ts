import { bytes32HexAscii } from "./bytes32";
import { canonicalize } from "./canonicalize";
import { CredentialFormatError } from "./errors";
import type { ClaimValue } from "./listClaims";
import { keccak256 } from "./keccak256";
import { hasLoneSurrogate } from "./hasLoneSurrogate";

const CLAIM_TAG = "credanchor:claim:v1";
const encoder = new TextEncoder();
const SALT_LENGTH = 66;

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

let buffer = new Uint8Array(1024);
/**
 * Views of the buffer's first n bytes, by n, each made once: claim preimages have a few dozen lengths, and a fresh view
 * per hash would be one more object per claim for the collector. Only short lengths; emptied when the buffer grows.
 */
let views: (Uint8Array | undefined)[] = [];
const MAX_VIEW_LENGTH = 512;

function firstBytes(length: number): Uint8Array {
  if (length > MAX_VIEW_LENGTH) return buffer.subarray(0, length);
  let view = views[length];
  if (view === undefined) {
    view = buffer.subarray(0, length);
    views[length] = view;
  }
  return view;
}

/**
 * Writes C(value) at `offset` of the buffer for the values credentials hold, without the general canonicaliser, and
 * returns the offset after it; -1 for anything else (lone surrogates, non-finite numbers, not a claim value), which
 * then takes the general path and is refused with C's own error. A string of printable ASCII other than `"` and `\`
 * is already its JCS form, one byte per character (ASCII is NFC, and JCS escapes only quotes, backslashes and control
 * characters): it is copied as it is, so most values skip JSON.stringify and NFC altogether. Copied character by
 * character rather than with TextEncoder.encodeInto: for the short values of a credential the loop costs about half
 * of encodeInto's call and the view it needs.
 */
function writeValue(value: ClaimValue, offset: number): number {
  switch (typeof value) {
    case "string": {
      const length = value.length;
      const start = offset + 1;
      let i = 0;
      for (; i < length; i++) {
        const code = value.charCodeAt(i);
        if (code < 0x20 || code > 0x7e || code === 0x22 || code === 0x5c) break;
        buffer[start + i] = code;
      }
      if (i === length) {
        buffer[offset] = 0x22;
        buffer[start + length] = 0x22;
        return start + length + 1;
      }
      if (hasLoneSurrogate(value)) return -1;
      return offset + encoder.encodeInto(JSON.stringify(value.normalize("NFC")), buffer.subarray(offset)).written;
    }
    case "number":
      // Number.prototype.toString is JCS's number form (ASCII); it also prints -0 as "0".
      return Number.isFinite(value) ? offset + encoder.encodeInto(String(value), buffer.subarray(offset)).written : -1;
    case "boolean":
      return offset + encoder.encodeInto(value ? "true" : "false", buffer.subarray(offset)).written;
    default:
      return value === null ? offset + encoder.encodeInto("null", buffer.subarray(offset)).written : -1;
  }
}

/**
 * keccak256 of head ‖ salt ‖ `",` ‖ C(value) ‖ `]`, assembled in one reused buffer; the general canonicaliser for
 * values outside writeValue's cases. `saltBytes` are the salt's 66 ASCII characters, already checked; `salt` the same text.
 */
function hashAssembled(pointer: string, salt: string, saltBytes: Uint8Array, value: ClaimValue): Uint8Array {
  const head = headOf(pointer);
  // Room for the value's worst case: JSON.stringify(NFC(value)) has at most 6 UTF-8 bytes per UTF-16 unit (\uXXXX).
  const size = head.length + SALT_LENGTH + 4 + (typeof value === "string" ? 6 * value.length + 2 : 32);
  if (buffer.length < size) {
    buffer = new Uint8Array(2 * size);
    views = [];
  }
  buffer.set(head, 0);
  buffer.set(saltBytes, head.length);
  let offset = head.length + SALT_LENGTH;
  buffer[offset++] = 0x22;
  buffer[offset++] = 0x2c;
  offset = writeValue(value, offset);
  if (offset < 0) return keccak256(encoder.encode(canonicalize([CLAIM_TAG, pointer, salt, value])));
  buffer[offset++] = 0x5d;
  return keccak256(firstBytes(offset));
}

/**
 * claimHash of SPEC §4: keccak256(utf8(C(["credanchor:claim:v1", pointer, salt, value]))). The salt is checked
 * here, the one place every salt passes through, so no hash is ever computed from a malformed salt: it is encoded
 * once, and its bytes are both checked and copied into the preimage.
 */
export function hashClaim(pointer: string, salt: string, value: ClaimValue): Uint8Array {
  const saltBytes = bytes32HexAscii(salt);
  if (saltBytes === undefined) {
    throw new CredentialFormatError(`The salt of ${pointer} is not 32 bytes of lowercase hex.`, { code: "FORMAT_SALT_INVALID", details: { pointer } });
  }
  return hashAssembled(pointer, salt, saltBytes, value);
}

/**
 * hashClaim for a salt the caller has just generated (wrapBatch), given as its 66 ASCII bytes (`0x` and lowercase
 * hex) and as the same text: the same hash, without checking or re-encoding the salt.
 */
export function hashGeneratedClaim(pointer: string, saltBytes: Uint8Array, saltText: string, value: ClaimValue): Uint8Array {
  return hashAssembled(pointer, saltText, saltBytes, value);
}
