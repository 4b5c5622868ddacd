import type { Transaction } from "kysely";
import { REVOCATION_REASON_OPTIONS, type RevocationRecord } from "@credanchor/core/protocol";
import type { ChainEvent } from "@credanchor/core/chain";
import type { Database } from "../db/schema";
import type { ServiceContext } from "../ServiceContext";
import { appendAudit } from "../domain/appendAudit";
import { transitionHoldings } from "../domain/transitionHoldings";

/** The cursor's name in `chain_cursors`. */
const CURSOR = "council-revocations";
/** Blocks per log query: well inside what JSON-RPC nodes (Besu, Hardhat) answer in one `eth_getLogs`. */
const MAX_BLOCKS_PER_QUERY = 2_000;
/** Who revoked, in the audit log and the credential history, when the council did (`key_id`). */
export const COUNCIL_ACTOR = "council";

interface Revoked {
  root: string;
  /** Set for one credential; absent for the whole batch. */
  leaf?: string;
  record: RevocationRecord;
  transaction: string;
}

/** The audit detail of a revocation the council made on chain: the chain's reason, time and transaction. */
function auditDetail(revoked: Revoked): Record<string, unknown> {
  return {
    reason: revoked.record.reason,
    reasonCode: REVOCATION_REASON_OPTIONS[revoked.record.reasonCode] ?? "unspecified",
    transaction: revoked.transaction,
    revokedAt: new Date(revoked.record.revokedAt * 1000).toISOString(),
  };
}

/**
 * Records one council revocation of the service's own batch (found by root): the credentials become revoked with the
 * chain's time and reason, their graduates' live holdings `revoked` (so a later reissue needs
 * `reissue-after-revocation`), and the audit log says the council did it. Every write is guarded by "not yet
 * revoked", so reading the same event again (after a restart or a rewind) changes nothing and logs nothing twice.
 */
