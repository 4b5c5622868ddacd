import type { ServiceContext } from "../ServiceContext";
import { BATCH_STATES } from "../db/schema";
import { countPendingUploads } from "./countPendingUploads";

/** Anchor latency buckets in seconds (signed → confirmed): one block on a dev chain up to a congested network. */
const LATENCY_BUCKETS = [0.5, 1, 2, 5, 10, 30, 60, 120, 300];

/**
 * Prometheus text exposition. Counts come from the database, so they survive restarts and agree between
 * instances; the RPC error counter is per process (a Prometheus counter may reset).
 */
export async function renderMetrics(ctx: ServiceContext): Promise<string> {
  const { db } = ctx;
  const lines: string[] = [];
  const states = await db.selectFrom("batches").select((eb) => ["state", eb.fn.countAll<number>().as("n")]).groupBy("state").execute();
  const byState = new Map(states.map((row) => [row.state, row.n]));
  lines.push("# HELP credanchor_batches Batches by state.", "# TYPE credanchor_batches gauge");
  for (const state of BATCH_STATES) lines.push(`credanchor_batches{state="${state}"} ${byState.get(state) ?? 0}`);

  const { issued } = await db
    .selectFrom("batches")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("count"), eb.lit(0)).as("issued"))
    .where("state", "=", "published")
    .executeTakeFirstOrThrow();
  lines.push("# HELP credanchor_credentials_issued_total Credentials released in published batches.", "# TYPE credanchor_credentials_issued_total counter");
  lines.push(`credanchor_credentials_issued_total ${issued}`);

  const anchored = await db
    .selectFrom("batches")
    .select(["signed_at_ms", "confirmed_at_ms"])
    .where("confirmed_at_ms", "is not", null)
    .where("signed_at_ms", "is not", null)
    .execute();
  const latencies = anchored.map((row) => (row.confirmed_at_ms! - row.signed_at_ms!) / 1000);
  lines.push("# HELP credanchor_anchor_latency_seconds Time from a signed batch to its confirmed anchor.", "# TYPE credanchor_anchor_latency_seconds histogram");
  for (const bound of LATENCY_BUCKETS) lines.push(`credanchor_anchor_latency_seconds_bucket{le="${bound}"} ${latencies.filter((s) => s <= bound).length}`);
  lines.push(`credanchor_anchor_latency_seconds_bucket{le="+Inf"} ${latencies.length}`);
  lines.push(`credanchor_anchor_latency_seconds_sum ${latencies.reduce((sum, s) => sum + s, 0)}`);
  lines.push(`credanchor_anchor_latency_seconds_count ${latencies.length}`);

  lines.push("# HELP credanchor_rpc_errors_total Failed JSON-RPC calls since this process started.", "# TYPE credanchor_rpc_errors_total counter");
  lines.push(`credanchor_rpc_errors_total ${ctx.metrics.rpcErrors}`);
  const pending = await countPendingUploads(db);
  lines.push("# HELP credanchor_content_pending_uploads Manifests not yet accepted by the content store.", "# TYPE credanchor_content_pending_uploads gauge");
  lines.push(`credanchor_content_pending_uploads ${pending}`);
  return `${lines.join("\n")}\n`;
}
