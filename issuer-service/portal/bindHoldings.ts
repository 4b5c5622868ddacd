import type { Db } from "../db/openDatabase";
import type { PortalBindingsTable } from "../db/schema";

export type Holding = Pick<PortalBindingsTable, "university_id" | "student_id" | "kind">;

/**
 * Binds holdings to the account by a match made at sign-in (identity-document number, a university's student id);
 * holdings already bound stay as they were. Returns how many were new.
 */
export async function bindHoldings(db: Db, accountId: string, holdings: readonly Holding[], method: PortalBindingsTable["method"], now = new Date()): Promise<number> {
  if (holdings.length === 0) return 0;
  const inserted = await db
    .insertInto("portal_bindings")
    .values(holdings.map((holding) => ({ account_id: accountId, ...holding, method, bound_at: now.toISOString() })))
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0);
}
