/**
 * Shared fixture of the issuer-service tests: a real Hardhat node on a free port with the contracts deployed and two
 * universities accredited through the real CLI, and the real app over a real database: a SQLite file in a temp
 * directory, or a fresh database on the throwaway PostgreSQL cluster. `describeEachEngine` runs a suite on both.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Contract, JsonRpcProvider, Wallet } from "ethers";
import type { Express } from "express";
import { unzipSync } from "fflate";
import request from "supertest";
import { DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import { credentialAnchorAbi } from "../../core/src/generated/abis";
import { buildApp } from "../../issuer-service/app";
import { createConfig, type Config, type ConfigInput } from "../../issuer-service/config";
import { createApiKey, type Role } from "../../issuer-service/domain/apiKeys";
import { createServiceContext, type ContextOptions, type ServiceContext } from "../../issuer-service/ServiceContext";
export type { Faults } from "../../issuer-service/ServiceContext";
import { createAnchorWorker, type AnchorWorker } from "../../issuer-service/worker/createAnchorWorker";
import { freePort, startLocalChain, type LocalChain } from "../../scripts/lib/localChain";
import { testDatabaseUrl } from "../lib/testPostgres";
import { runCli, runCliOrThrow } from "../../scripts/lib/runCli";

export const UNIVERSITIES = {
  harbour: { devAccount: 1, nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu" },
  lionrock: { devAccount: 2, nameEn: "Lion Rock University", nameZh: "獅子山大學", domain: "lionrock.example.edu" },
} as const;
export type UniversityId = keyof typeof UNIVERSITIES;

const HEADER = "student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date,gpa";

/** A valid CSV of `count` graduates whose student ids start with `prefix`. */
export function graduatesCsv(prefix: string, count: number): string {
  const rows = Array.from(
    { length: count },
    (_, i) =>
      `${prefix}${String(i + 1).padStart(6, "0")},Test Graduate ${i + 1},測試畢業生${i + 1},Bachelor of Science,理學士,Chemistry,化學,First Class Honours,2025-06-30,3.6${i % 10}`,
  );
  return `${HEADER}\n${rows.join("\n")}\n`;
}

export interface Chain {
  chain: LocalChain;
  dir: string;
  env: NodeJS.ProcessEnv;
  deploymentPath: string;
  provider: JsonRpcProvider;
  stop(): Promise<void>;
}

/**
 * `credanchor deploy` occasionally reads a stale nonce for its second contract (ethers caches identical RPC calls for
 * 250 ms) and fails with NONCE_EXPIRED; reported to the CLI's owner. A fresh attempt deploys both contracts anew.
 */
export async function deployWithRetry(env: NodeJS.ProcessEnv, ...options: string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const result = await runCli(["deploy", ...options], env);
    if (result.code === 0) return;
    if (attempt === 3 || !/nonce/i.test(result.stderr)) throw new Error(`credanchor deploy exited ${result.code}\n${result.stderr}`);
  }
}

/**
 * The next suite's chain, launched while the current suite runs: starting a node, deploying and accrediting takes
 * 5-10 s of mostly waiting, which would otherwise be spent again, idle, at the start of each of some 35 suites.
 */
let spareChain: Promise<Chain> | null = null;

/**
 * A chain with the contracts deployed and the test universities accredited, for one suite alone (its `stop` ends it).
 * Launches the next one in the background.
 */
export async function startChain(): Promise<Chain> {
  const chain = spareChain ?? launchChain();
  spareChain = launchChain();
  // A launch that fails is reported to the suite that takes it, not as an unhandled rejection before then.
  spareChain.catch(() => undefined);
  return chain;
}

// The spare left after the last suite is stopped with the run, so no node outlives it.
after(async () => {
  const spare = spareChain;
  spareChain = null;
  await (await spare?.catch(() => null))?.stop();
});

