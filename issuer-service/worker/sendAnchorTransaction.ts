import { decodeRevert, formatRevert } from "@credanchor/core/chain";
import { isError, keccak256, type TransactionRequest } from "ethers";
import type { ServiceContext } from "../ServiceContext";
import type { BatchRow } from "../db/schema";
import { AnchoringRefusedError } from "./AnchoringRefusedError";
import { batchIssuer } from "./batchIssuer";
import { broadcastTransaction } from "./broadcastTransaction";
import { keepAnchorTransaction } from "./keepAnchorTransaction";
import { recordAnchoredBatch } from "./recordAnchoredBatch";

/**
 * signed → anchoring, exactly once. First ask the anchor contract whether the root is already anchored (a previous
 * life of this process may have sent it). Otherwise sign the transaction with an explicit nonce and commit the raw
 * bytes and nonce BEFORE broadcasting: after a crash the very same transaction is rebroadcast (see
 * awaitAnchorConfirmation), and a second transaction for the same root is never signed while the first could still
 * be mined. A send the node refuses for its nonce leaves the batch in `anchoring`, where the next step finds out
 * which transaction took the nonce.
 */
export async function sendAnchorTransaction(ctx: ServiceContext, batch: BatchRow): Promise<void> {
  const { db, chain } = ctx;
  const wallet = ctx.keys.byAddress(batch.university_id, batch.signer!);
  const { reader } = chain;
  const issuerId = await batchIssuer(ctx, wallet.address);
  await ctx.sendLock.run(wallet.address, async () => {
    const anchored = await reader.batch(issuerId, batch.root!, await chain.provider.getBlockNumber());
    if (anchored !== null) {
      await recordAnchoredBatch(ctx, batch, issuerId, anchored);
      return;
    }
    const nonce = await chain.provider.getTransactionCount(wallet.address, "pending");
    let request: TransactionRequest;
    try {
      const call = await chain.writer(wallet).populateAnchorBatch(batch.root!, batch.count, batch.manifest_cid!, batch.signature!);
      request = await wallet.populateTransaction({ ...call, nonce });
    } catch (error) {
      const revert = decodeRevert(error);
      if (revert === undefined && !isError(error, "CALL_EXCEPTION")) throw error;
      const refusal = revert === undefined ? "reverted without a reason" : formatRevert(revert);
      // The gas estimate reverted: the root may have been anchored since the read above, which is no refusal.
      const since = await reader.batch(issuerId, batch.root!, await chain.provider.getBlockNumber());
      if (since !== null) {
        await recordAnchoredBatch(ctx, batch, issuerId, since);
        return;
      }
      throw new AnchoringRefusedError(`The anchor contract refuses the batch: ${refusal}`, { code: "ANCHOR_REFUSED", cause: error });
    }
    const raw = await wallet.signTransaction(request);
    const persisted = await db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable("batches")
        .set({ state: "anchoring", nonce, raw_tx: raw, tx_hash: keccak256(raw), updated_at: new Date().toISOString() })
        .where("id", "=", batch.id)
        .where("state", "=", "signed")
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 0) return false;
      await keepAnchorTransaction(trx, batch.id, nonce, raw);
      return true;
    });
    // Another worker (an instance that took the lease over while this one stalled) already moved the batch on:
    // broadcasting this second transaction for the same root is exactly what must never happen.
    if (!persisted) {
      ctx.log({ level: "warn", event: "batch.sendSkipped", batch: batch.id, reason: "no longer signed" });
      return;
    }
    ctx.faults.afterTxPersisted?.();
    const outcome = await broadcastTransaction(ctx, raw);
    if (outcome === "nonceUsed" || outcome === "underpriced") ctx.log({ level: "warn", event: "batch.sendRefused", batch: batch.id, nonce, outcome });
    ctx.faults.afterTxSent?.();
  });
}
