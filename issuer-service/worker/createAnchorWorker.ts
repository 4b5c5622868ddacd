import type { ServiceContext } from "../ServiceContext";
import { ChainError } from "@credanchor/core/protocol";
import { isRpcFailure } from "@credanchor/core/chain";
import { isDatabaseUnavailable } from "../db/isDatabaseUnavailable";
import { acquireLease, releaseLease } from "../db/leases";
import type { BatchRow } from "../db/schema";
import { purgeExpiredShares } from "../domain/shares";
import { purgeExpiredSubmissions } from "../requests/submissions";
import { deliverWebhooks } from "../requests/webhooks";
import { transitionHoldings } from "../domain/transitionHoldings";
import { purgeExpiredRateLimits } from "../http/DatabaseRateLimitStore";
import { InjectedCrash } from "../errors";
import { AnchoringRefusedError } from "./AnchoringRefusedError";
import { awaitAnchorConfirmation } from "./awaitAnchorConfirmation";
import { buildAndSignBatch } from "./buildAndSignBatch";
import { publishBatch } from "./publishBatch";
import { sendAnchorTransaction } from "./sendAnchorTransaction";
import { followCouncilRevocations } from "./followCouncilRevocations";
import { settleRevocations } from "./settleRevocations";
import { uploadPendingContent } from "./uploadPendingContent";

const ACTIVE_STATES = ["validated", "built", "signed", "anchoring", "confirmed"] as const;
const MAX_BACKOFF_MS = 30_000;
/** Of all instances on the database, the holder of this lease is the one that runs the worker's steps. */
const WORKER_LEASE = "anchor-worker";

export interface AnchorWorker {
  start(): void;
  /** Resolves once the current step has finished; no new step starts afterwards. */
  stop(): Promise<void>;
  /** Runs every due step now (tests and the measurement script drive the worker with it). */
  runOnce(): Promise<void>;
  /** The injected crash that stopped this worker, if any. */
  readonly crashed: InjectedCrash | null;
}

/**
 * The outbox worker: every batch the API accepted is carried through built → signed → anchoring → confirmed →
 * published from the database alone, so a restart continues exactly where the last process stopped. RPC failures,
 * and any error while the batch's root may be on chain, are retried with exponential backoff (visible as
 * attempts/lastError); a database that cannot be reached is waited for; any other error fails the batch with its
 * reason. Every instance runs a worker, but only the holder of the worker lease takes steps: it renews the lease
 * while it works, and when it dies another instance's worker takes over once the lease has expired.
 */
