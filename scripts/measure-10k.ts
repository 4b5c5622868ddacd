/**
 * One-off measurement (not a test): how long a 10,000-row CSV takes from upload to a confirmed (and published) batch
 * on a local Hardhat chain, with the real app, worker and a SQLite file. Run: `npx tsx scripts/measure-10k.ts`.
 * Prints the time to accept the upload (parse + validate + store) and when each state was first seen.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HDNodeWallet, Mnemonic } from "ethers";
import request from "supertest";
import { graduateCsv } from "./lib/graduateCsv";
import { freePort, startLocalChain } from "./lib/localChain";
import { runCliOrThrow } from "./lib/runCli";
import { buildApp } from "../issuer-service/app";
import { createConfig } from "../issuer-service/config";
import { createApiKey } from "../issuer-service/domain/apiKeys";
import { createServiceContext } from "../issuer-service/ServiceContext";
import { createAnchorWorker } from "../issuer-service/worker/createAnchorWorker";

/** Hardhat's documented development mnemonic; account 1 is the first university on a local chain. */
const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";
const ROWS = 10_000;

async function main(): Promise<void> {
  const chain = await startLocalChain(await freePort());
  const dir = mkdtempSync(join(tmpdir(), "measure-10k-"));
  try {
    const deploymentPath = join(dir, "deployment.json");
    const env = { CREDANCHOR_RPC: chain.url, CREDANCHOR_DEPLOYMENT: deploymentPath };
    await runCliOrThrow(["deploy"], env);
    const university = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(HARDHAT_MNEMONIC), "m/44'/60'/0'/0/1");
    await runCliOrThrow(["accredit", university.address, "--name-en", "Harbour University", "--name-zh", "海港大學", "--domain", "harbour.example.edu"], env);

    const config = createConfig({ databasePath: join(dir, "service.sqlite"), rpcUrl: chain.url, deploymentPath, keyDir: join(dir, "keys"), contentDir: join(dir, "content"), workerIntervalMs: 50, rateLimitPerKey: 100_000, rateLimitPerIp: 100_000 });
    const ctx = await createServiceContext(config, { log: () => undefined });
    ctx.keys.install("harbour", university.privateKey);
    const { key } = await createApiKey(ctx.db, "harbour", ["registrar"], "measurement");
    const app = buildApp(config, ctx);
    const worker = createAnchorWorker(ctx);
    const body = graduateCsv(ROWS);

    const started = Date.now();
    worker.start();
    const upload = await request(app).post("/api/v1/batches").set("authorization", `Bearer ${key}`).set("content-type", "text/csv").send(body);
    if (upload.status !== 202) throw new Error(`upload answered ${upload.status}: ${JSON.stringify(upload.body).slice(0, 500)}`);
    const seen: Record<string, number> = { accepted: Date.now() - started };
    for (;;) {
      const batch = (await request(app).get(`/api/v1/batches/${upload.body.id}`).set("authorization", `Bearer ${key}`)).body as { state: string; error: string | null };
      seen[batch.state] ??= Date.now() - started;
      if (batch.state === "published" || batch.state === "failed") {
        if (batch.state === "failed") throw new Error(`batch failed: ${batch.error}`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await worker.stop();
    await ctx.close();
    process.stdout.write(`${ROWS} rows, ${(body.length / 1e6).toFixed(1)} MB CSV; milliseconds since upload started:\n`);
    for (const [state, ms] of Object.entries(seen)) process.stdout.write(`  ${state.padEnd(10)} ${ms}\n`);
  } finally {
    await chain.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
