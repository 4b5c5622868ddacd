import { disclose, encryptShare, formatShareFragment, shareResourceUrl } from "@credanchor/core/protocol";
import { createShare } from "../domain/shares";
import type { ServiceContext } from "../ServiceContext";
import type { AccountCredential } from "./accountCredentials";
import { PortalError } from "./PortalError";

export interface AccountShare {
  id: string;
  credentialId: string;
  hidden: string[];
  createdAt: string;
  expiresAt: string;
  opens: number;
  state: "active" | "expired" | "withdrawn";
}

/**
 * Shares one of the account's credentials with the claims `hidden` hidden (SPEC §6.2): encrypted here with a fresh
 * key, stored through the share feature, linked to the account. The link (with its key) is returned once and never
 * stored, so only the account can withdraw it but nobody, the service included, can open it without the link.
 */
export async function createAccountShare(
  ctx: ServiceContext,
  accountId: string,
  held: AccountCredential,
  hidden: readonly string[],
  days: number,
  links: { verifierUrl: string; serviceUrl: string },
): Promise<{ link: string; expiresAt: string; shown: AccountCredential["credential"] }> {
  const shown = hidden.length === 0 ? held.credential : disclose(held.credential, hidden);
  const { payload, key } = await encryptShare(JSON.stringify(shown, null, 2));
  const share = await createShare(ctx.db, payload, days);
  await ctx.db.insertInto("portal_shares").values({ share_id: share.id, account_id: accountId, credential_id: held.id, hidden: JSON.stringify(hidden) }).execute();
  const link = new URL(links.verifierUrl);
  link.hash = formatShareFragment({ url: shareResourceUrl(links.serviceUrl, share.id) }, key);
  return { link: link.href, expiresAt: share.expiresAt, shown };
}

/** The account's share links, newest first, with how often each was opened and whether it still works. */
export async function listAccountShares(ctx: ServiceContext, accountId: string, now = Date.now()): Promise<AccountShare[]> {
  const rows = await ctx.db
    .selectFrom("portal_shares")
    .innerJoin("shares", "shares.id", "portal_shares.share_id")
    .select(["shares.id", "portal_shares.credential_id", "portal_shares.hidden", "shares.created_at_ms", "shares.expires_at_ms", "shares.withdrawn_at_ms", "shares.opens"])
    .where("portal_shares.account_id", "=", accountId)
    .orderBy("shares.created_at_ms", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    credentialId: row.credential_id,
    hidden: JSON.parse(row.hidden) as string[],
    createdAt: new Date(row.created_at_ms).toISOString(),
    expiresAt: new Date(row.expires_at_ms).toISOString(),
    opens: row.opens,
    state: row.withdrawn_at_ms !== null ? "withdrawn" : row.expires_at_ms <= now ? "expired" : "active",
  }));
}

/** Withdraws one of the account's links for good (its ciphertext is deleted); another account's id is NOT_FOUND. */
export async function withdrawAccountShare(ctx: ServiceContext, accountId: string, shareId: string, now = Date.now()): Promise<void> {
  const owned = await ctx.db.selectFrom("portal_shares").select("share_id").where("share_id", "=", shareId).where("account_id", "=", accountId).executeTakeFirst();
  if (owned === undefined) throw new PortalError("NOT_FOUND");
  await ctx.db.updateTable("shares").set({ payload: null, withdrawn_at_ms: now }).where("id", "=", shareId).where("withdrawn_at_ms", "is", null).execute();
}
