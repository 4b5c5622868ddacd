import type { ServiceContext } from "../ServiceContext";
import { ChainError } from "@credanchor/core/protocol";
import { isRpcFailure } from "@credanchor/core/chain";
import type { BatchRow } from "../domain/BatchView";
import { purgeExpiredShares } from "../domain/shares";
import { InjectedCrash } from "../errors";
import { AnchoringRefusedError } from "./AnchoringRefusedError";
import { awaitAnchorConfirmation } from "./awaitAnchorConfirmation";
import { buildAndSignBatch } from "./buildAndSignBatch";
import { publishBatch } from "./publishBatch";
import { sendAnchorTransaction } from "./sendAnchorTransaction";
import { uploadPendingContent } from "./uploadPendingContent";

const ACTIVE_STATES = "('validated','built','signed','anchoring','confirmed')";
const MAX_BACKOFF_MS = 30_000;

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
 * attempts/lastError); any other error fails the batch with its reason.
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
  function rootMayBeOnChain(batchId: string, error: unknown): boolean {
    if (error instanceof AnchoringRefusedError) return false;
    const current = ctx.db.prepare("SELECT state FROM batches WHERE id = ?").get(batchId) as { state: string } | undefined;
    return current?.state === "anchoring" || current?.state === "confirmed";
  }

  async function advance(batchId: string): Promise<void> {
    for (;;) {
      if (crashed !== null) return;
      const batch = ctx.db.prepare(`SELECT * FROM batches WHERE id = ? AND state IN ${ACTIVE_STATES}`).get(batchId) as BatchRow | undefined;
      if (batch === undefined) return;
      try {
        const outcome = await ctx.sendLock.run(`university:${batch.university_id}`, () => step(batch));
        ctx.chainHealth.ok = true;
        ctx.chainHealth.lastError = null;
        if (outcome === "waiting") {
          ctx.db.prepare("UPDATE batches SET next_attempt_at = ? WHERE id = ?").run(Date.now() + ctx.config.workerIntervalMs, batchId);
          return;
        }
      } catch (error) {
        if (error instanceof InjectedCrash) {
          crashed = error;
          return;
        }
        const chainFailure = isRpcFailure(error) || error instanceof ChainError;
        if (chainFailure || rootMayBeOnChain(batchId, error)) {
          if (chainFailure) {
            ctx.metrics.rpcErrors++;
            ctx.chainHealth.ok = false;
            ctx.chainHealth.lastError = ctx.describeError(error);
          }
          const delay = Math.min(MAX_BACKOFF_MS, ctx.config.workerIntervalMs * 2 ** Math.min(batch.attempts, 10));
          ctx.db.prepare("UPDATE batches SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?").run(
            ctx.describeError(error),
            Date.now() + delay,
            new Date().toISOString(),
            batchId,
          );
          ctx.log({ level: "warn", event: "batch.retry", batch: batchId, state: batch.state, attempts: batch.attempts + 1, error: ctx.describeError(error) });
        } else {
          ctx.db.prepare("UPDATE batches SET state = 'failed', failure = ?, last_error = ?, updated_at = ? WHERE id = ?").run(
            ctx.describeError(error),
            ctx.describeError(error),
            new Date().toISOString(),
            batchId,
          );
          ctx.log({ level: "error", event: "batch.failed", batch: batchId, state: batch.state, error: ctx.describeError(error) });
        }
        return;
      }
    }
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
    const due = ctx.db
      .prepare(`SELECT id FROM batches WHERE state IN ${ACTIVE_STATES} AND next_attempt_at <= ? ORDER BY seq`)
      .all(Date.now()) as { id: string }[];
    for (const { id } of due) {
      if (crashed !== null) return;
      await advance(id);
    }
    if (crashed === null) await uploadPendingContent(ctx);
    purgeExpiredShares(ctx.db);
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
    },
    runOnce,
    get crashed() {
      return crashed;
    },
  };
}