/** Starts a chain, deploys, accredits the test universities. */
async function launchChain(): Promise<Chain> {
  const chain = await startLocalChain(await freePort());
  const dir = mkdtempSync(join(tmpdir(), "issuer-service-"));
  const deploymentPath = join(dir, "deployment.json");
  const env = { CREDANCHOR_RPC: chain.url, CREDANCHOR_DEPLOYMENT: deploymentPath };
  try {
    await deployWithRetry(env);
    for (const university of Object.values(UNIVERSITIES)) {
      const address = new Wallet(DEV_PRIVATE_KEYS[university.devAccount] as string).address;
      await runCliOrThrow(["accredit", address, "--name-en", university.nameEn, "--name-zh", university.nameZh, "--domain", university.domain], env);
    }
  } catch (error) {
    await chain.stop();
    throw error;
  }
  // No 250 ms response cache: tests read the same logs before and after a change.
  const provider = new JsonRpcProvider(chain.url, undefined, { staticNetwork: true, cacheTimeout: -1 });
  return {
    chain,
    dir,
    env,
    deploymentPath,
    provider,
    async stop() {
      provider.destroy();
      await chain.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Engine = "sqlite" | "postgres";
export const ENGINES: readonly Engine[] = ["sqlite", "postgres"];
const ENGINE_NAMES: Record<Engine, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

let currentEngine: Engine = "sqlite";

/**
 * The suite once per storage engine ("… (SQLite)", "… (PostgreSQL)"): every service started inside it without an
 * explicit engine uses that suite's engine.
 */
export function describeEachEngine(title: string, suite: (this: Mocha.Suite, engine: Engine) => void): void {
  for (const engine of ENGINES) {
    describe(`${title} (${ENGINE_NAMES[engine]})`, function () {
      before(() => {
        currentEngine = engine;
      });
      suite.call(this, engine);
    });
  }
}

/** PostgreSQL databases by service name, so that starting a service again with the same name is a restart. */
const postgresDatabases = new Map<string, Promise<string>>();

export interface Service {
  config: Config;
  ctx: ServiceContext;
  app: Express;
  worker: AnchorWorker;
  keys: Record<UniversityId, string>;
  logs: Record<string, unknown>[];
  /** Stops the worker and closes the database, as a process exit would (the files stay). */
  stop(): Promise<void>;
}

/**
 * A service over the database `dbName` (a SQLite file in the chain's temp dir, or a PostgreSQL database of the
 * test cluster) of the suite's engine; a second call with the same name is a restart.
 */
export async function startService(
  chain: Chain,
  dbName: string,
  options: ContextOptions & { config?: Partial<ConfigInput>; worker?: boolean; apiKeys?: Partial<Record<UniversityId, Role[]>>; engine?: Engine } = {},
): Promise<Service> {
  const engine = options.engine ?? currentEngine;
  const databaseKey = `${chain.dir}/${dbName}`;
  if (engine === "postgres" && !postgresDatabases.has(databaseKey)) postgresDatabases.set(databaseKey, testDatabaseUrl());
  const config = createConfig({
    port: 0,
    databaseUrl: engine === "postgres" ? await postgresDatabases.get(databaseKey) : undefined,
    databasePath: join(chain.dir, `${dbName}.sqlite`),
    rpcUrl: chain.chain.url,
    deploymentPath: chain.deploymentPath,
    keyDir: join(chain.dir, `${dbName}-keys`),
    contentDir: join(chain.dir, `${dbName}-content`),
    workerIntervalMs: 50,
    // A restarted service (a new instance id) takes over a crashed one's worker lease after at most this long.
    leaseMs: 1000,
    // Suites poll batches 10 times a second through one key, over the production limit of 300 a minute; the
    // rate-limit tests set their own limits.
    rateLimitPerKey: 1_000_000,
    rateLimitPerIp: 1_000_000,
    ...options.config,
  });
  const logs: Record<string, unknown>[] = [];
  const ctx = await createServiceContext(config, { log: (entry) => logs.push(entry), ...options });
  const keys = {} as Record<UniversityId, string>;
  for (const [id, university] of Object.entries(UNIVERSITIES) as [UniversityId, (typeof UNIVERSITIES)[UniversityId]][]) {
    ctx.keys.install(id, DEV_PRIVATE_KEYS[university.devAccount] as string);
    keys[id] = (await createApiKey(ctx.db, id, options.apiKeys?.[id] ?? ["admin", "registrar", "revoker"], "test")).key;
  }
  const worker = createAnchorWorker(ctx);
  if (options.worker !== false) worker.start();
  return {
    config,
    ctx,
    app: buildApp(config, ctx),
    worker,
    keys,
    logs,
    async stop() {
      await worker.stop();
      await ctx.close();
    },
  };
}

/** Polls the batch until it reaches one of `states` (or fails the test after `timeoutMs`). */
export async function waitForState(
  get: () => Promise<{ state: string; [key: string]: unknown }>,
  states: string[],
  timeoutMs = 60_000,
): Promise<{ state: string; [key: string]: unknown }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const batch = await get();
    if (states.includes(batch.state)) return batch;
    if (Date.now() > deadline) throw new Error(`batch stayed in ${batch.state}: ${JSON.stringify(batch)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Number of BatchAnchored events for `root` on the chain, under `issuerId` (default: under any issuer). */
export async function anchoredEvents(chain: Chain, root: string, issuerId: string | null = null): Promise<number> {
  const deployment = JSON.parse(readFileSync(chain.deploymentPath, "utf8")) as { anchor: string };
  const anchor = new Contract(deployment.anchor, credentialAnchorAbi, chain.provider);
  return (await anchor.queryFilter(anchor.filters.BatchAnchored!(issuerId, root), 0)).length;
}

/** Downloads a published batch's ZIP through the API and returns its files by name. */
export async function downloadZip(app: Express, key: string, batchId: string): Promise<Record<string, Uint8Array>> {
  const response = await request(app)
    .get(`/api/v1/batches/${batchId}/credentials`)
    .set("authorization", `Bearer ${key}`)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => callback(null, Buffer.concat(chunks)));
    });
  if (response.status !== 200) throw new Error(`ZIP download answered ${response.status}: ${JSON.stringify(response.body)}`);
  return unzipSync(new Uint8Array(response.body as Buffer));
}

/** Uploads a CSV and waits until its batch is published (or failed). */
export async function issueCsv(app: Express, key: string, csv: string): Promise<{ id: string; state: string; root: string; [key: string]: unknown }> {
  const upload = await request(app).post("/api/v1/batches").set("authorization", `Bearer ${key}`).set("content-type", "text/csv").send(csv);
  if (upload.status !== 202) throw new Error(`upload answered ${upload.status}: ${JSON.stringify(upload.body)}`);
  const done = await waitForState(
    async () => (await request(app).get(`/api/v1/batches/${upload.body.id}`).set("authorization", `Bearer ${key}`)).body,
    ["published", "failed"],
  );
  if (done.state !== "published") throw new Error(`batch failed: ${JSON.stringify(done)}`);
  return done as { id: string; state: string; root: string };
}
