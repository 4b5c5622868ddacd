import type { CredentialKind } from "@credanchor/core/protocol";
import type { Db } from "../db/openDatabase";
import type { BatchMode, BatchRow, BatchState } from "../db/schema";
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
  /** The kind of every credential in the batch (SPEC §12). */
  kind: CredentialKind;
  state: BatchState;
  progress: { percent: number; credentialsStored: number };
  /** `revoked` includes `superseded` (a superseded credential is revoked on chain); `pending` until published. */
  counts: { credentials: number; valid: number; revoked: number; superseded: number; pending: number };
  label: string | null;
  source: "api" | "import";
  mode: BatchMode;
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

/** How many of a batch's credentials are revoked, and how many of those superseded by a correction. */
export interface CredentialCounts {
  revoked: number;
  superseded: number;
}

/** The counts of each of `batchIds` in one query (a batch without credentials is absent from the map). */
export async function countCredentials(db: Db, batchIds: readonly string[]): Promise<Map<string, CredentialCounts>> {
  if (batchIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("credentials")
    .select((eb) => ["batch_id", eb.fn.count<number>("revoked_at").as("revoked"), eb.fn.count<number>("superseded_by").as("superseded")])
    .where("batch_id", "in", batchIds)
    .groupBy("batch_id")
    .execute();
  return new Map(rows.map((row) => [row.batch_id, { revoked: Number(row.revoked), superseded: Number(row.superseded) }]));
}

/** The API's view of one batch, loading its counts. */
export async function toBatchView(db: Db, row: BatchRow, latestBlock: number | null): Promise<BatchView> {
  return batchViewOf(row, (await countCredentials(db, [row.id])).get(row.id), latestBlock);
}

/** The API's view of a batch from its row and its credential counts (none yet: all zero). */
export function batchViewOf(row: BatchRow, counts: CredentialCounts = { revoked: 0, superseded: 0 }, latestBlock: number | null): BatchView {
  const { revoked, superseded } = counts;
  const published = row.state === "published";
  const revokedCount = row.revoked_at === null ? revoked : row.count;
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    progress: { percent: PERCENT[row.state], credentialsStored: row.progress },
    counts: {
      credentials: row.count,
      valid: published ? row.count - revokedCount : 0,
      revoked: revokedCount,
      superseded,
      pending: published ? 0 : row.count,
    },
    label: row.label,
    source: row.source,
    mode: row.mode,
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
