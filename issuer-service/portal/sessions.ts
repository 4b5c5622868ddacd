import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { Db } from "../db/openDatabase";
import { hashSecret } from "../domain/hashSecret";
import type { PortalConfig } from "./PortalConfig";
import type { SignedIn } from "./signIn";
import { PortalError } from "./PortalError";

/** A session's last use is written at most this often, not on every page. */
const TOUCH_EVERY_MS = 60_000;

export interface Session {
  accountId: string;
  provider: string;
  csrfToken: string;
  tokenHash: Buffer;
}

/** A session's lifetime limits; the inbox's reviewer sessions have the same two. */
export type SessionLimits = Pick<PortalConfig, "sessionIdleMinutes" | "sessionAbsoluteHours">;

/**
 * What a stored session is at `now`: ended (unused longer than the idle limit, or older than the absolute one: the
 * caller deletes it), due to have its last use written, or fresh.
 */
export function sessionClock(row: { created_at_ms: number; seen_at_ms: number }, limits: SessionLimits, now: number): "ended" | "touch" | "fresh" {
  const idle = now - row.seen_at_ms > limits.sessionIdleMinutes * 60_000;
  const tooOld = now - row.created_at_ms > limits.sessionAbsoluteHours * 3_600_000;
  if (idle || tooOld) return "ended";
  return now - row.seen_at_ms > TOUCH_EVERY_MS ? "touch" : "fresh";
}

/**
 * Signs an account in: finds or creates the account of (provider, subject) and starts a new session for it. The
 * session the browser had before (if any) ends, so a session id planted before sign-in never becomes signed in.
 */
export async function createSession(db: Db, who: SignedIn, previousToken: string | undefined, now = Date.now()): Promise<{ token: string; accountId: string; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    if (previousToken !== undefined) await trx.deleteFrom("portal_sessions").where("token_hash", "=", hashSecret(previousToken)).execute();
    let account = await trx.selectFrom("portal_accounts").select(["id", "deactivated_at"]).where("provider", "=", who.provider).where("subject", "=", who.subject).executeTakeFirst();
    const created = account === undefined;
    if (account === undefined) {
      account = { id: randomUUID(), deactivated_at: null };
      await trx.insertInto("portal_accounts").values({ id: account.id, provider: who.provider, subject: who.subject, created_at: new Date(now).toISOString() }).execute();
    }
    if (account.deactivated_at !== null) throw new PortalError("ACCOUNT_DEACTIVATED");
    const token = randomBytes(32).toString("base64url");
    await trx
      .insertInto("portal_sessions")
      .values({ token_hash: hashSecret(token), account_id: account.id, csrf_token: randomBytes(32).toString("base64url"), created_at_ms: now, seen_at_ms: now })
      .execute();
    return { token, accountId: account.id, created };
  });
}

/** The session of a cookie, or undefined when there is none or it timed out (idle or absolute; it is then deleted). */
export async function loadSession(db: Db, token: string | undefined, limits: SessionLimits, now = Date.now()): Promise<Session | undefined> {
  if (token === undefined) return undefined;
  const tokenHash = hashSecret(token);
  const row = await db
    .selectFrom("portal_sessions")
    .innerJoin("portal_accounts", "portal_accounts.id", "portal_sessions.account_id")
    .select(["portal_sessions.account_id", "portal_sessions.csrf_token", "portal_sessions.created_at_ms", "portal_sessions.seen_at_ms", "portal_accounts.provider", "portal_accounts.deactivated_at"])
    .where("portal_sessions.token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const clock = sessionClock(row, limits, now);
  if (clock === "ended" || row.deactivated_at !== null) {
    await db.deleteFrom("portal_sessions").where("token_hash", "=", tokenHash).execute();
    return undefined;
  }
  if (clock === "touch") await db.updateTable("portal_sessions").set({ seen_at_ms: now }).where("token_hash", "=", tokenHash).execute();
  return { accountId: row.account_id, provider: row.provider, csrfToken: row.csrf_token, tokenHash };
}

/** Whether a submitted form (or header) carries its session's CSRF token (compared in constant time). */
export function csrfMatches(session: { csrfToken: string }, submitted: unknown): boolean {
  if (typeof submitted !== "string") return false;
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(submitted);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export async function endSession(db: Db, session: Session): Promise<void> {
  await db.deleteFrom("portal_sessions").where("token_hash", "=", session.tokenHash).execute();
}
