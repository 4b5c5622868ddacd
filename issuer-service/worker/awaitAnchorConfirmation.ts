import type { ServiceContext } from "../ServiceContext";
import type { BatchRow } from "../domain/BatchView";
import { broadcast, replaceWithHigherFee } from "./sendAnchorTransaction";
import { recordAnchoredBatch } from "./recordAnchoredBatch";

/** What the worker should do next with a batch in `anchoring`. */
export type AnchoringOutcome = "confirmed" | "waiting";

/**
 * anchoring → confirmed once the anchoring transaction is `confirmations` blocks deep. With no receipt yet the root
 * is looked up on chain; if it is not anchored the persisted raw transaction is rebroadcast (same nonce, same hash),
 * and if it vanishes from the mempool a second time it is replaced with the same nonce and a higher fee.
 * Only when the chain has moved past that nonce without anchoring the root (another transaction of the key took it)
 * can that raw transaction never be mined, and the batch goes back to `signed` to be sent with a fresh nonce. A
 * receipt that disappears after it was seen (its block was reorganised away) puts the batch back to "not mined".
 */
export async function awaitAnchorConfirmation(ctx: ServiceContext, batch: BatchRow): Promise<AnchoringOutcome> {
  const { db, chain, config } = ctx;
  const receipt = batch.tx_hash === null ? null : await chain.provider.getTransactionReceipt(batch.tx_hash);
  let blockNumber = batch.block_number;
  if (receipt === null && blockNumber !== null) {
    // The block we were counting confirmations from left the canonical chain (a reorg shallower than the
    // confirmation depth): the transaction is not mined any more, so handle it as never mined.
    ctx.log({ level: "warn", event: "batch.reorg", batch: batch.id, blockNumber });
    db.prepare("UPDATE batches SET block_number = NULL, updated_at = ? WHERE id = ?").run(new Date().toISOString(), batch.id);
    blockNumber = null;
  }
  if (receipt !== null) {
    if (receipt.status !== 1) throw new Error(`Anchoring transaction ${batch.tx_hash} reverted`);
    blockNumber = receipt.blockNumber;
  } else {
    if (await chain.anchor().getFunction("isAnchored")(batch.root)) {
      await recordAnchoredBatch(ctx, batch);
      return "waiting";
    }
    const wallet = ctx.keys.byAddress(batch.university_id, batch.signer!);
    const next = await chain.provider.getTransactionCount(wallet.address, "latest");
    if (batch.nonce !== null && next > batch.nonce) {
      db.prepare("UPDATE batches SET state = 'signed', nonce = NULL, raw_tx = NULL, tx_hash = NULL, updated_at = ? WHERE id = ?").run(
        new Date().toISOString(),
        batch.id,
      );
      return "waiting";
    }
    await ctx.sendLock.run(wallet.address, async () => {
      const inMempool = (await chain.provider.getTransaction(batch.tx_hash!)) !== null;
      if (inMempool || !ctx.rebroadcastTransactions.has(batch.tx_hash!)) {
        // Still pending, or lost once (a node restart, a broadcast that never arrived): send the very same bytes.
        if (!inMempool) ctx.rebroadcastTransactions.add(batch.tx_hash!);
        await broadcast(ctx, batch.raw_tx!);
      } else {
        // Lost again after an unchanged rebroadcast: the pool evicts it (typically for its fee), so replace it.
        await replaceWithHigherFee(ctx, batch, wallet);
      }
    });
    ctx.faults.afterTxSent?.();
    return "waiting";
  }
  const latest = await chain.provider.getBlockNumber();
  ctx.chainHealth.latestBlock = Math.max(ctx.chainHealth.latestBlock ?? 0, latest);
  const depth = latest - blockNumber! + 1;
  if (depth < config.confirmations) {
    db.prepare("UPDATE batches SET block_number = ?, updated_at = ? WHERE id = ?").run(blockNumber, new Date().toISOString(), batch.id);
    return "waiting";
  }
  db.prepare("UPDATE batches SET state = 'confirmed', block_number = ?, confirmed_at_ms = ?, attempts = 0, last_error = NULL, updated_at = ? WHERE id = ?").run(
    blockNumber,
    Date.now(),
    new Date().toISOString(),
    batch.id,
  );
  return "confirmed";
}
