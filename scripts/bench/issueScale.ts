import { runBenchChild } from "./runBenchChild";

/** One issuance-only run of the bench at `n` credentials, in a process of its own. */
export interface IssueScalePoint {
  n: number;
  issuePerSec: number;
  /** maxRSS of that process (every thread), so each size's memory is its own. */
  peakRssMb: number;
  issueSeconds: number;
}

/**
 * Issuance at each of `sizes`, one after the other, each in a child `tsx scripts/bench.ts` with BENCH_ISSUE_ONLY
 * (its own Hardhat node, deploy and accreditation, then the timed issuance of the main run): time should grow
 * linearly with N and peak memory stay flat.
 */
export async function measureIssueScale(sizes: readonly number[], log: (message: string) => void): Promise<IssueScalePoint[]> {
  const points: IssueScalePoint[] = [];
  for (const n of sizes) {
    log(`issuance alone at N = ${n} in a process of its own…`);
    points.push(await runBenchChild<IssueScalePoint>("bench.ts", { BENCH_N: String(n), BENCH_ISSUE_ONLY: "1" }));
  }
  return points;
}
