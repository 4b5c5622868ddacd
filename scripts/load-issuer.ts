/**
 * `npm run load`: throughput and latency of the issuer service under graduation-season load (issue 13), for each
 * storage engine with one and with two instances on one database. See `npm run load -- --help` and
 * docs/PERFORMANCE.md. Everything runs on loopback: a Hardhat chain, the instances, a throwaway PostgreSQL cluster.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import { BaseError } from "@credanchor/core/protocol";
import { freePort, startLocalChain, type LocalChain } from "./lib/localChain";
import { seedLocalChain } from "./lib/seedLocalChain";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./lib/throwawayPostgres";
import { LOAD_HELP, parseLoadOptions, type Engine } from "./load/parseLoadOptions";
import { runScenario, type ScenarioResult } from "./load/runScenario";

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
  const options = parseLoadOptions(process.argv.slice(2));
  if (options === "help") {
    process.stdout.write(LOAD_HELP);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "credanchor-load-"));
  let chain: LocalChain | undefined;
  let postgres: ThrowawayPostgres | undefined;
  try {
    chain = await startLocalChain(await freePort(), { log: progress });
    const deploymentPath = join(dir, "deployment.json");
    const seeded = await seedLocalChain(chain.url, {
      deploymentFile: deploymentPath,
      credentialsDir: join(dir, "seed-credentials"),
      contentDir: join(dir, "seed-content"),
      log: progress,
    });
    const universities = seeded.universities
      .slice(0, options.universities)
      .map((university) => ({ id: university.id, privateKey: DEV_PRIVATE_KEYS[university.devAccount] as string }));

    const database = async (engine: Engine, scenarioDir: string) => {
      if (engine === "sqlite") return { databasePath: join(scenarioDir, "issuer.sqlite") };
      postgres ??= await startThrowawayPostgres();
      return { databaseUrl: await postgres.createDatabase() };
    };
    const scenarios: ScenarioResult[] = [];
    for (const engine of options.engines) {
      for (const instances of options.instances) {
        const name = `${engine} ×${instances}`;
        const scenarioDir = join(dir, `${engine}-${instances}`);
        scenarios.push(
          await runScenario({
            engine,
            instances,
            options,
            database: await database(engine, scenarioDir),
            rpcUrl: chain.url,
            deploymentPath,
            universities,
            dir: scenarioDir,
            progress: (line) => progress(`[${name}] ${line}`),
          }),
        );
      }
    }
    const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown", memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version };
    const { engines: _engines, instances: _instances, ...counts } = options;
    process.stdout.write(`${JSON.stringify({ date: new Date().toISOString(), machine, counts, scenarios }, null, 2)}\n`);
  } finally {
    await chain?.stop();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  // Our own errors say what went wrong in one line (plus an instance's log); anything else keeps its stack.
  const known = error instanceof BaseError;
  process.stderr.write(`npm run load failed: ${known ? error.shortMessage : error instanceof Error ? error.stack : String(error)}\n`);
  if (known && typeof error.details === "string") process.stderr.write(`${error.details}\n`);
  process.exit(1);
});
