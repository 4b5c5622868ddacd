import { expect } from "chai";
import { spawn } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

function runScript(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    // As `npm run bench` runs it: through tsx's own command, which also resolves the bench's dynamic imports.
    const child = spawn(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", script)], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolveRun({ code, stdout, stderr }));
  });
}

const lastJsonLine = (stdout: string) => JSON.parse(stdout.trim().split("\n").at(-1) as string) as Record<string, unknown>;

// Smoke runs with tiny counts, so the benchmarks cannot rot; their figures belong in docs/PERFORMANCE.md, never here.
describe("npm run bench and bench:core (scripts/bench.ts, scripts/bench-core.ts)", function () {
  this.timeout(900_000);

  it("bench: issues, verifies offline and online, runs OpenAttestation, a scale line of several CSV parts per thread, and the page", async () => {
    // 20,000 on two threads is 10,000 rows a thread: two of the worker's 8,192-row parts each.
    const env = { BENCH_N: "40", BENCH_THREADS: "2", BENCH_OA_N: "10", BENCH_ONLINE: "40", BENCH_SCALE: "20000", BENCH_TRANSCRIPTS: "0", BENCH_WEB_RUNS: "1" };
    const { code, stdout, stderr } = await runScript("bench.ts", env);
    expect(code, stderr).to.equal(0);
    const result = lastJsonLine(stdout);
    expect(result).to.include({ n: 40, threads: 2, onlineValid: 40, oaN: 10 });
    // Exactly the two credentials revoked on chain are found by the offline run (the bench itself fails otherwise).
    expect(result.verifyStatuses).to.deep.equal({ VALID: 38, INVALID: 2 });
    for (const field of ["issuePerSec", "verifyPerSec", "onlineVerifyPerSec", "oaWrapPerSec", "oaVerifyPerSec", "issueRatio", "verifyRatio", "peakRssMb"]) {
      expect(result[field], field).to.be.a("number").and.greaterThan(0);
    }
    const [scale] = result.issueScale as { n: number; issuePerSec: number; peakRssMb: number }[];
    expect(scale?.n).to.equal(20_000);
    expect(scale?.peakRssMb).to.be.greaterThan(0);
    const page = result.pageVerifyMs as { cold: number; warm: number };
    expect(page.cold).to.be.a("number").and.greaterThan(0);
    expect(page.warm).to.be.a("number").and.greaterThan(0);
    expect(result.verifierJsGzipKbFirstLoad).to.be.a("number").and.greaterThan(0);
  });

  it("bench:core: µs per credential for every step, median and best round", async () => {
    const { code, stdout, stderr } = await runScript("bench-core.ts", { BENCH_CORE_N: "200", BENCH_CORE_ROUNDS: "2" });
    expect(code, stderr).to.equal(0);
    const result = lastJsonLine(stdout) as { n: number; usPerCredential: Record<string, number>; usPerCredentialBest: Record<string, number> };
    expect(result.n).to.equal(200);
    for (const summary of [result.usPerCredential, result.usPerCredentialBest]) {
      expect(Object.keys(summary)).to.deep.equal(["issue", "validate", "build", "saltHash", "treeSign", "serialise", "verify", "strictParse"]);
      for (const value of Object.values(summary)) expect(value).to.be.greaterThan(0);
    }
  });
});
