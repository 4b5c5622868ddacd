import type { Db } from "../db/openDatabase";
import type { BatchRow, BatchState } from "../db/schema";
import { NotFoundError } from "../errors";

/** Share of the work done when a batch enters each state, for the progress bar. */
const PERCENT: Record<BatchState, number> = {
  received: 0,
  validated: 10,
  built: 35,
  signed: 55,
  anchoring: 70,
  confirmed: 90,
  published: 100,
  failed: 100,
};

/** What the API shows of a batch. Raw transactions and signatures stay internal. */
export interface BatchView {
  id: string;
  state: BatchState;
  progress: { percent: number; credentialsStored: number };
  counts: { credentials: number; revoked: number };
  root: string | null;
  manifestCid: string | null;
  transaction: { hash: string; nonce: number | null; blockNumber: number | null; confirmations: number } | null;
  attempts: number;
  lastError: string | null;
  error: string | null;
  supersedes: string | null;
  revoked: { at: string; reason: string } | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export async function toBatchView(db: Db, row: BatchRow, latestBlock: number | null): Promise<BatchView> {
  const { revoked } = await db
    .selectFrom("credentials")
    .select((eb) => eb.fn.countAll<number>().as("revoked"))
    .where("batch_id", "=", row.id)
    .where("revoked_at", "is not", null)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    state: row.state,
    progress: { percent: PERCENT[row.state], credentialsStored: row.progress },
    counts: { credentials: row.count, revoked: row.revoked_at === null ? revoked : row.count },
    root: row.root,
    manifestCid: row.manifest_cid,
    transaction:
      row.tx_hash === null
        ? null
        : {
            hash: row.tx_hash,
            nonce: row.nonce,
            blockNumber: row.block_number,
            confirmations: row.block_number === null || latestBlock === null ? 0 : Math.max(0, latestBlock - row.block_number + 1),
          },
    attempts: row.attempts,
    lastError: row.last_error,
    error: row.failure,
    supersedes: row.supersedes,
    revoked: row.revoked_at === null ? null : { at: row.revoked_at, reason: row.revocation_reason ?? "" },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

/** The batch `id` of the university; NotFound for another university's batch, so ids cannot be probed. */
export async function loadBatch(db: Db, universityId: string, id: string): Promise<BatchRow> {
  const row = await db.selectFrom("batches").selectAll().where("id", "=", id).where("university_id", "=", universityId).executeTakeFirst();
  if (row === undefined) throw new NotFoundError("batch");
  return row;
}
