import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { UsageError } from "../errors";
import type { WatchState } from "./watchEvents";

const Cursor = z
  .object({
    chainId: z.number().int(),
    registry: z.string(),
    anchor: z.string(),
    since: z.number().int().nonnegative(),
    next: z.number().int().nonnegative(),
    checkpoints: z.array(z.object({ number: z.number().int().nonnegative(), hash: z.string() }).strict()),
  })
  .strict();

/**
 * The monitor's persistent cursor (`--cursor FILE`): where it stopped and the block hashes that let it notice, on
 * resuming, that the chain changed meanwhile. Bound to one chain and deployment; written atomically (rename).
 */
export function cursorFile(path: string, identity: { chainId: number; registry: string; anchor: string }) {
  return {
    load(): WatchState | undefined {
      if (!existsSync(path)) return undefined;
      let cursor: z.infer<typeof Cursor>;
      try {
        cursor = Cursor.parse(JSON.parse(readFileSync(path, "utf8")));
      } catch (error) {
        throw new UsageError("CURSOR_INVALID", { params: { path }, cause: error });
      }
      if (cursor.chainId !== identity.chainId || cursor.registry !== identity.registry || cursor.anchor !== identity.anchor) {
        throw new UsageError("CURSOR_INVALID", { params: { path } });
      }
      return { since: cursor.since, next: cursor.next, checkpoints: cursor.checkpoints };
    },
    save(state: WatchState): void {
      writeFileSync(`${path}.tmp`, `${JSON.stringify({ ...identity, ...state })}\n`);
      renameSync(`${path}.tmp`, path);
    },
  };
}
