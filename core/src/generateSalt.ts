import { bytesToHex, type Hex } from "./hex";

export type RandomBytes = (length: number) => Uint8Array;

/** The platform CSPRNG (Web Crypto, in browsers and Node alike). */
export const secureRandomBytes: RandomBytes = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length));

/** A claim salt of SPEC §4: 32 random bytes as 66-character lowercase hex. Tests inject a seeded source. */
export function generateSalt(randomBytes: RandomBytes = secureRandomBytes): Hex {
  const bytes = randomBytes(32);
  if (bytes.length !== 32) throw new RangeError(`random source returned ${bytes.length} bytes, expected 32`);
  return bytesToHex(bytes);
}
