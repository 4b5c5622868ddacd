import type { Transaction } from "kysely";
import type { Database } from "../db/schema";
import type { ServiceContext } from "../ServiceContext";
import { HoldingsRefusedError } from "./HoldingsRefusedError";
import { credentialRefused } from "./refusalErrors";
import { transitionHoldings } from "./transitionHoldings";

/**
 * The lifecycle around an on-chain revocation of current credentials: their holdings move to `revoking` first (so
 * no correction or reissue can start meanwhile, and one pending refuses the revocation with 409), then the chain
 * transaction is sent; once it is confirmed the holdings become `revoked` together with `record`'s changes, and if
 * it fails they are valid again. A process that dies in between leaves `revoking`, which the worker settles from
 * the chain (settleRevocations).
 */
export async function revokeHoldings(
  ctx: ServiceContext,
  scope: { universityId: string; kind: string; credentialIds: readonly string[] },
  send: () => Promise<string | null>,
  record: (trx: Transaction<Database>, now: string) => Promise<void>,
): Promise<string | null> {
  const holdings = { universityId: scope.universityId, kind: scope.kind };
  const target = { by: "credential", ids: scope.credentialIds } as const;
  try {
    await ctx.db.transaction().execute((trx) => transitionHoldings(trx, holdings, target, { type: "startRevocation" }));
  } catch (error) {
    throw error instanceof HoldingsRefusedError ? credentialRefused(error) : error;
  }
  let transaction: string | null;
  try {
    transaction = await send();
  } catch (error) {
    await ctx.db.transaction().execute((trx) => transitionHoldings(trx, holdings, target, { type: "abandonRevocation" }));
    throw error;
  }
  await ctx.db.transaction().execute(async (trx) => {
    await record(trx, new Date().toISOString());
    await transitionHoldings(trx, holdings, target, { type: "finishRevocation" });
  });
  return transaction;
}
