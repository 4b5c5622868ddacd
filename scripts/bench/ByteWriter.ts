import { closeSync, openSync, writeSync } from "node:fs";

const HEX_DIGITS = Buffer.from("0123456789abcdef", "latin1");

/**
 * Appends bytes and text to a file through one 1 MiB buffer: the bench writes gigabytes of credentials, and copying
 * bytes from line to line costs nothing next to decoding them into strings and encoding them back.
 */
export class ByteWriter {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  /** Bytes written so far. */
  bytes = 0;

  constructor(path: string) {
    this.fd = openSync(path, "w");
  }

  /** Bytes copied as they are. */
  bytesOf(source: Uint8Array): void {
    this.reserve(source.length);
    if (source.length > this.buffer.length) {
      this.bytes += writeSync(this.fd, source);
      return;
    }
    this.buffer.set(source, this.used);
    this.used += source.length;
  }

  /** Text known to be ASCII (one byte per character). */
  ascii(text: string): void {
    this.reserve(text.length);
    this.used += this.buffer.write(text, this.used, "latin1");
  }

  /** Any text, as UTF-8 (at most three bytes per UTF-16 unit). */
  utf8(text: string): void {
    this.reserve(3 * text.length);
    if (3 * text.length > this.buffer.length) {
      this.bytes += writeSync(this.fd, text);
      return;
    }
    this.used += this.buffer.write(text, this.used, "utf8");
  }

  /** `"0x…"` of 32 bytes of `source` at `offset`, as JSON.stringify writes the lowercase hex of a node. */
  quotedBytes32Hex(source: Uint8Array, offset: number): void {
    this.reserve(68);
    const out = this.buffer;
    let at = this.used;
    out[at++] = 0x22; // "
    out[at++] = 0x30; // 0
    out[at++] = 0x78; // x
    for (let i = offset; i < offset + 32; i++) {
      const byte = source[i] as number;
      out[at++] = HEX_DIGITS[byte >>> 4] as number;
      out[at++] = HEX_DIGITS[byte & 15] as number;
    }
    out[at++] = 0x22;
    this.used = at;
  }

  /** The bytes appended since the last write to the file (a view, valid until the next append). */
  pending(): Buffer {
    return this.buffer.subarray(0, this.used);
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private reserve(length: number): void {
    if (this.used + length > this.buffer.length) this.flush();
  }

  private flush(): void {
    if (this.used > 0) this.bytes += writeSync(this.fd, this.buffer, 0, this.used);
    this.used = 0;
  }
}
