import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { dirname } from "node:path";
import { createRedactor } from "@credanchor/core/chain";
import { buildApp } from "./app";
import { configFromEnv, createConfig, type Config, type ConfigInput } from "./config";
import { ensureSpasBuilt } from "./buildSpa";
import { createApiKey, ensureUniversity } from "./domain/apiKeys";
import { appendAudit } from "./domain/appendAudit";
import { importBatch, type ExternalBatch } from "./domain/importBatch";
import { createOrganisation, type Organisation } from "./requests/organisations";
import { addReviewer, type ReviewerIdentity } from "./requests/reviewers";
import { createServiceContext, type ContextOptions, type ServiceContext } from "./ServiceContext";
import { createAnchorWorker } from "./worker/createAnchorWorker";

/** A university to serve; its names and domain come from the registry, where the key was accredited. */
export interface SeedUniversity {
  id: string;
  /** The university's accredited signing key (0x hex); written to the key directory if it has no key yet. */
  privateKey: string;
}

export interface StartOptions extends ContextOptions {
  /** Configuration values; anything left out comes from the defaults (not from the environment). */
  config?: ConfigInput;
  /** Universities to install keys for and to give a demo API key (admin, incl. registrar and revoker). */
  universities?: readonly SeedUniversity[];
  /** Batches anchored before the service started (npm start's seed), taken in so the console shows them. */
  imports?: readonly ExternalBatch[];
  /**
   * Verifying organisations to register under their verified names, each with a demo organisation key and the
   * identities registered as its reviewers (who sign in to the inbox).
   */
  organisations?: readonly (Organisation & { reviewers?: readonly (ReviewerIdentity & { name: string })[] })[];
  /** Where the demo API keys are written as `{"<universityId>": "<key>"}`; default out/local/api-keys.json. */
  apiKeysFile?: string;
  /**
   * Start from an empty SQLite file and key directory. `npm start` runs a fresh chain every time, and batches or
   * keys of an earlier chain would point at nothing on the new one. A PostgreSQL database (`databaseUrl`) is the
   * operator's and is never wiped.
   */
  reset?: boolean;
}

export interface RunningIssuerService {
  url: string;
  apiKeys: Record<string, string>;
  /** The seeded organisations' keys by organisation id. */
  organisationKeys: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Node's defaults let a client take 60 s to send headers and 300 s for a whole request, so a handful of slow
 * (slowloris-style) uploads could hold every connection. A 50,000-row CSV (about 7 MB) still fits comfortably.
 */
const HEADERS_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 120_000;

function listen(app: ReturnType<typeof buildApp>, config: Config): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(server)));
    server.headersTimeout = HEADERS_TIMEOUT_MS;
    server.requestTimeout = REQUEST_TIMEOUT_MS;
  });
}

/** Starts worker and HTTP server over an existing context; `close()` stops taking requests, lets the worker finish its step, closes the DB. */
async function run(config: Config, ctx: ServiceContext): Promise<{ url: string; close(): Promise<void> }> {
  await ensureSpasBuilt();
  const worker = createAnchorWorker(ctx);
  worker.start();
  const server = await listen(buildApp(config, ctx), config);
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${config.host}:${port}`,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await worker.stop();
        await ctx.close();
      })();
      return closing;
    },
  };
}

/**
 * For `npm start` (scripts/start-local.ts): installs the seed universities' keys, creates one demo API key per
 * university (written to `apiKeysFile`), starts the worker and listens. Keys are passed in by the caller; this
 * service never imports the CLI's dev accounts.
 */
export async function startIssuerService(options: StartOptions = {}): Promise<RunningIssuerService> {
  const config = createConfig(options.config ?? {});
  if (options.reset === true) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${config.databasePath}${suffix}`, { force: true });
    rmSync(config.keyDir, { recursive: true, force: true });
  }
  const ctx = await createServiceContext(config, options);
  const apiKeys: Record<string, string> = {};
  for (const university of options.universities ?? []) {
    ctx.keys.install(university.id, university.privateKey);
    await ensureUniversity(ctx.db, university.id);
    const { key, info } = await createApiKey(ctx.db, university.id, ["admin", "registrar", "revoker"], "demo key (npm start)");
    await appendAudit(ctx.db, { universityId: university.id, keyId: info.id }, "apiKey.create", null, "ok", { keyId: info.id, roles: info.roles, seeded: true });
    apiKeys[university.id] = key;
  }
  const apiKeysFile = options.apiKeysFile ?? "out/local/api-keys.json";
  if (options.universities !== undefined) {
    mkdirSync(dirname(apiKeysFile), { recursive: true });
    writeFileSync(apiKeysFile, `${JSON.stringify(apiKeys, null, 2)}\n`, { mode: 0o600 });
  }
  for (const batch of options.imports ?? []) await importBatch(ctx, batch);
  const organisationKeys: Record<string, string> = {};
  for (const organisation of options.organisations ?? []) {
    organisationKeys[organisation.id] = (await createOrganisation(ctx.db, organisation.id, organisation.name, "demo key (npm start)")).key;
    for (const reviewer of organisation.reviewers ?? []) await addReviewer(ctx.db, organisation.id, reviewer);
  }
  const running = await run(config, ctx);
  return { ...running, apiKeys, organisationKeys };
}

async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  const ctx = await createServiceContext(config);
  for (const id of ctx.keys.universities()) await ensureUniversity(ctx.db, id);
  const running = await run(config, ctx);
  ctx.log({ level: "info", event: "listening", url: running.url, universities: ctx.keys.universities() });
  const shutdown = (signal: string) => {
    ctx.log({ level: "info", event: "shutdown", signal });
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    // Before a context exists: the configured URLs' secrets are redacted straight from the environment.
    const redact = createRedactor([process.env.CREDANCHOR_RPC ?? "", process.env.IPFS_API_URL ?? ""]);
    process.stderr.write(`issuer service failed to start: ${redact(error instanceof Error ? error.message : String(error))}\n`);
    process.exit(1);
  });
}
