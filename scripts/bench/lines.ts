import { closeSync, openSync, readSync } from "node:fs";

const NEWLINE = 0x0a;

/**
 * A file read in 1 MiB blocks so a large batch never sits in memory at once: each block yielded ends with its last
 * complete line (`end` is the index of that line's 0x0A, or the block's length at the end of the file); the bytes
 * after it are carried over to the next block. The block is reused: its bytes are valid until the next iteration.
 */
function* blocksOfLines(path: string): Generator<{ block: Buffer; end: number }> {
  const fd = openSync(path, "r");
  let block = Buffer.allocUnsafe(1 << 20);
  let carried = 0;
  try {
    for (;;) {
      if (carried === block.length) {
        const larger = Buffer.allocUnsafe(2 * block.length);
        block.copy(larger, 0, 0, carried);
        block = larger;
      }
      const read = readSync(fd, block, carried, block.length - carried, null);
      const filled = carried + read;
      if (read === 0) {
        if (filled > 0) yield { block, end: filled };
        return;
      }
      const last = block.lastIndexOf(NEWLINE, filled - 1);
      if (last < 0) {
        carried = filled;
        continue;
      }
      yield { block, end: last };
      carried = filled - last - 1;
      block.copy(block, 0, last + 1, filled);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The lines of a UTF-8 file. Each block is decoded natively up to its last line break (0x0A never occurs inside a
 * multi-byte UTF-8 sequence).
 */
export function* lines(path: string): Generator<string> {
  for (const { block, end } of blocksOfLines(path)) {
    const text = block.toString("utf8", 0, end);
    let start = 0;
    for (let next = text.indexOf("\n"); next >= 0; next = text.indexOf("\n", start)) {
      yield text.slice(start, next);
      start = next + 1;
    }
    yield text.slice(start);
  }
}

/**
 * The lines of a file as bytes, never decoded: views into a reused block, valid until the next iteration (a writer
 * that copies bytes from line to line needs no strings).
 */
export function* byteLines(path: string): Generator<Buffer> {
  for (const { block, end } of blocksOfLines(path)) {
    let start = 0;
    for (let next = block.indexOf(NEWLINE, start); next >= 0 && next < end; next = block.indexOf(NEWLINE, start)) {
      yield block.subarray(start, next);
      start = next + 1;
    }
    yield block.subarray(start, end);
  }
}
