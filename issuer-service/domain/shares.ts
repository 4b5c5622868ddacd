import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Selectable } from "kysely";
import type { Db } from "../db/openDatabase";
import { hashSecret } from "./hashSecret";
import type { SharesTable } from "../db/schema";
import { GoneError, NotFoundError } from "../errors";

const DAY_MS = 86_400_000;

type ShareRow = Pick<Selectable<SharesTable>, "id" | "payload" | "withdraw_hash" | "expires_at_ms" | "withdrawn_at_ms" | "opens">;

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


/**
 * Stores an encrypted credential (opaque bytes: the key stays in the holder's link, SPEC §11) for `days` days.
 * The withdraw token is returned once and only its hash is stored.
 */
export async function createShare(db: Db, payload: Uint8Array, days: number, now = Date.now()): Promise<CreatedShare> {
  const id = randomBytes(16).toString("base64url");
  const withdrawToken = randomBytes(32).toString("base64url");
  const expiresAtMs = now + days * DAY_MS;
  await db
    .insertInto("shares")
    .values({ id, payload: Buffer.from(payload), withdraw_hash: hashSecret(withdrawToken), created_at_ms: now, expires_at_ms: expiresAtMs })
    .execute();
  return { id, withdrawToken, expiresAt: new Date(expiresAtMs).toISOString() };
}

async function load(db: Db, id: string): Promise<ShareRow> {
  const row = await db
    .selectFrom("shares")
    .select(["id", "payload", "withdraw_hash", "expires_at_ms", "withdrawn_at_ms", "opens"])
    .where("id", "=", id)
    .executeTakeFirst();
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
export async function openShare(db: Db, id: string, now = Date.now()): Promise<{ payload: Buffer; expiresAt: string }> {
  const row = await load(db, id);
  const state = stateOf(row, now);
  // The holder's access history (docs/PORTAL.md): each attempt with its time and outcome, nothing of who made it.
  await db.insertInto("share_opens").values({ share_id: id, opened_at_ms: now, result: state === "active" ? "opened" : state }).execute();
  refuseGone(state);
  await db
    .updateTable("shares")
    .set((eb) => ({ opens: eb("opens", "+", 1) }))
    .where("id", "=", id)
    .execute();
  return { payload: row.payload as Buffer, expiresAt: new Date(row.expires_at_ms).toISOString() };
}

/** Throws NotFoundError for a wrong token as for an unknown id, so a token cannot be probed against known ids. */
async function authorise(db: Db, id: string, token: string): Promise<ShareRow> {
  const row = await load(db, id);
  const presented = hashSecret(token);
  if (presented.length !== row.withdraw_hash.length || !timingSafeEqual(presented, row.withdraw_hash)) throw new NotFoundError("shareLink");
  return row;
}

/** What the holder sees about their own link: how often it was opened and whether it still works. */
export async function shareStatus(db: Db, id: string, token: string, now = Date.now()): Promise<ShareStatus> {
  const row = await authorise(db, id, token);
  return { id, opens: row.opens, expiresAt: new Date(row.expires_at_ms).toISOString(), state: stateOf(row, now) };
}

/** Withdraws the link for good: the payload is deleted at once; later opens answer SHARE_WITHDRAWN. */
export async function withdrawShare(db: Db, id: string, token: string, now = Date.now()): Promise<ShareStatus> {
  const row = await authorise(db, id, token);
  if (row.withdrawn_at_ms === null) await db.updateTable("shares").set({ payload: null, withdrawn_at_ms: now }).where("id", "=", id).execute();
  return { ...(await shareStatus(db, id, token, now)), state: "withdrawn" };
}

/** Deletes the payloads of expired links (the worker calls this every tick); returns how many were purged. */
export async function purgeExpiredShares(db: Db, now = Date.now()): Promise<number> {
  const result = await db.updateTable("shares").set({ payload: null }).where("payload", "is not", null).where("expires_at_ms", "<=", now).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
