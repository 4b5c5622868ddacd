import type { ServiceContext } from "../ServiceContext";
import type { BatchRow } from "../domain/BatchView";

/**
 * The root is on chain although this batch holds no matching receipt (the transaction was mined by an earlier life
 * of the process, possibly with a raw transaction whose hash we did not keep): take the transaction from the
 * BatchAnchored event so confirmations are counted from the real block.
 */
export async function recordAnchoredBatch(ctx: ServiceContext, batch: BatchRow): Promise<void> {
  const anchor = ctx.chain.anchor();
  const events = await anchor.queryFilter(anchor.filters.BatchAnchored!(batch.root), ctx.chain.deployment.blockNumber);
  const event = events[0];
  if (event === undefined) throw new Error(`Root ${batch.root} is anchored but its BatchAnchored event was not found`);
  ctx.db.prepare("UPDATE batches SET state = 'anchoring', tx_hash = ?, block_number = ?, updated_at = ? WHERE id = ?").run(
    event.transactionHash,
    event.blockNumber,
    new Date().toISOString(),
    batch.id,
  );
}
