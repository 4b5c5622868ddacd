import type { ServiceContext } from "../ServiceContext";
import type { BatchRow } from "../db/schema";
import { batchIssuer } from "./batchIssuer";
import { broadcastTransaction } from "./broadcastTransaction";
import { recordAnchoredBatch } from "./recordAnchoredBatch";
import { replaceWithHigherFee } from "./replaceWithHigherFee";

/**
 * None of the batch's transactions has a receipt. The anchor contract's record and the key's nonce are read at ONE
 * block, so a transaction mined between two reads cannot look like "nonce taken by something else":
 * - the root is anchored under the batch's issuer: exactly as sent it is ours (recordAnchoredBatch), otherwise it is
 *   refused; another issuer's record of the same root is not looked at;
 * - the nonce is used and the root is not anchored: none of the batch's transactions can ever be mined, so the
 *   batch goes back to `signed` to be sent with a fresh nonce;
 * - otherwise the transaction is still pending or was lost: the very same bytes are rebroadcast, and if it vanishes
 *   from the mempool a second time it is replaced with the same nonce and a higher fee.
 * A send refused for its nonce is left for the next step, which finds the transaction that took it.
 */
export async function resendAnchorTransaction(ctx: ServiceContext, batch: BatchRow): Promise<void> {
  const { db, chain } = ctx;
  const wallet = ctx.keys.byAddress(batch.university_id, batch.signer!);
  const issuerId = await batchIssuer(ctx, wallet.address);
  const block = await chain.provider.getBlockNumber();
  const anchored = await chain.reader.batch(issuerId, batch.root!, block);
  if (anchored !== null) {
    await recordAnchoredBatch(ctx, batch, issuerId, anchored);
    return;
  }
  const next = await chain.provider.getTransactionCount(wallet.address, block);
  // Without raw bytes (a transaction found through its event, then reorganised away) there is nothing to
  // rebroadcast; a fresh transaction is safe because the contract anchors a root only once.
  if (batch.raw_tx === null || (batch.nonce !== null && next > batch.nonce)) {
    await db
      .updateTable("batches")
      .set({ state: "signed", nonce: null, raw_tx: null, tx_hash: null, updated_at: new Date().toISOString() })
      .where("id", "=", batch.id)
      .where("state", "=", "anchoring")
      .execute();
    ctx.log({ level: "warn", event: "batch.nonceTaken", batch: batch.id, nonce: batch.nonce, blockNumber: block });
    return;
  }
  const outcome = await ctx.sendLock.run(wallet.address, async () => {
    const inMempool = (await chain.provider.getTransaction(batch.tx_hash!)) !== null;
    if (inMempool || !ctx.rebroadcastTransactions.has(batch.tx_hash!)) {
      // Still pending, or lost once (a node restart, a broadcast that never arrived): send the very same bytes.
      if (!inMempool) ctx.rebroadcastTransactions.add(batch.tx_hash!);
      return broadcastTransaction(ctx, batch.raw_tx!);
    }
    // Lost again after an unchanged rebroadcast: the pool evicts it (typically for its fee), so replace it.
    return replaceWithHigherFee(ctx, batch, wallet);
  });
  if (outcome === "nonceUsed" || outcome === "underpriced") ctx.log({ level: "warn", event: "batch.sendRefused", batch: batch.id, nonce: batch.nonce, outcome });
  ctx.faults.afterTxSent?.();
}
