import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../db/openDatabase";
import { GoneError, NotFoundError } from "../errors";

const DAY_MS = 86_400_000;

interface ShareRow {
  id: string;
  payload: Buffer | null;
  withdraw_hash: Buffer;
  expires_at_ms: number;
  withdrawn_at_ms: number | null;
  opens: number;
}

export interface CreatedShare {
  id: string;
  withdrawToken: string;
  expiresAt: string;
}

export interface ShareStatus {
  id: string;
  opens: number;
  expiresAt: string;
  state: "active" | "expired" | "withdrawn";
}

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest();

/**
 * Stores an encrypted credential (opaque bytes: the key stays in the holder's link, SPEC §11) for `days` days.
 * The withdraw token is returned once and only its hash is stored.
 */
export function createShare(db: Db, payload: Uint8Array, days: number, now = Date.now()): CreatedShare {
  const id = randomBytes(16).toString("base64url");
  const withdrawToken = randomBytes(32).toString("base64url");
  const expiresAtMs = now + days * DAY_MS;
  db.prepare("INSERT INTO shares (id, payload, withdraw_hash, created_at_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?)").run(
    id,
    Buffer.from(payload),
    hashToken(withdrawToken),
    now,
    expiresAtMs,
  );
  return { id, withdrawToken, expiresAt: new Date(expiresAtMs).toISOString() };
}

function load(db: Db, id: string): ShareRow {
  const row = db.prepare("SELECT id, payload, withdraw_hash, expires_at_ms, withdrawn_at_ms, opens FROM shares WHERE id = ?").get(id) as ShareRow | undefined;
  if (row === undefined) throw new NotFoundError("shareLink");
  return row;
}

function stateOf(row: ShareRow, now: number): ShareStatus["state"] {
  if (row.withdrawn_at_ms !== null) return "withdrawn";
  return row.expires_at_ms <= now || row.payload === null ? "expired" : "active";
}

function refuseGone(state: ShareStatus["state"]): void {
  if (state === "withdrawn") throw new GoneError("SHARE_WITHDRAWN");
  if (state === "expired") throw new GoneError("SHARE_EXPIRED");
}

/** The encrypted payload for someone opening the link; counts the open. Expired and withdrawn links are gone. */
export function openShare(db: Db, id: string, now = Date.now()): { payload: Buffer; expiresAt: string } {
  const row = load(db, id);
  refuseGone(stateOf(row, now));
  db.prepare("UPDATE shares SET opens = opens + 1 WHERE id = ?").run(id);
  return { payload: row.payload as Buffer, expiresAt: new Date(row.expires_at_ms).toISOString() };
}

/** Throws NotFoundError for a wrong token as for an unknown id, so a token cannot be probed against known ids. */
function authorise(db: Db, id: string, token: string): ShareRow {
  const row = load(db, id);
  const presented = hashToken(token);
  if (presented.length !== row.withdraw_hash.length || !timingSafeEqual(presented, row.withdraw_hash)) throw new NotFoundError("shareLink");
  return row;
}

/** What the holder sees about their own link: how often it was opened and whether it still works. */
export function shareStatus(db: Db, id: string, token: string, now = Date.now()): ShareStatus {
  const row = authorise(db, id, token);
  return { id, opens: row.opens, expiresAt: new Date(row.expires_at_ms).toISOString(), state: stateOf(row, now) };
}

/** Withdraws the link for good: the payload is deleted at once; later opens answer SHARE_WITHDRAWN. */
export function withdrawShare(db: Db, id: string, token: string, now = Date.now()): ShareStatus {
  const row = authorise(db, id, token);
  if (row.withdrawn_at_ms === null) db.prepare("UPDATE shares SET payload = NULL, withdrawn_at_ms = ? WHERE id = ?").run(now, id);
  return { ...shareStatus(db, id, token, now), state: "withdrawn" };
}

/** Deletes the payloads of expired links (the worker calls this every tick); returns how many were purged. */
export function purgeExpiredShares(db: Db, now = Date.now()): number {
  return db.prepare("UPDATE shares SET payload = NULL WHERE payload IS NOT NULL AND expires_at_ms <= ?").run(now).changes;
}
