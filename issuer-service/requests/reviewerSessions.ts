import { randomBytes } from "node:crypto";
import type { Db } from "../db/openDatabase";
import { hashSecret } from "../domain/hashSecret";
import { sessionClock, type SessionLimits } from "../portal/sessions";
import type { Organisation } from "./organisations";
import type { Reviewer } from "./reviewers";

/** The reviewer's session cookie: sent to the inbox (`/inbox`) and to the requests API (`/api/v1/requests`), so its path is `/`. */
export const INBOX_SESSION_COOKIE = "credanchor_inbox";

/** A reviewer's live session: the organisation it acts for, as verified, and the reviewer's registered name. */
export interface ReviewerSession {
  reviewerId: string;
  reviewerName: string;
  organisation: Organisation;
  csrfToken: string;
  tokenHash: Buffer;
}

/**
 * Starts a new session for a registered reviewer and returns its cookie value. The session the browser had before
 * (if any) ends, so a session id planted before sign-in never becomes signed in. Only the token's SHA-256 is stored.
 */
export async function createReviewerSession(db: Db, reviewer: Reviewer, previousToken: string | undefined, now = Date.now()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.transaction().execute(async (trx) => {
    if (previousToken !== undefined) await trx.deleteFrom("organisation_sessions").where("token_hash", "=", hashSecret(previousToken)).execute();
    await trx
      .insertInto("organisation_sessions")
      .values({ token_hash: hashSecret(token), reviewer_id: reviewer.id, csrf_token: randomBytes(32).toString("base64url"), created_at_ms: now, seen_at_ms: now })
      .execute();
  });
  return token;
}

/**
 * The reviewer session of a cookie, or undefined when there is none, it timed out (idle or absolute; it is then
 * deleted) or the reviewer is no longer registered. Graduates' sessions live in another table: their tokens find
 * nothing here.
 */
export async function loadReviewerSession(db: Db, token: string | undefined, limits: SessionLimits, now = Date.now()): Promise<ReviewerSession | undefined> {
  if (token === undefined) return undefined;
  const tokenHash = hashSecret(token);
  const row = await db
    .selectFrom("organisation_sessions")
    .innerJoin("organisation_reviewers", "organisation_reviewers.id", "organisation_sessions.reviewer_id")
    .innerJoin("organisations", "organisations.id", "organisation_reviewers.organisation_id")
    .select([
      "organisation_sessions.reviewer_id",
      "organisation_sessions.csrf_token",
      "organisation_sessions.created_at_ms",
      "organisation_sessions.seen_at_ms",
      "organisation_reviewers.name",
      "organisations.id as organisation_id",
      "organisations.name_en",
      "organisations.name_zh",
    ])
    .where("organisation_sessions.token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const clock = sessionClock(row, limits, now);
  if (clock === "ended") {
    await endReviewerSession(db, tokenHash);
    return undefined;
  }
  if (clock === "touch") await db.updateTable("organisation_sessions").set({ seen_at_ms: now }).where("token_hash", "=", tokenHash).execute();
  return {
    reviewerId: row.reviewer_id,
    reviewerName: row.name,
    organisation: { id: row.organisation_id, name: { en: row.name_en, "zh-Hant": row.name_zh } },
    csrfToken: row.csrf_token,
    tokenHash,
  };
}

export async function endReviewerSession(db: Db, tokenHash: Buffer): Promise<void> {
  await db.deleteFrom("organisation_sessions").where("token_hash", "=", tokenHash).execute();
}
