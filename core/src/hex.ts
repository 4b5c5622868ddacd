/** Byte/hex helpers shared by every hashing module. Hex output is always lowercase and `0x`-prefixed (SPEC conventions). */
export type Hex = `0x${string}`;

const HEX_CODES = Array.from("0123456789abcdef", (digit) => digit.charCodeAt(0));
/** Character codes of `0x…` for inputs of up to MAX_CODES_BYTES, one reused array per length. */
const codesByLength: number[][] = [];
const MAX_CODES_BYTES = 1024;

/**
 * Lowercase `0x` hex, built as ONE flat string from character codes: appending two digits per byte built a rope of a
 * cons cell per byte (about 1 KB for a 32-byte hash) that lived until the string was flattened, and issuance keeps
 * a leaf per credential (130 MB for 131,072 leaves in one bench thread). Issuance encodes millions of hashes.
 */
export function bytesToHex(bytes: Uint8Array): Hex {
  if (bytes.length > MAX_CODES_BYTES) {
    const parts: string[] = ["0x"];
    for (let offset = 0; offset < bytes.length; offset += MAX_CODES_BYTES) parts.push(bytesToHex(bytes.subarray(offset, offset + MAX_CODES_BYTES)).slice(2));
    return parts.join("") as Hex;
  }
  let codes = codesByLength[bytes.length];
  if (codes === undefined) {
    codes = new Array<number>(2 + 2 * bytes.length).fill(0);
    codes[0] = 0x30;
    codes[1] = 0x78;
    codesByLength[bytes.length] = codes;
  }
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    codes[2 + 2 * i] = HEX_CODES[byte >>> 4] as number;
    codes[3 + 2 * i] = HEX_CODES[byte & 15] as number;
  }
  return String.fromCharCode(...codes) as Hex;
}

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}

/** Decodes `0x`-prefixed hex of even length; throws TypeError on anything else rather than guessing. */
export function hexToBytes(hex: string): Uint8Array {
  if (!hex.startsWith("0x") || hex.length % 2 !== 0) throw new TypeError(`invalid hex string: ${hex.slice(0, 20)}`);
  const out = new Uint8Array((hex.length - 2) / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(hex.charCodeAt(2 + 2 * i));
    const lo = nibble(hex.charCodeAt(3 + 2 * i));
    if (hi < 0 || lo < 0) throw new TypeError(`invalid hex string: ${hex.slice(0, 20)}`);
    out[i] = hi * 16 + lo;
  }
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Unsigned big-endian (lexicographic) order; a proper prefix sorts first. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
