import { SigningKey } from "ethers";
import { SignatureError } from "./errors";
import { hexToBytes, type Hex } from "./hex";

/**
 * secp256k1 public-key recovery as native bindings of libsecp256k1 offer it (the `secp256k1` package's
 * `ecdsaRecover(signature, recid, digest, false)`): `signature` is r‖s (64 bytes), `recoveryId` 0 or 1, `digest` the
 * 32 signed bytes. Returns the uncompressed key (65 bytes, 0x04 first); throws when no key recovers (r or s zero or
 * not below the curve order, r not the x of a point, the point at infinity), exactly where ethers' recovery throws.
 */
export type Secp256k1Recover = (signature: Uint8Array, recoveryId: 0 | 1, digest: Uint8Array) => Uint8Array;

let registered: Secp256k1Recover | undefined;

/**
 * Makes `recoverPublicKey` use `recover`, or ethers' pure-JS secp256k1 again with `undefined`. Core stays free of
 * native code (the page runs it); a Node process that verifies many batches registers libsecp256k1, about thirty
 * times faster than the pure-JS recovery (3–9 ms per signature on the bench machine). Both give the same keys and
 * fail on the same signatures (test/core/recoverPublicKey.test.ts).
 */
export function registerSecp256k1Recover(recover: Secp256k1Recover | undefined): void {
  registered = recover;
}

/**
 * The uncompressed public key (65 bytes, 0x04 first) that made `signature` (65 bytes hex: r‖s‖v, v 27 or 28) over the
 * 32-byte `digest`, as ethers' `SigningKey.recoverPublicKey` recovers it; throws when none does.
 */
export function recoverPublicKey(digest: Uint8Array, signature: Hex): Uint8Array {
  if (registered === undefined) return hexToBytes(SigningKey.recoverPublicKey(digest, signature));
  const bytes = hexToBytes(signature);
  const v = bytes[64];
  if (bytes.length !== 65 || (v !== 27 && v !== 28)) {
    throw new SignatureError("Malformed signature: not r‖s‖v with v 27 or 28.", { code: "SIGNATURE_MALFORMED", details: { reason: "shape" } });
  }
  return registered(bytes.subarray(0, 64), v === 27 ? 0 : 1, digest);
}
