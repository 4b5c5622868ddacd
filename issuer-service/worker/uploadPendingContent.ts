import type { ServiceContext } from "../ServiceContext";

/**
 * Uploads manifests the content store has not accepted yet. The CID was computed locally and may already be on
 * chain; the bytes follow as soon as the store is back.
 */
export async function uploadPendingContent(ctx: ServiceContext): Promise<void> {
  const pending = ctx.db.prepare("SELECT cid, bytes FROM content WHERE uploaded = 0 ORDER BY rowid LIMIT 10").all() as { cid: string; bytes: Buffer }[];
  for (const item of pending) {
    try {
      const cid = await ctx.store.put(new Uint8Array(item.bytes));
      if (cid !== item.cid) throw new Error(`content store returned ${cid} for ${item.cid}`);
      ctx.db.prepare("UPDATE content SET uploaded = 1, last_error = NULL WHERE cid = ?").run(item.cid);
    } catch (error) {
      ctx.db.prepare("UPDATE content SET attempts = attempts + 1, last_error = ? WHERE cid = ?").run(ctx.describeError(error), item.cid);
      ctx.log({ level: "warn", event: "content.upload_failed", cid: item.cid });
      return;
    }
  }
}
