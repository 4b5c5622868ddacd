import type { ServiceContext } from "../ServiceContext";

/**
 * Uploads manifests the content store has not accepted yet. The CID was computed locally and may already be on
 * chain; the bytes follow as soon as the store is back.
 */
export async function uploadPendingContent(ctx: ServiceContext): Promise<void> {
  const pending = await ctx.db.selectFrom("content").select(["cid", "bytes"]).where("uploaded", "=", 0).orderBy("cid").limit(10).execute();
  for (const item of pending) {
    try {
      const cid = await ctx.store.put(new Uint8Array(item.bytes));
      if (cid !== item.cid) throw new Error(`content store returned ${cid} for ${item.cid}`);
      await ctx.db.updateTable("content").set({ uploaded: 1, last_error: null }).where("cid", "=", item.cid).execute();
    } catch (error) {
      await ctx.db
        .updateTable("content")
        .set((eb) => ({ attempts: eb("attempts", "+", 1), last_error: ctx.describeError(error) }))
        .where("cid", "=", item.cid)
        .execute();
      ctx.log({ level: "warn", event: "content.upload_failed", cid: item.cid });
      return;
    }
  }
}
