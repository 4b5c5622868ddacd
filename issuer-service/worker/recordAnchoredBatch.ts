import { ChainError, type BatchRecord } from "@credanchor/core/protocol";
import type { ServiceContext } from "../ServiceContext";
import type { BatchRow } from "../domain/BatchView";
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
  const event = await ctx.chain.reader.anchoring(batch.root!, record.blockNumber, record.blockNumber);
  if (event === null) {
    throw new ChainError(`Root ${batch.root} is anchored in block ${record.blockNumber} but the node returned no BatchAnchored event`, { code: "CHAIN_READ_FAILED" });
  }
  const transaction = await ctx.chain.provider.getTransaction(event.transactionHash);
  const kept = ctx.db.prepare("SELECT raw_tx FROM anchor_transactions WHERE hash = ?").get(event.transactionHash) as { raw_tx: string } | undefined;
  ctx.db.prepare("UPDATE batches SET state = 'anchoring', tx_hash = ?, nonce = ?, raw_tx = ?, block_number = ?, updated_at = ? WHERE id = ?").run(
    event.transactionHash,
    transaction?.nonce ?? batch.nonce,
    kept?.raw_tx ?? null,
    event.blockNumber,
    new Date().toISOString(),
    batch.id,
  );
  ctx.log({ level: "info", event: "batch.anchorFound", batch: batch.id, transaction: event.transactionHash, blockNumber: event.blockNumber });
}
