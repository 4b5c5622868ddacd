import { accessSync, constants, existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { contentId } from "../../core/contentId";
import type { ContentStore } from "./ContentStore";

/** The embedded default: one file per CID in a directory (the same layout as the CLI's `--store`). */
export function createDirectoryStore(dir: string): ContentStore {
  return {
    kind: "directory",
    async put(bytes) {
      const cid = contentId(bytes);
      mkdirSync(dir, { recursive: true });
      const path = join(dir, cid);
      if (!existsSync(path)) {
        // Write then rename, so a crash never leaves a truncated file under a CID that promises other bytes.
        const temporary = `${path}.${process.pid}.tmp`;
        writeFileSync(temporary, bytes);
        renameSync(temporary, path);
      }
      return cid;
    },
    async healthy() {
      try {
        mkdirSync(dir, { recursive: true });
        accessSync(dir, constants.W_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}
