/**
 * `npm start`: the whole system on one machine with embedded defaults. Starts a Hardhat node, deploys the
 * contracts, accredits the seed universities (Hardhat dev accounts 1–8, admin = account 0), issues one sample
 * batch per university into out/local/credentials/, prints the URLs and how to verify, and stops everything
 * cleanly on Ctrl-C.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { Wallet } from "ethers";
import { DEV_PRIVATE_KEYS } from "../cli/devAccounts";
import { isPortFree, startLocalChain } from "./lib/localChain";
import { runCliOrThrow } from "./lib/runCli";

const ROOT = join(__dirname, "..");
const CHAIN_PORT = Number(process.env.CHAIN_PORT ?? 8545);
const CREDENTIALS_DIR = join(ROOT, "out", "local", "credentials");

interface SeedUniversity {
  id: string;
  nameEn: string;
  nameZh: string;
  domain: string;
  devAccount: number;
}

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

function graduateFileOf(id: string): string | undefined {
  return ["csv", "json"].map((ext) => join(ROOT, "seeds", "graduates", `${id}.${ext}`)).find((path) => existsSync(path));
}

async function main(): Promise<void> {
  if (!(await isPortFree(CHAIN_PORT))) {
    throw new Error(`Port ${CHAIN_PORT} is in use. Stop what runs there or set CHAIN_PORT to another port.`);
  }
  // The local chain starts empty every time: deployments and credentials of an earlier run would point at nothing.
  rmSync(join(ROOT, "deployments", "31337.json"), { force: true });
  rmSync(CREDENTIALS_DIR, { recursive: true, force: true });

  const chain = await startLocalChain(CHAIN_PORT, { log });
  const onChainExit = (code: number | null, signal: NodeJS.Signals | null) => {
    log(`The chain stopped unexpectedly (${signal ?? `exit ${code}`}).`);
    process.exit(1);
  };
  chain.process.once("exit", onChainExit);
  const stop = async (signal: string) => {
    log(`\n${signal}: stopping…`);
    chain.process.off("exit", onChainExit);
    await chain.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));

  try {
    await seed(chain.url);
  } catch (error) {
    chain.process.off("exit", onChainExit);
    await chain.stop();
    throw error;
  }
}

async function seed(chainUrl: string): Promise<void> {
  const env = { CREDANCHOR_RPC: chainUrl, CREDANCHOR_DEPLOYMENT: join(ROOT, "deployments", "31337.json") };
  await runCliOrThrow(["deploy"], env);
  log("Contracts deployed (deployments/31337.json).");

  const universities = JSON.parse(readFileSync(join(ROOT, "seeds", "consortium.json"), "utf8")) as SeedUniversity[];
  for (const university of universities) {
    const address = new Wallet(DEV_PRIVATE_KEYS[university.devAccount] as string).address;
    await runCliOrThrow(
      ["accredit", address, "--name-en", university.nameEn, "--name-zh", university.nameZh, "--domain", university.domain],
      env,
    );
  }
  log(`Accredited ${universities.length} universities.`);

  const started = Date.now();
  let issued = 0;
  const samples: string[] = [];
  for (const university of universities) {
    const input = graduateFileOf(university.id);
    if (input === undefined) continue;
    const out = join(CREDENTIALS_DIR, university.id);
    const result = await runCliOrThrow(
      ["issue", "--input", input, "--out", out, "--dev-account", String(university.devAccount), "--json"],
      env,
    );
    const report = JSON.parse(result.stdout) as { count: number };
    issued += report.count;
    const first = readdirSync(out).find((name) => !name.startsWith("batch-") && name.endsWith(".json"));
    if (first) samples.push(relative(ROOT, join(out, first)));
    log(`  ${university.nameEn} / ${university.nameZh}: ${report.count} credentials`);
  }
  const seconds = (Date.now() - started) / 1000;
  log(`Issued ${issued} credentials in ${seconds.toFixed(1)} s into ${relative(ROOT, CREDENTIALS_DIR)}/.`);

  log(`
CredAnchor is running.
  Chain (JSON-RPC)   ${chainUrl}   chain id 31337
  Deployment         deployments/31337.json
  Credentials        ${relative(ROOT, CREDENTIALS_DIR)}/<university>/

Verify one:
  npx credanchor verify ${samples[0] ?? "<file>"}
  npx credanchor verify ${samples[0] ?? "<file>"} --lang zh-Hant

Press Ctrl-C to stop.`);
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
