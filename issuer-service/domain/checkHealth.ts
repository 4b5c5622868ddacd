import type { ServiceContext } from "../ServiceContext";
import { countPendingUploads } from "./countPendingUploads";

export interface Health {
  status: "ok" | "unavailable";
  checks: {
    database: { ok: boolean; error?: string };
    chain: { ok: boolean; blockNumber?: number; error?: string; rpcErrors: number; lastWorkerError: string | null };
    contentStore: { ok: boolean; kind: string; pendingUploads: number };
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Database, chain and content store each asked now; any one down makes the whole service report 503. */
export async function checkHealth(ctx: ServiceContext): Promise<Health> {
  let database: Health["checks"]["database"];
  let pendingUploads = 0;
  try {
    pendingUploads = await countPendingUploads(ctx.db);
    database = { ok: true };
  } catch (error) {
    database = { ok: false, error: ctx.describeError(error) };
  }
  let chain: Health["checks"]["chain"];
  try {
    const blockNumber = await withTimeout(ctx.chain.provider.getBlockNumber(), 3000);
    ctx.chainHealth.latestBlock = blockNumber;
    chain = { ok: true, blockNumber, rpcErrors: ctx.metrics.rpcErrors, lastWorkerError: ctx.chainHealth.lastError };
  } catch (error) {
    ctx.metrics.rpcErrors++;
    chain = { ok: false, error: ctx.describeError(error).slice(0, 200), rpcErrors: ctx.metrics.rpcErrors, lastWorkerError: ctx.chainHealth.lastError };
  }
  const contentStore = { ok: await withTimeout(ctx.store.healthy(), 3000).catch(() => false), kind: ctx.store.kind, pendingUploads };
  const ok = database.ok && chain.ok && contentStore.ok;
  return { status: ok ? "ok" : "unavailable", checks: { database, chain, contentStore } };
}
