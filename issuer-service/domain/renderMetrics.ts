import type { ServiceContext } from "../ServiceContext";
import { BATCH_STATES } from "./BatchView";

/** Anchor latency buckets in seconds (signed → confirmed): one block on a dev chain up to a congested network. */
const LATENCY_BUCKETS = [0.5, 1, 2, 5, 10, 30, 60, 120, 300];

/**
 * Prometheus text exposition. Counts come from the database, so they survive restarts and agree between
 * instances; the RPC error counter is per process (a Prometheus counter may reset).
 */
export function renderMetrics(ctx: ServiceContext): string {
  const { db } = ctx;
  const lines: string[] = [];
  const byState = new Map((db.prepare("SELECT state, COUNT(*) AS n FROM batches GROUP BY state").all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
  lines.push("# HELP credanchor_batches Batches by state.", "# TYPE credanchor_batches gauge");
  for (const state of BATCH_STATES) lines.push(`credanchor_batches{state="${state}"} ${byState.get(state) ?? 0}`);

  const issued = (db.prepare("SELECT COALESCE(SUM(count), 0) AS n FROM batches WHERE state = 'published'").get() as { n: number }).n;
  lines.push("# HELP credanchor_credentials_issued_total Credentials released in published batches.", "# TYPE credanchor_credentials_issued_total counter");
  lines.push(`credanchor_credentials_issued_total ${issued}`);

  const latencies = (
    db.prepare("SELECT (confirmed_at_ms - signed_at_ms) / 1000.0 AS s FROM batches WHERE confirmed_at_ms IS NOT NULL AND signed_at_ms IS NOT NULL").all() as { s: number }[]
  ).map((row) => row.s);
  lines.push("# HELP credanchor_anchor_latency_seconds Time from a signed batch to its confirmed anchor.", "# TYPE credanchor_anchor_latency_seconds histogram");
  for (const bound of LATENCY_BUCKETS) lines.push(`credanchor_anchor_latency_seconds_bucket{le="${bound}"} ${latencies.filter((s) => s <= bound).length}`);
  lines.push(`credanchor_anchor_latency_seconds_bucket{le="+Inf"} ${latencies.length}`);
  lines.push(`credanchor_anchor_latency_seconds_sum ${latencies.reduce((sum, s) => sum + s, 0)}`);
  lines.push(`credanchor_anchor_latency_seconds_count ${latencies.length}`);

  lines.push("# HELP credanchor_rpc_errors_total Failed JSON-RPC calls since this process started.", "# TYPE credanchor_rpc_errors_total counter");
  lines.push(`credanchor_rpc_errors_total ${ctx.metrics.rpcErrors}`);
  const pending = (db.prepare("SELECT COUNT(*) AS n FROM content WHERE uploaded = 0").get() as { n: number }).n;
  lines.push("# HELP credanchor_content_pending_uploads Manifests not yet accepted by the content store.", "# TYPE credanchor_content_pending_uploads gauge");
  lines.push(`credanchor_content_pending_uploads ${pending}`);
  return `${lines.join("\n")}\n`;
}
