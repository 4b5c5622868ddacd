import { keccak256, Transaction, type Wallet } from "ethers";
import type { ServiceContext } from "../ServiceContext";
import type { BatchRow } from "../domain/BatchView";
import { recordAnchoredBatch } from "./recordAnchoredBatch";

/**
 * signed → anchoring, exactly once. First ask the chain whether the root is already anchored (a previous life of
 * this process may have sent it). Otherwise sign the transaction with an explicit nonce and commit the raw bytes and
 * nonce BEFORE broadcasting: after a crash the very same transaction is rebroadcast (see awaitAnchorConfirmation),
 * and a second transaction for the same root is never signed while the first could still be mined.
 */
export async function sendAnchorTransaction(ctx: ServiceContext, batch: BatchRow): Promise<void> {
  const { db, chain } = ctx;
  const wallet = ctx.keys.byAddress(batch.university_id, batch.signer!);
  await ctx.sendLock.run(wallet.address, async () => {
    const anchor = chain.anchor(wallet);
    if (await anchor.getFunction("isAnchored")(batch.root)) {
      await recordAnchoredBatch(ctx, batch);
      return;
    }
    const nonce = await chain.provider.getTransactionCount(wallet.address, "pending");
    const call = await anchor.getFunction("anchorBatch").populateTransaction(batch.root, batch.count, batch.manifest_cid, batch.signature);
    const request = await wallet.populateTransaction({ ...call, nonce });
    const raw = await wallet.signTransaction(request);
    db.prepare("UPDATE batches SET state = 'anchoring', nonce = ?, raw_tx = ?, tx_hash = ?, updated_at = ? WHERE id = ? AND state = 'signed'").run(
      nonce,
      raw,
      keccak256(raw),
      new Date().toISOString(),
      batch.id,
    );
    ctx.faults.afterTxPersisted?.();
    await broadcast(ctx, raw);
    ctx.faults.afterTxSent?.();
  });
}

/** Sends a raw transaction; a node that already has it in its pool is not an error. */
export async function broadcast(ctx: ServiceContext, raw: string): Promise<void> {
  try {
    await ctx.chain.provider.broadcastTransaction(raw);
  } catch (error) {
    if (/already known|known transaction|already imported/i.test(error instanceof Error ? error.message : String(error))) return;
    throw error;
  }
}

/** A replacement must pay at least 10 % more to be accepted by the pool; 25 % leaves room for a moving market. */
const FEE_BUMP_PERCENT = 125n;

function bumped(previous: bigint | null, market: bigint | null): bigint {
  const raised = ((previous ?? 0n) * FEE_BUMP_PERCENT) / 100n;
  return market !== null && market > raised ? market : raised;
}

/**
 * Replaces the persisted anchoring transaction with the same one at a higher fee. It keeps the nonce, so at most one
 * of the two can ever be mined (the root is anchored once either way), and, like the first, the replacement is
 * committed before it is broadcast, so a crash resumes with the transaction that may be in the pool.
 */
export async function replaceWithHigherFee(ctx: ServiceContext, batch: BatchRow, wallet: Wallet): Promise<void> {
  const previous = Transaction.from(batch.raw_tx!);
  const market = await ctx.chain.provider.getFeeData();
  const replacement = previous.clone();
  replacement.signature = null;
  if (previous.type === 2) {
    replacement.maxPriorityFeePerGas = bumped(previous.maxPriorityFeePerGas, market.maxPriorityFeePerGas);
    replacement.maxFeePerGas = bumped(previous.maxFeePerGas, market.maxFeePerGas);
    if (replacement.maxFeePerGas! < replacement.maxPriorityFeePerGas!) replacement.maxFeePerGas = replacement.maxPriorityFeePerGas;
  } else {
    replacement.gasPrice = bumped(previous.gasPrice, market.gasPrice);
  }
  replacement.signature = wallet.signingKey.sign(replacement.unsignedHash);
  const raw = replacement.serialized;
  ctx.db.prepare("UPDATE batches SET raw_tx = ?, tx_hash = ?, updated_at = ? WHERE id = ? AND tx_hash = ?").run(
    raw,
    keccak256(raw),
    new Date().toISOString(),
    batch.id,
    batch.tx_hash,
  );
  ctx.log({ level: "warn", event: "batch.feeBump", batch: batch.id, nonce: previous.nonce, replaces: batch.tx_hash, transaction: keccak256(raw) });
  await broadcast(ctx, raw);
}
