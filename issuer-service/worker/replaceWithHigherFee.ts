import { Transaction, type Wallet } from "ethers";
import type { ServiceContext } from "../ServiceContext";
import type { BatchRow } from "../db/schema";
import { broadcastTransaction, type BroadcastOutcome } from "./broadcastTransaction";
import { keepAnchorTransaction } from "./keepAnchorTransaction";

/** A replacement must pay at least 10 % more to be accepted by the pool; 25 % leaves room for a moving market. */
const FEE_BUMP_PERCENT = 125n;

function bumped(previous: bigint | null, market: bigint | null): bigint {
  const raised = ((previous ?? 0n) * FEE_BUMP_PERCENT) / 100n;
  return market !== null && market > raised ? market : raised;
}

/**
 * Replaces the persisted anchoring transaction with the same one at a higher fee. It keeps the nonce, so at most one
 * of the two can ever be mined (the root is anchored once either way), and, like the first, the replacement is
 * committed (and kept beside the original) before it is broadcast, so a crash resumes with the transaction that may
 * be in the pool and either one can be recognised when it is mined.
 */
export async function replaceWithHigherFee(ctx: ServiceContext, batch: BatchRow, wallet: Wallet): Promise<BroadcastOutcome> {
  const { db } = ctx;
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
  const hash = await db.transaction().execute(async (trx) => {
    const kept = await keepAnchorTransaction(trx, batch.id, previous.nonce, raw);
    await trx
      .updateTable("batches")
      .set({ raw_tx: raw, tx_hash: kept, updated_at: new Date().toISOString() })
      .where("id", "=", batch.id)
      .where("tx_hash", "=", batch.tx_hash)
      .execute();
    return kept;
  });
  ctx.log({ level: "warn", event: "batch.feeBump", batch: batch.id, nonce: previous.nonce, replaces: batch.tx_hash, transaction: hash });
  return broadcastTransaction(ctx, raw);
}
