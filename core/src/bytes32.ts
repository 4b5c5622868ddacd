/**
 * Checks and decoding for the 32-byte lowercase hex strings (`^0x[0-9a-f]{64}$`) that salts, claim hashes and
 * Merkle nodes are written as: a character loop instead of a regular expression, and decoding straight into a
 * caller's buffer, because bulk verification meets some forty of them per credential.
 */
function lowerHexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

export function isBytes32Hex(value: string): boolean {
  if (value.length !== 66 || value.charCodeAt(0) !== 48 || value.charCodeAt(1) !== 120) return false;
  for (let i = 2; i < 66; i++) if (lowerHexValue(value.charCodeAt(i)) < 0) return false;
  return true;
}

/** Writes the 32 bytes of `hex` (already checked with isBytes32Hex) into `target` at `offset`. */
export function writeBytes32Hex(hex: string, target: Uint8Array, offset: number): void {
  for (let i = 0; i < 32; i++) target[offset + i] = lowerHexValue(hex.charCodeAt(2 + 2 * i)) * 16 + lowerHexValue(hex.charCodeAt(3 + 2 * i));
}

const HEX_CODES = new TextEncoder().encode("0123456789abcdef");
const latin1 = new TextDecoder("latin1");

/**
 * Each 32 bytes of `bytes` written as `0x` and 64 lowercase hex digits, one after another: as ASCII bytes (66 per
 * group) and as the same text, decoded once. Salts are made this way, a credential's at a time: each salt's text
 * is then a slice of one string and its bytes go into the claim preimage as they are.
 */
export function hexOfBytes32List(bytes: Uint8Array): { ascii: Uint8Array; text: string } {
  if (bytes.length % 32 !== 0) throw new RangeError("a whole number of 32-byte groups");
  const ascii = new Uint8Array((bytes.length / 32) * 66);
  let out = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (i % 32 === 0) {
      ascii[out++] = 0x30;
      ascii[out++] = 0x78;
    }
    const byte = bytes[i] as number;
    ascii[out++] = HEX_CODES[byte >>> 4] as number;
    ascii[out++] = HEX_CODES[byte & 15] as number;
  }
  return { ascii, text: latin1.decode(ascii) };
}
