import { ChainError, type BatchRecord } from "@credanchor/core/protocol";
import type { ServiceContext } from "../ServiceContext";
import type { BatchRow } from "../db/schema";
import { AnchoringRefusedError } from "./AnchoringRefusedError";

/**
 * The anchor contract's record says the root is anchored although the batch holds no receipt for it (a transaction
 * mined by an earlier life of the process, a replaced one mined after all, one mined between two reads). The record
 * is the authority: the root is this batch's only if the batch's own key anchored it. Its transaction is taken from
 * the BatchAnchored event of the recorded block, so confirmations are counted from the real block, and its nonce
 * from the transaction itself.
 */
export async function recordAnchoredBatch(ctx: ServiceContext, batch: BatchRow, record: BatchRecord): Promise<void> {
  if (record.signer.toLowerCase() !== batch.signer!.toLowerCase()) {
    throw new AnchoringRefusedError(`Root ${batch.root} was anchored by key ${record.signer}, not by this batch's key ${batch.signer}`, { code: "ANCHOR_ROOT_TAKEN" });
  }
  const event = await ctx.chain.reader.anchoring(record.issuerId, batch.root!, record.blockNumber, record.blockNumber);
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
