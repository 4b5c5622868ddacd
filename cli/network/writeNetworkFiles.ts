import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "../errors";
import type { NetworkFile } from "./generateNetwork";

/**
 * Writes the generated files under `outDir`, which must not exist or be empty: overwriting a directory of node keys
 * would silently replace the identity of running validators. Secret files are created with mode 0600 from the
 * start, so a key is never readable by others even for an instant.
 */
export function writeNetworkFiles(outDir: string, files: readonly NetworkFile[]): string {
  const root = resolve(outDir);
  if (existsSync(root) && readdirSync(root).length > 0) {
    throw new UsageError("NETWORK_OUT_NOT_EMPTY", { params: { path: root } });
  }
  for (const file of files) {
    const path = join(root, file.path);
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, file.content, { mode: file.secret ? 0o600 : 0o644, flag: "wx" });
    // The process umask can only remove permission bits; chmod makes the mode exact either way.
    chmodSync(path, file.secret ? 0o600 : 0o644);
  }
  return root;
}
