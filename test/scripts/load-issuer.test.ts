import { expect } from "chai";
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { ScenarioResult } from "../../scripts/load/runScenario";

const ROOT = join(__dirname, "..", "..");

function runLoad(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ["--require", "tsx/cjs", join(ROOT, "scripts", "load-issuer.ts"), ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolveRun({ code, stdout, stderr }));
  });
}

// A smoke run with tiny counts, so the load script cannot rot; the figures themselves belong in docs/PERFORMANCE.md.
describe("npm run load (scripts/load-issuer.ts)", function () {
  this.timeout(600_000);

  it("--help describes the options and exits 0", async () => {
    const { code, stdout } = await runLoad(["--help"]);
    expect(code).to.equal(0);
    for (const option of ["--engines", "--instances", "--batches", "--rows", "--universities", "--read-seconds"]) expect(stdout).to.include(option);
  });

  it("refuses an unknown engine before starting anything", async () => {
    const { code, stderr } = await runLoad(["--engines", "mysql"]);
    expect(code).to.equal(1);
    expect(stderr).to.include("--engines takes sqlite, postgres, not mysql");
  });

  // SQLite with one instance (npm start's setting) and PostgreSQL with two (production's), so both engines and the
  // spreading of connections over several instances are run.
  for (const [engine, instances] of [
    ["sqlite", 1],
    ["postgres", 2],
  ] as const) {
    it(`uploads, publishes and reads on ${engine} with ${instances} instance(s), reporting JSON and progress on stderr`, async () => {
      const counts = ["--batches", "3", "--rows", "20", "--universities", "2", "--read-seconds", "1", "--read-connections", "2"];
      const { code, stdout, stderr } = await runLoad(["--engines", engine, "--instances", String(instances), ...counts]);
      expect(code, stderr).to.equal(0);
      const report = JSON.parse(stdout) as { counts: { batches: number; rows: number }; scenarios: ScenarioResult[] };
      expect(report.counts).to.include({ batches: 3, rows: 20 });
      expect(report.scenarios.map((scenario) => [scenario.engine, scenario.instances])).to.deep.equal([[engine, instances]]);
      const [scenario] = report.scenarios as [ScenarioResult];
      expect(scenario.upload).to.include({ requests: 3, accepted: 3, errors: 0, non2xx: 0 });
      expect(scenario.publication).to.include({ published: 3, anchorTransactions: 3 });
      for (const read of [scenario.readCredential, scenario.readStatus]) {
        expect(read.requests).to.be.greaterThan(0);
        expect(read).to.include({ errors: 0, non2xx: 0 });
        expect(read.latencyMs.p99).to.be.at.least(read.latencyMs.p50);
      }
      const name = `[${engine} ×${instances}]`;
      expect(stderr).to.include(`${name} starting instance ${instances}/${instances}`);
      expect(stderr).to.include(`${name} publishing: 3/3 published`);
    });
  }
});
