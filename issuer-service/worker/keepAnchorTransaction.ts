import { keccak256 } from "ethers";
import type { Db } from "../db/openDatabase";

/**
 * Keeps `raw` among every anchoring transaction signed for the batch, and returns its hash. Called inside the
 * database transaction that makes it the batch's current one, before it is broadcast: any transaction that can ever
 * be mined for the batch's root is on record, so a refused send can be traced to the one that took the nonce.
 */
export function keepAnchorTransaction(db: Db, batchId: string, nonce: number, raw: string): string {
  const hash = keccak256(raw);
  // OR IGNORE: on a chain without fees (gas price 0) a "replacement" is byte for byte the original.
  db.prepare("INSERT OR IGNORE INTO anchor_transactions (hash, batch_id, nonce, raw_tx, signed_at) VALUES (?, ?, ?, ?, ?)").run(
    hash,
    batchId,
    nonce,
    raw,
    new Date().toISOString(),
  );
  return hash;
}
