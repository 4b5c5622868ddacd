import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { contentId } from "../core/contentId";

/** Default directory of the local content-addressed store (one file per CID). */
export const DEFAULT_STORE_DIR = "out/local/content";

/**
 * Stores bytes under their IPFS-compatible CID in a local directory and returns the CID. Writing is idempotent:
 * the same bytes always land in the same file.
 */
export function putContent(storeDir: string, bytes: Uint8Array): string {
  const cid = contentId(bytes);
  const dir = resolve(storeDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, cid);
  if (!existsSync(path)) writeFileSync(path, bytes);
  return cid;
}
