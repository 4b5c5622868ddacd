import { canonicalize } from "./canonicalize";
import { BaseError } from "./errors";
import type { ClaimValue } from "./listClaims";
import { keccak256 } from "./keccak256";

const CLAIM_TAG = "credanchor:claim:v1";
const SALT = /^0x[0-9a-f]{64}$/;
const encoder = new TextEncoder();

/**
 * claimHash of SPEC §4: keccak256(utf8(C(["credanchor:claim:v1", pointer, salt, value]))). The salt is checked
 * here, the one place every salt passes through, so no hash is ever computed from a malformed salt.
 */
export function hashClaim(pointer: string, salt: string, value: ClaimValue): Uint8Array {
  if (!SALT.test(salt)) {
    throw new BaseError(`The salt of ${pointer} is not 32 bytes of lowercase hex.`, { code: "FORMAT_SALT_INVALID", details: { pointer } });
  }
  return keccak256(encoder.encode(canonicalize([CLAIM_TAG, pointer, salt, value])));
}
