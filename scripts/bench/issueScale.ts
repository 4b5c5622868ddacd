import { spawn } from "node:child_process";
import { join } from "node:path";

/** One issuance-only run of the bench at `n` credentials, in a process of its own. */
export interface IssueScalePoint {
  n: number;
  issuePerSec: number;
  /** maxRSS of that process (every thread), so each size's memory is its own. */
  peakRssMb: number;
  issueSeconds: number;
}

const BENCH = join(__dirname, "..", "bench.ts");
const TSX = join(__dirname, "..", "..", "node_modules", ".bin", "tsx");

/**
 * Issuance at each of `sizes`, one after the other, each in a child `tsx scripts/bench.ts` with BENCH_ISSUE_ONLY
 * (its own Hardhat node, deploy and accreditation, then the timed issuance of the main run): time should grow
 * linearly with N and peak memory stay flat.
 */
export async function measureIssueScale(sizes: readonly number[], log: (message: string) => void): Promise<IssueScalePoint[]> {
  const points: IssueScalePoint[] = [];
  for (const n of sizes) {
    log(`issuance alone at N = ${n} in a process of its own…`);
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = spawn(TSX, [BENCH], { env: { ...process.env, BENCH_N: String(n), BENCH_ISSUE_ONLY: "1" }, stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.once("error", reject);
      child.once("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`issuance at N = ${n} exited ${code}`))));
    });
    points.push(JSON.parse(stdout.trim().split("\n").at(-1) as string) as IssueScalePoint);
  }
  return points;
}
