import { closeSync, openSync, readSync } from "node:fs";

const NEWLINE = 0x0a;

/**
 * The lines of a UTF-8 file, read in 1 MiB blocks so a large batch never sits in memory as one string. Each block
 * is decoded natively up to its last line break (0x0A never occurs inside a multi-byte UTF-8 sequence); the bytes
 * after it are carried over to the next block.
 */
export function* lines(path: string): Generator<string> {
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
      const end = carried + read;
      if (read === 0) {
        if (end > 0) yield block.toString("utf8", 0, end);
        return;
      }
      const last = block.lastIndexOf(NEWLINE, end - 1);
      if (last < 0) {
        carried = end;
        continue;
      }
      const text = block.toString("utf8", 0, last);
      let start = 0;
      for (let next = text.indexOf("\n"); next >= 0; next = text.indexOf("\n", start)) {
        yield text.slice(start, next);
        start = next + 1;
      }
      yield text.slice(start);
      carried = end - last - 1;
      block.copy(block, 0, last + 1, end);
    }
  } finally {
    closeSync(fd);
  }
}
