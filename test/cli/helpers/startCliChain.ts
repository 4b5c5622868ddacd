import { expect } from "chai";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Wallet } from "ethers";
import { DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import type { VerificationReport } from "../../../core/src/VerificationReport";
import { freePort, startLocalChain } from "../../../scripts/lib/localChain";
import { runCli, type CliResult } from "../../../scripts/lib/runCli";

const HEADER = "student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date";

/** A Hardhat node, a scratch folder and the real `credanchor` command pointed at both: the operator's seat. */
export interface CliChain {
  url: string;
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Runs `credanchor ARGS` with this chain's --rpc and --deployment; `log` (if set) sees every command and output. */
  cli(...args: string[]): Promise<CliResult>;
  /** The address of Hardhat dev account `n`. */
  address(n: number): string;
  rpc(method: string, params?: unknown[]): Promise<unknown>;
  /** Moves the chain's clock forward so that the next block is at least `seconds` later. */
  advance(seconds: number): Promise<void>;
  latestTimestamp(): Promise<number>;
  /** Issues a batch of `count` graduates signed by `keyArgs` (e.g. --dev-account 1); the credential files. */
  issue(name: string, count: number, ...keyArgs: string[]): Promise<string[]>;
  /** `verify FILE --json [--at ISO]`: the report and the exit code (not logged: the reports are long). */
  verify(file: string, at?: number): Promise<{ code: number; report: VerificationReport }>;
  stop(): Promise<void>;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

export async function startCliChain(prefix: string, log?: (line: string) => void): Promise<CliChain> {
  const chain = await startLocalChain(await freePort());
  const dir = mkdtempSync(join(tmpdir(), `credanchor-${prefix}-`));
  const env: NodeJS.ProcessEnv = { CREDANCHOR_RPC: chain.url, CREDANCHOR_DEPLOYMENT: join(dir, "deployment.json"), CREDANCHOR_KEY_PASSPHRASE: "" };
  const rpc = async (method: string, params: unknown[] = []): Promise<unknown> => {
    const response = await fetch(chain.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    return ((await response.json()) as { result: unknown }).result;
  };
  const cli = async (...args: string[]) => {
    const result = await runCli(args, env);
    log?.(`$ credanchor ${args.join(" ")}\n${result.stdout}${result.stderr}(exit ${result.code})`);
    return result;
  };
  const latestTimestamp = async () => Number(((await rpc("eth_getBlockByNumber", ["latest", false])) as { timestamp: string }).timestamp);
  return {
    url: chain.url,
    dir,
    env,
    cli,
    address: (n) => new Wallet(DEV_PRIVATE_KEYS[n] as string).address,
    rpc,
    latestTimestamp,
    async advance(seconds) {
      await rpc("evm_setNextBlockTimestamp", [(await latestTimestamp()) + seconds]);
      await rpc("evm_mine");
    },
    async issue(name, count, ...keyArgs) {
      const input = join(dir, `${name}.csv`);
      const rows = Array.from({ length: count }, (_, i) => `${name.toUpperCase()}${i + 1},Graduate ${i + 1},畢業生${i + 1},Bachelor of Arts,文學士,History,歷史,Pass,2026-06-30`);
      writeFileSync(input, `${HEADER}\n${rows.join("\n")}\n`);
      const out = join(dir, name);
      const result = await cli("issue", "--input", input, "--out", out, ...keyArgs);
      expect(result.code, result.stderr).to.equal(0);
      return readdirSync(out)
        .filter((file) => file.endsWith(".json") && !file.startsWith("batch-"))
        .sort()
        .map((file) => join(out, file));
    },
    async verify(file, at) {
      const result = await runCli(["verify", file, "--json", ...(at === undefined ? [] : ["--at", iso(at)])], env);
      return { code: result.code, report: JSON.parse(result.stdout) as VerificationReport };
    },
    async stop() {
      await chain.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
