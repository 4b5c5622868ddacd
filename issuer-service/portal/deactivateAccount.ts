import type { Db } from "../db/openDatabase";

/**
 * Deactivates an account for good, in one transaction: every share link it created is withdrawn (ciphertext
 * deleted), every credential unbound (the credentials themselves stay as they are), every session ended; the
 * account row stays, marked, so signing in again with the same (provider, subject) is refused rather than
 * starting a new account. Claim codes it used stay used.
 */
export async function deactivateAccount(db: Db, accountId: string, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const shares = trx.selectFrom("portal_shares").select("share_id").where("account_id", "=", accountId);
    await trx.updateTable("shares").set({ payload: null, withdrawn_at_ms: now }).where("id", "in", shares).where("withdrawn_at_ms", "is", null).execute();
    await trx.deleteFrom("portal_bindings").where("account_id", "=", accountId).execute();
    await trx.deleteFrom("portal_sessions").where("account_id", "=", accountId).execute();
    await trx.updateTable("portal_accounts").set({ deactivated_at: new Date(now).toISOString() }).where("id", "=", accountId).execute();
  });
}
