import { ChainError } from "@credanchor/core/protocol";
import type { ServiceContext } from "../ServiceContext";
import type { BatchRow } from "../db/schema";
import { AnchoringRefusedError } from "./AnchoringRefusedError";
import { batchIssuer } from "./batchIssuer";
import { checkAnchoredRecord } from "./checkAnchoredRecord";
import { findMinedAnchorTransaction } from "./findMinedAnchorTransaction";
import { recordAnchoredBatch } from "./recordAnchoredBatch";
import { resendAnchorTransaction } from "./resendAnchorTransaction";

/** What the worker should do next with a batch in `anchoring`. */
export type AnchoringOutcome = "confirmed" | "waiting";

/**
 * anchoring → confirmed once the transaction that anchored the root is `confirmations` blocks deep. That is
 * whichever of the batch's own transactions for its nonce was mined (the original or a fee-bumped replacement);
 * while none is, resendAnchorTransaction decides what to send. A receipt that disappears after it was seen (its
 * block was reorganised away) puts the batch back to "not mined". A reverted transaction fails the batch only if
 * the anchor contract holds no record of the root. A batch is confirmed only when the record under its issuer is
 * exactly what was sent (checkAnchoredRecord): a transaction the worker signed can hardly write anything else, but a
 * record is what verifiers read, so it is what is checked.
 */
export async function awaitAnchorConfirmation(ctx: ServiceContext, batch: BatchRow): Promise<AnchoringOutcome> {
  const { db, chain, config } = ctx;
  const receipt = await findMinedAnchorTransaction(ctx, batch);
  if (receipt === null) {
    if (batch.block_number !== null) {
      // The block we were counting confirmations from left the canonical chain (a reorg shallower than the
      // confirmation depth): the transaction is not mined any more, so handle it as never mined.
      ctx.log({ level: "warn", event: "batch.reorg", batch: batch.id, blockNumber: batch.block_number });
      await db.updateTable("batches").set({ block_number: null, updated_at: new Date().toISOString() }).where("id", "=", batch.id).execute();
    }
    await resendAnchorTransaction(ctx, { ...batch, block_number: null });
    return "waiting";
  }
  if (receipt.status !== 1) {
    const issuerId = await batchIssuer(ctx, batch.signer!);
    const anchored = await chain.reader.batch(issuerId, batch.root!, receipt.blockNumber);
    if (anchored === null) throw new AnchoringRefusedError(`Anchoring transaction ${receipt.hash} reverted`, { code: "ANCHOR_REVERTED" });
    await recordAnchoredBatch(ctx, batch, issuerId, anchored);
    return "waiting";
  }
  if (receipt.hash !== batch.tx_hash) {
    // An earlier transaction for the same nonce was mined, not the one the batch last sent: it is the batch's now.
    const kept = await db.selectFrom("anchor_transactions").select("raw_tx").where("hash", "=", receipt.hash).executeTakeFirstOrThrow();
    await db.updateTable("batches").set({ tx_hash: receipt.hash, raw_tx: kept.raw_tx, updated_at: new Date().toISOString() }).where("id", "=", batch.id).execute();
    ctx.log({ level: "info", event: "batch.minedEarlier", batch: batch.id, transaction: receipt.hash, replaced: batch.tx_hash });
  }
  const latest = await chain.provider.getBlockNumber();
  ctx.chainHealth.latestBlock = Math.max(ctx.chainHealth.latestBlock ?? 0, latest);
  const depth = latest - receipt.blockNumber + 1;
  if (depth < config.confirmations) {
    await db.updateTable("batches").set({ block_number: receipt.blockNumber, updated_at: new Date().toISOString() }).where("id", "=", batch.id).execute();
    return "waiting";
  }
  const issuerId = await batchIssuer(ctx, batch.signer!);
  const anchored = await chain.reader.batch(issuerId, batch.root!, receipt.blockNumber);
  if (anchored === null) {
    throw new ChainError(`Anchoring transaction ${receipt.hash} succeeded but the node holds no record of root ${batch.root}`, { code: "CHAIN_READ_FAILED" });
  }
  checkAnchoredRecord(batch, issuerId, anchored);
  await db
    .updateTable("batches")
    .set({ state: "confirmed", block_number: receipt.blockNumber, confirmed_at_ms: Date.now(), attempts: 0, last_error: null, updated_at: new Date().toISOString() })
    .where("id", "=", batch.id)
    .where("state", "=", "anchoring")
    .execute();
  return "confirmed";
}
