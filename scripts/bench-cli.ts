/**
 * `npm run bench:cli`: how long a person waits for the `credanchor` command (issue 12: `--help` under 0.5 s, `verify`
 * of one file against a local chain under 1 s). Starts a Hardhat node, issues a small batch with the real CLI, then
 * runs `credanchor --help` and `credanchor verify FILE` BENCH_CLI_RUNS times each (default 5), one after the other, as
 * a user would (a new Node process each time, wall time from spawn to exit). Prints one JSON line: the medians, and
 * every run.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Wallet } from "ethers";
import { DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import { freePort, startLocalChain } from "./lib/localChain";
import { median } from "./lib/median";
import { runCli, runCliOrThrow } from "./lib/runCli";

const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 5);

/** Wall times in ms of RUNS sequential runs; every run must exit 0. */
async function time(args: string[], env: NodeJS.ProcessEnv): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    const result = await runCli(args, env);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.code !== 0) throw new Error(`credanchor ${args.join(" ")} exited ${result.code}\n${result.stderr}`);
  }
  return times.map((ms) => Math.round(ms));
}

async function main(): Promise<void> {
  const chain = await startLocalChain(await freePort());
  const dir = mkdtempSync(join(tmpdir(), "credanchor-bench-cli-"));
  try {
    const env = { CREDANCHOR_RPC: chain.url, CREDANCHOR_DEPLOYMENT: join(dir, "deployment.json") };
    await runCliOrThrow(["deploy"], env);
    const university = new Wallet(DEV_PRIVATE_KEYS[1] as string).address;
    await runCliOrThrow(["accredit", university, "--name-en", "Harbour University", "--name-zh", "海港大學", "--domain", "harbour.example.edu"], env);
    const input = join(dir, "graduates.csv");
    writeFileSync(
      input,
      "student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date\n" +
        "BENCH0001,Chan Tai Man,陳大文,Bachelor of Science,理學士,Chemistry,化學,First Class Honours,2026-06-30\n",
    );
    const out = join(dir, "issued");
    await runCliOrThrow(["issue", "--input", input, "--out", out, "--dev-account", "1"], env);
    const file = join(out, readdirSync(out).find((name) => !name.startsWith("batch-") && name.endsWith(".json")) as string);

    process.stderr.write(`Timing ${RUNS} runs each of credanchor --help and credanchor verify…\n`);
    const help = await time(["--help"], env);
    const verify = await time(["verify", file], env);
    process.stdout.write(`${JSON.stringify({ runs: RUNS, cliHelpMs: median(help), cliVerifyMs: median(verify), helpRunsMs: help, verifyRunsMs: verify })}\n`);
  } finally {
    await chain.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:cli failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
