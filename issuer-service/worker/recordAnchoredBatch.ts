import { ChainError, type BatchRecord } from "@credanchor/core/protocol";
import type { ServiceContext } from "../ServiceContext";
import type { BatchRow } from "../db/schema";
import { checkAnchoredRecord } from "./checkAnchoredRecord";

/**
 * The anchor contract's record says the root is anchored although the batch holds no receipt for it (a transaction
 * mined by an earlier life of the process, a replaced one mined after all, one mined between two reads). `record` is
 * the one filed under the batch's issuer `issuerId`, and it is the batch's only if it is exactly what the worker sent
 * (checkAnchoredRecord). Its transaction is taken from the BatchAnchored event of that issuer and root in the
 * recorded block, so confirmations are counted from the real block, and its nonce from the transaction itself.
 */
export async function recordAnchoredBatch(ctx: ServiceContext, batch: BatchRow, issuerId: string, record: BatchRecord): Promise<void> {
  checkAnchoredRecord(batch, issuerId, record);
  const event = await ctx.chain.reader.anchoring(issuerId, batch.root!, record.blockNumber, record.blockNumber);
  if (event === null) {
    throw new ChainError(`Root ${batch.root} is anchored in block ${record.blockNumber} but the node returned no BatchAnchored event`, { code: "CHAIN_READ_FAILED" });
  }
  const transaction = await ctx.chain.provider.getTransaction(event.transactionHash);
  const kept = await ctx.db.selectFrom("anchor_transactions").select("raw_tx").where("hash", "=", event.transactionHash).executeTakeFirst();
  await ctx.db
    .updateTable("batches")
    .set({
      state: "anchoring",
      tx_hash: event.transactionHash,
      nonce: transaction?.nonce ?? batch.nonce,
      raw_tx: kept?.raw_tx ?? null,
      block_number: event.blockNumber,
      updated_at: new Date().toISOString(),
    })
    .where("id", "=", batch.id)
    .execute();
  ctx.log({ level: "info", event: "batch.anchorFound", batch: batch.id, transaction: event.transactionHash, blockNumber: event.blockNumber });
}
