import { contentId } from "../contentId";
import { initFastSha256 } from "../sha256";
import type { ContentStore } from "./ContentStore";

/** Default directory of the local content-addressed store (one file per CID), relative to the working directory. */
export const DEFAULT_CONTENT_DIR = "out/local/content";

/**
 * The part of Node's `fs` a directory store uses: apps pass `node:fs` itself, and core does no I/O of its own. Paths
 * are joined with "/", which every platform Node runs on accepts.
 */
export interface DirectoryFiles {
  existsSync(path: string): boolean;
  mkdirSync(path: string, options: { recursive: true }): unknown;
  writeFileSync(path: string, data: Uint8Array): void;
  renameSync(from: string, to: string): void;
  accessSync(path: string, mode: number): void;
  readonly constants: { readonly W_OK: number };
}

/**
 * The embedded default store: one file per CID in `dir`, shared by `credanchor issue --store`, the issuer service
 * and the bench. Writing is idempotent (the same bytes land in the same file) and atomic: bytes are written to a
 * temporary name and renamed, so a crash never leaves a truncated file under a CID that promises other bytes.
 */
export function createDirectoryStore(dir: string, files: DirectoryFiles): ContentStore {
  return {
    kind: "directory",
    async put(bytes) {
      await initFastSha256();
      const cid = contentId(bytes);
      files.mkdirSync(dir, { recursive: true });
      const path = `${dir}/${cid}`;
      if (!files.existsSync(path)) {
        // A random temporary name: several processes may store the same manifest at once.
        const temporary = `${path}.${crypto.randomUUID()}.tmp`;
        files.writeFileSync(temporary, bytes);
        files.renameSync(temporary, path);
      }
      return cid;
    },
    async healthy() {
      try {
        files.mkdirSync(dir, { recursive: true });
        files.accessSync(dir, files.constants.W_OK);
        return true;
      } catch {
        return false;
      }
    },
  };
}