async function recordRevocation(trx: Transaction<Database>, revoked: Revoked): Promise<void> {
  const batch = await trx
    .selectFrom("batches")
    .select(["id", "university_id"])
    .where((eb) => eb(eb.fn("lower", ["root"]), "=", revoked.root.toLowerCase()))
    .where("state", "=", "published")
    .executeTakeFirst();
  if (batch === undefined) return;
  const at = new Date(revoked.record.revokedAt * 1000).toISOString();
  const actor = { universityId: batch.university_id, keyId: COUNCIL_ACTOR };
  if (revoked.leaf === undefined) {
    const updated = await trx
      .updateTable("batches")
      .set({ revoked_at: at, revocation_reason: revoked.record.reason, updated_at: new Date().toISOString() })
      .where("id", "=", batch.id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return;
    await appendAudit(trx, actor, "batch.revoke", batch.id, "ok", auditDetail(revoked));
  }
  // The credentials concerned that are not revoked yet; credentials superseded by a correction are revoked too (the
  // council's revocation stands on chain), but only a graduate's live one moves the holding.
  const credentials = await trx
    .updateTable("credentials")
    .set({ revoked_at: at, revocation_reason: revoked.record.reason })
    .where("batch_id", "=", batch.id)
    .where("revoked_at", "is", null)
    .$if(revoked.leaf !== undefined, (query) => query.where((eb) => eb(eb.fn("lower", ["leaf"]), "=", revoked.leaf!.toLowerCase())))
    .returning("id")
    .execute();
  if (credentials.length === 0) return;
  if (revoked.leaf !== undefined) for (const credential of credentials) await appendAudit(trx, actor, "credential.revoke", credential.id, "ok", auditDetail(revoked));
  // The live holdings among them, read at once (a whole batch may hold tens of thousands) and moved per kind.
  const live = await trx
    .selectFrom("holdings")
    .select(["credential_id", "kind"])
    .where("state", "=", "valid")
    .where("credential_id", "in", (eb) =>
      eb
        .selectFrom("credentials")
        .select("id")
        .where("batch_id", "=", batch.id)
        .where("revoked_at", "=", at)
        .$if(revoked.leaf !== undefined, (query) => query.where((inner) => inner(inner.fn("lower", ["leaf"]), "=", revoked.leaf!.toLowerCase()))),
    )
    .execute();
  const byKind = new Map<string, string[]>();
  for (const holding of live) {
    const ids = byKind.get(holding.kind) ?? [];
    ids.push(holding.credential_id!);
    byKind.set(holding.kind, ids);
  }
  for (const [kind, ids] of byKind) await transitionHoldings(trx, { universityId: batch.university_id, kind }, { by: "credential", ids }, { type: "revokeByCouncil" });
}

/**
 * The revocation an event announces, as the chain holds it now, when the council made it: the event says which
 * credential or batch, the contract's record is the authority (an event of a block a reorganisation dropped has no
 * record any more and is ignored).
 */
async function councilRevocation(ctx: ServiceContext, event: ChainEvent): Promise<Revoked | null> {
  if (event.contract !== "CredentialAnchor" || (event.event !== "CredentialRevoked" && event.event !== "BatchRevoked")) return null;
  // Revocations the service sends come from the university's keys; only the registry (governance) is the council.
  if (event.args.revokedBy?.toLowerCase() !== ctx.chain.deployment.registry.toLowerCase()) return null;
  const { issuerId, root, leaf } = event.args as { issuerId: string; root: string; leaf?: string };
  const record =
    event.event === "CredentialRevoked"
      ? await ctx.chain.reader.credentialRevocation(issuerId, root, leaf as string)
      : await ctx.chain.reader.batchRevocation(issuerId, root);
  if (record === null || record.revokedBy.toLowerCase() !== ctx.chain.deployment.registry.toLowerCase()) return null;
  return { root, ...(event.event === "CredentialRevoked" ? { leaf } : {}), record, transaction: event.transactionHash };
}

/**
 * Follows the anchor contract for revocations the consortium council makes (`credanchor governance revoke-batch |
 * revoke-credential`) of the service's own batches, and records them (recordRevocation). A persistent cursor in
 * `chain_cursors` keeps the next block and the hash of the last one read: a restart resumes there; when that block
 * is no longer on the chain (a reorganisation or a reset) everything is read again from the deployment's first
 * block, which changes nothing already recorded. Only blocks with the configured confirmations are read.
 */
export async function followCouncilRevocations(ctx: ServiceContext): Promise<void> {
  const { deployment, provider, reader } = ctx.chain;
  const start = deployment.anchorBlockNumber ?? deployment.blockNumber;
  const cursor = await ctx.db.selectFrom("chain_cursors").selectAll().where("name", "=", CURSOR).executeTakeFirst();
  let next = cursor === undefined ? start : Number(cursor.next_block);
  if (cursor?.block_hash != null && next > start) {
    const last = await provider.getBlock(next - 1);
    if (last?.hash !== cursor.block_hash) {
      ctx.log({ level: "warn", event: "council.rewind", from: next, to: start, reason: `block ${next - 1} is no longer the one read` });
      next = start;
    }
  }
  const head = (await provider.getBlockNumber()) - (ctx.config.confirmations - 1);
  while (next <= head) {
    const to = Math.min(head, next + MAX_BLOCKS_PER_QUERY - 1);
    const [events, last] = await Promise.all([reader.events(next, to), provider.getBlock(to)]);
    if (last === null || last.hash === null) return;
    const revocations: Revoked[] = [];
    for (const event of events) {
      const revoked = await councilRevocation(ctx, event);
      if (revoked !== null) revocations.push(revoked);
    }
    const now = new Date().toISOString();
    await ctx.db.transaction().execute(async (trx) => {
      for (const revoked of revocations) await recordRevocation(trx, revoked);
      await trx
        .insertInto("chain_cursors")
        .values({ name: CURSOR, next_block: to + 1, block_hash: last.hash, updated_at: now })
        .onConflict((conflict) => conflict.column("name").doUpdateSet({ next_block: to + 1, block_hash: last.hash, updated_at: now }))
        .execute();
    });
    for (const revoked of revocations) ctx.log({ level: "info", event: "council.revocation", root: revoked.root, leaf: revoked.leaf ?? null });
    next = to + 1;
  }
}
