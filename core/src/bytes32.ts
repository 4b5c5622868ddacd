/**
 * Checks and decoding for the 32-byte lowercase hex strings (`^0x[0-9a-f]{64}$`) that salts, claim hashes and
 * Merkle nodes are written as: encoded once into a scratch buffer and checked byte by byte against a table, instead
 * of a regular expression or a `charCodeAt` loop (each several times slower), and decoded straight into a caller's
 * buffer, because bulk verification meets some fifty of them per credential.
 */
const encoder = new TextEncoder();
/** Value of each lowercase hex digit's byte; -1 for every other byte. */
const NIBBLE = new Int8Array(256).fill(-1);
encoder.encode("0123456789abcdef").forEach((code, value) => (NIBBLE[code] = value));
const scratch = new Uint8Array(66);

/**
 * The 66 ASCII bytes of `value` if it is `0x` and 64 lowercase hex digits, else undefined. The bytes are a shared
 * scratch buffer, valid until the next call: copy them before calling again.
 */
export function bytes32HexAscii(value: string): Uint8Array | undefined {
  if (value.length !== 66) return undefined;
  // 66 UTF-16 units read and 66 bytes written: all ASCII, so the bytes are the characters.
  const { read, written } = encoder.encodeInto(value, scratch);
  if (read !== 66 || written !== 66 || scratch[0] !== 0x30 || scratch[1] !== 0x78) return undefined;
  for (let i = 2; i < 66; i++) if ((NIBBLE[scratch[i] as number] as number) < 0) return undefined;
  return scratch;
}

export function isBytes32Hex(value: string): boolean {
  return bytes32HexAscii(value) !== undefined;
}

/** Writes the 32 bytes of `hex` (already checked with isBytes32Hex) into `target` at `offset`. */
export function writeBytes32Hex(hex: string, target: Uint8Array, offset: number): void {
  encoder.encodeInto(hex, scratch);
  for (let i = 0; i < 32; i++) target[offset + i] = (NIBBLE[scratch[2 + 2 * i] as number] as number) * 16 + (NIBBLE[scratch[3 + 2 * i] as number] as number);
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
