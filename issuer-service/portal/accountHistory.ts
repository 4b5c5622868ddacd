import type { Db } from "../db/openDatabase";
import type { ShareOpensTable } from "../db/schema";

/** The account's own actions the history shows (portal.* audit actions with `account:<id>` as target). */
export const HISTORY_ACTIONS = ["portal.signIn", "portal.signOut", "portal.claim", "portal.identityMatch", "portal.studentIdMatch", "portal.share.create", "portal.share.withdraw"] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/** The most of each list one page shows, newest first. */
const LIMIT = 200;

export interface ShareOpen {
  at: string;
  shareId: string;
  credentialId: string;
  hidden: string[];
  createdAt: string;
  result: ShareOpensTable["result"];
}

export interface AccountEvent {
  at: string;
  action: HistoryAction;
  /** `ok`, or the code of why it was refused (a claim code's CLAIM_CODE_INVALID…). */
  result: string;
  /** How many credentials a match at sign-in added. */
  bound?: number;
}

/**
 * The account's access history: every attempt to open each of its share links, with its time and outcome (nothing of
 * who made it), and its own sign-ins, bindings and shares from the audit log, newest first.
 */
export async function accountHistory(db: Db, accountId: string): Promise<{ opens: ShareOpen[]; events: AccountEvent[] }> {
  const opens = await db
    .selectFrom("share_opens")
    .innerJoin("portal_shares", "portal_shares.share_id", "share_opens.share_id")
    .innerJoin("shares", "shares.id", "share_opens.share_id")
    .select(["share_opens.share_id", "share_opens.opened_at_ms", "share_opens.result", "portal_shares.credential_id", "portal_shares.hidden", "shares.created_at_ms"])
    .where("portal_shares.account_id", "=", accountId)
    .orderBy("share_opens.opened_at_ms", "desc")
    .limit(LIMIT)
    .execute();
  const events = await db
    .selectFrom("audit_log")
    .select(["at", "action", "result", "detail"])
    .where("target", "=", `account:${accountId}`)
    .where("action", "in", [...HISTORY_ACTIONS])
    .orderBy("id", "desc")
    .limit(LIMIT)
    .execute();
  return {
    opens: opens.map((row) => ({
      at: new Date(Number(row.opened_at_ms)).toISOString(),
      shareId: row.share_id,
      credentialId: row.credential_id,
      hidden: JSON.parse(row.hidden) as string[],
      createdAt: new Date(Number(row.created_at_ms)).toISOString(),
      result: row.result,
    })),
    events: events.map((row) => {
      const bound = row.detail === null ? undefined : (JSON.parse(row.detail) as { bound?: unknown }).bound;
      return { at: row.at, action: row.action as HistoryAction, result: row.result, ...(typeof bound === "number" ? { bound } : {}) };
    }),
  };
}
