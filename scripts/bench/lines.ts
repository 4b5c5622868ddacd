import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";

/** The lines of a file, read in 1 MiB blocks so a large batch never sits in memory as one string. */
export function* lines(path: string): Generator<string> {
  const fd = openSync(path, "r");
  const block = Buffer.allocUnsafe(1 << 20);
  const decoder = new StringDecoder("utf8");
  let rest = "";
  try {
    for (;;) {
      const read = readSync(fd, block, 0, block.length, null);
      if (read === 0) break;
      const text = rest + decoder.write(block.subarray(0, read));
      let start = 0;
      for (let end = text.indexOf("\n", start); end >= 0; end = text.indexOf("\n", start)) {
        yield text.slice(start, end);
        start = end + 1;
      }
      rest = text.slice(start);
    }
    if (rest.length > 0) yield rest;
  } finally {
    closeSync(fd);
  }
}

