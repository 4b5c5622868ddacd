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

/** `bytes` as one lowercase hex string without prefix, built in a byte buffer and decoded once. */
export function hexOfBytes(bytes: Uint8Array): string {
  const out = new Uint8Array(2 * bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    out[2 * i] = HEX_CODES[byte >>> 4] as number;
    out[2 * i + 1] = HEX_CODES[byte & 15] as number;
  }
  return latin1.decode(out);
}
