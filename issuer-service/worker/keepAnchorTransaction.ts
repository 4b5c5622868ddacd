import { keccak256 } from "ethers";
import type { Transaction } from "kysely";
import type { Database } from "../db/schema";

/**
 * Keeps `raw` among every anchoring transaction signed for the batch, and returns its hash. Called inside the
 * database transaction that makes it the batch's current one, before it is broadcast: any transaction that can ever
 * be mined for the batch's root is on record, so a refused send can be traced to the one that took the nonce.
 */
export async function keepAnchorTransaction(trx: Transaction<Database>, batchId: string, nonce: number, raw: string): Promise<string> {
  const hash = keccak256(raw);
  await trx
    .insertInto("anchor_transactions")
    .values({ hash, batch_id: batchId, nonce, raw_tx: raw, signed_at: new Date().toISOString() })
    // On a chain without fees (gas price 0) a "replacement" is byte for byte the original.
    .onConflict((conflict) => conflict.column("hash").doNothing())
    .execute();
  return hash;
}