export function createAnchorWorker(ctx: ServiceContext): AnchorWorker {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  let crashed: InjectedCrash | null = null;

  async function step(batch: BatchRow): Promise<"advanced" | "waiting"> {
    switch (batch.state) {
      case "validated":
      case "built":
        await buildAndSignBatch(ctx, batch);
        return "advanced";
      case "signed":
        await sendAnchorTransaction(ctx, batch);
        return "advanced";
      case "anchoring":
        return (await awaitAnchorConfirmation(ctx, batch)) === "confirmed" ? "advanced" : "waiting";
      case "confirmed":
        await publishBatch(ctx, batch);
        return "advanced";
      default:
        return "waiting";
    }
  }

  /**
   * Once a transaction for the batch's root is signed (`anchoring`, read after the error: a send may have just
   * committed one) the root may be on chain, and once `confirmed` it is: only the chain's refusal to anchor it may
   * fail the batch. Anything else (a refused send, an odd answer, a supersession's revocation that cannot be sent
   * yet) is retried, so an anchored batch is never left failed with its credentials unreleased.
   */
  async function rootMayBeOnChain(batchId: string, error: unknown): Promise<boolean> {
    if (error instanceof AnchoringRefusedError) return false;
    const current = await ctx.db.selectFrom("batches").select("state").where("id", "=", batchId).executeTakeFirst();
    return current?.state === "anchoring" || current?.state === "confirmed";
  }

  let leader = false;
  async function holdLease(): Promise<boolean> {
    try {
      leader = await acquireLease(ctx.db, WORKER_LEASE, ctx.instanceId, ctx.config.leaseMs);
    } catch (error) {
      leader = false;
      ctx.log({ level: "warn", event: "worker.leaseUnavailable", error: ctx.describeError(error) });
    }
    return leader;
  }

  async function advance(batchId: string): Promise<void> {
    for (;;) {
      if (crashed !== null || !leader) return;
      const batch = await ctx.db.selectFrom("batches").selectAll().where("id", "=", batchId).where("state", "in", ACTIVE_STATES).executeTakeFirst();
      if (batch === undefined) return;
      try {
        const outcome = await ctx.sendLock.run(`university:${batch.university_id}`, () => step(batch));
        ctx.chainHealth.ok = true;
        ctx.chainHealth.lastError = null;
        if (outcome === "waiting") {
          await ctx.db.updateTable("batches").set({ next_attempt_at: Date.now() + ctx.config.workerIntervalMs }).where("id", "=", batchId).execute();
          return;
        }
      } catch (error) {
        if (error instanceof InjectedCrash) {
          crashed = error;
          return;
        }
        if (isDatabaseUnavailable(error)) {
          // Nothing can be recorded now; the batch stays due and the next tick (on this or another instance) retries.
          ctx.log({ level: "warn", event: "batch.databaseUnavailable", batch: batchId, state: batch.state, error: ctx.describeError(error) });
          return;
        }
        await recordFailedStep(batch, error);
        return;
      }
    }
  }

  /** Retries the step later (backoff) when the failure may pass or the root may be on chain; otherwise fails the batch. */
  async function recordFailedStep(batch: BatchRow, error: unknown): Promise<void> {
    const description = ctx.describeError(error);
    const chainFailure = isRpcFailure(error) || error instanceof ChainError;
    if (chainFailure) {
      ctx.metrics.rpcErrors++;
      ctx.chainHealth.ok = false;
      ctx.chainHealth.lastError = description;
    }
    if (chainFailure || (await rootMayBeOnChain(batch.id, error))) {
      const delay = Math.min(MAX_BACKOFF_MS, ctx.config.workerIntervalMs * 2 ** Math.min(batch.attempts, 10));
      await ctx.db
        .updateTable("batches")
        .set((eb) => ({ attempts: eb("attempts", "+", 1), last_error: description, next_attempt_at: Date.now() + delay, updated_at: new Date().toISOString() }))
        .where("id", "=", batch.id)
        .execute();
      ctx.log({ level: "warn", event: "batch.retry", batch: batch.id, state: batch.state, attempts: batch.attempts + 1, error: description });
      return;
    }
    // The graduates of a failed batch hold what they held before it (nothing, the corrected credential, or the revoked one).
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("batches")
        .set({ state: "failed", failure: description, last_error: description, updated_at: new Date().toISOString() })
        .where("id", "=", batch.id)
        .execute();
      await transitionHoldings(trx, { universityId: batch.university_id, kind: batch.kind }, { by: "pendingBatch", batchId: batch.id }, { type: "fail", batchId: batch.id });
    });
    ctx.log({ level: "error", event: "batch.failed", batch: batch.id, state: batch.state, error: description });
  }

  /** One cheap read per tick keeps /healthz and the batches' confirmation counts current. */
  async function observeChain(): Promise<void> {
    try {
      ctx.chainHealth.latestBlock = await ctx.chain.provider.getBlockNumber();
      ctx.chainHealth.ok = true;
      ctx.chainHealth.checkedAt = new Date().toISOString();
    } catch (error) {
      ctx.metrics.rpcErrors++;
      ctx.chainHealth.ok = false;
      ctx.chainHealth.lastError = ctx.describeError(error);
    }
  }

  async function runOnce(): Promise<void> {
    await observeChain();
    if (!(await holdLease())) return;
    // A step (building 50,000 credentials, waiting for a receipt) may outlast the lease: renew it while working.
    const renewal = setInterval(() => void holdLease(), ctx.config.leaseMs / 3);
    try {
      const due = await ctx.db
        .selectFrom("batches")
        .select("id")
        .where("state", "in", ACTIVE_STATES)
        .where("next_attempt_at", "<=", Date.now())
        .orderBy("seq")
        .execute();
      for (const { id } of due) {
        if (crashed !== null || !leader) return;
        await advance(id);
      }
      if (crashed === null) await uploadPendingContent(ctx);
      await purgeExpiredShares(ctx.db);
      await purgeExpiredSubmissions(ctx.db);
      await deliverWebhooks(ctx);
      await purgeExpiredRateLimits(ctx.db);
      await settleRevocations(ctx);
      await followCouncilRevocations(ctx);
    } finally {
      clearInterval(renewal);
    }
  }

  function schedule(): void {
    if (stopped || crashed !== null) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((error: unknown) => ctx.log({ level: "error", event: "worker.error", error: ctx.describeError(error) }))
        .finally(() => {
          running = null;
          schedule();
        });
    }, ctx.config.workerIntervalMs);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      await running;
      // A clean stop hands the work over at once instead of after the lease expires.
      if (leader) await releaseLease(ctx.db, WORKER_LEASE, ctx.instanceId).catch(() => undefined);
      leader = false;
    },
    runOnce,
    get crashed() {
      return crashed;
    },
  };
}
