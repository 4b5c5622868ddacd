import type { Db } from "../db/openDatabase";
import { NotFoundError } from "../errors";

export const BATCH_STATES = ["received", "validated", "built", "signed", "anchoring", "confirmed", "published", "failed"] as const;
export type BatchState = (typeof BATCH_STATES)[number];

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

export interface BatchRow {
  seq: number;
  id: string;
  university_id: string;
  state: BatchState;
  count: number;
  progress: number;
  supersedes: string | null;
  root: string | null;
  signer: string | null;
  signature: string | null;
  manifest_cid: string | null;
  nonce: number | null;
  raw_tx: string | null;
  tx_hash: string | null;
  block_number: number | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: number;
  failure: string | null;
  revoked_at: string | null;
  revocation_reason: string | null;
  created_at: string;
  updated_at: string;
  signed_at_ms: number | null;
  confirmed_at_ms: number | null;
  published_at: string | null;
}

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

export function toBatchView(db: Db, row: BatchRow, latestBlock: number | null): BatchView {
  const revoked = (db.prepare("SELECT COUNT(*) AS n FROM credentials WHERE batch_id = ? AND revoked_at IS NOT NULL").get(row.id) as { n: number }).n;
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
export function loadBatch(db: Db, universityId: string, id: string): BatchRow {
  const row = db.prepare("SELECT * FROM batches WHERE id = ? AND university_id = ?").get(id, universityId) as BatchRow | undefined;
  if (row === undefined) throw new NotFoundError("batch");
  return row;
}
