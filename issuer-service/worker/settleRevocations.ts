import type { ServiceContext } from "../ServiceContext";
import { transitionHoldings } from "../domain/transitionHoldings";

/**
 * A revocation left `revoking` this long was abandoned by a process that died between starting it and recording
 * the outcome: far longer than any request waits for its confirmations.
 */
const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * Settles holdings left in `revoking` by a dead process, from the chain (the authority): revoked there (the
 * credential itself or its whole batch) → `revoked`, with the chain's time and reason recorded; otherwise → `valid`
 * again, so the revoker can simply try again.
 */
export async function settleRevocations(ctx: ServiceContext, now = Date.now()): Promise<void> {
  const stale = await ctx.db
    .selectFrom("holdings")
    .innerJoin("credentials", "credentials.id", "holdings.credential_id")
    .select(["holdings.university_id", "holdings.kind", "credentials.id", "credentials.leaf", "credentials.document"])
    .where("holdings.state", "=", "revoking")
    .where("holdings.updated_at", "<", new Date(now - ABANDONED_AFTER_MS).toISOString())
    .execute();
  for (const holding of stale) {
    const { proof } = JSON.parse(holding.document) as { proof: { merkleRoot: string; issuer: string } };
    const record =
      (await ctx.chain.reader.credentialRevocation(proof.issuer, proof.merkleRoot, holding.leaf)) ??
      (await ctx.chain.reader.batchRevocation(proof.issuer, proof.merkleRoot));
    const scope = { universityId: holding.university_id, kind: holding.kind };
    const target = { by: "credential", ids: [holding.id] } as const;
    await ctx.db.transaction().execute(async (trx) => {
      if (record !== null) {
        await trx
          .updateTable("credentials")
          .set({ revoked_at: new Date(record.revokedAt * 1000).toISOString(), revocation_reason: record.reason })
          .where("id", "=", holding.id)
          .execute();
      }
      await transitionHoldings(trx, scope, target, { type: record === null ? "abandonRevocation" : "finishRevocation" });
    });
    ctx.log({ level: "warn", event: "revocation.settled", credential: holding.id, revoked: record !== null });
  }
}
