import type { TransactionReceipt } from "ethers";
import type { ServiceContext } from "../ServiceContext";
import type { BatchRow } from "../db/schema";

/**
 * The receipt of whichever transaction the worker signed for the batch's current nonce was mined: the current one
 * (asked first, the usual case costs one read) or an earlier one it replaced with a higher fee, which the pool may
 * have kept or a node may have mined after all. Null while none of them is mined.
 */
export async function findMinedAnchorTransaction(ctx: ServiceContext, batch: BatchRow): Promise<TransactionReceipt | null> {
  const signed =
    batch.nonce === null
      ? []
      : await ctx.db
          .selectFrom("anchor_transactions")
          .select("hash")
          .where("batch_id", "=", batch.id)
          .where("nonce", "=", batch.nonce)
          .orderBy("signed_at", "desc")
          .execute();
  const candidates = [batch.tx_hash, ...signed.map((row) => row.hash)].filter((hash, i, all): hash is string => hash !== null && all.indexOf(hash) === i);
  for (const hash of candidates) {
    const receipt = await ctx.chain.provider.getTransactionReceipt(hash);
    if (receipt !== null) return receipt;
  }
  return null;
}
