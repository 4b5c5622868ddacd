import type { Config } from "./config";
import { createChainClient, loadDeploymentFile, type ChainClient } from "./chain/createChainClient";
import { KeyRing } from "./chain/KeyRing";
import * as fs from "node:fs";
import { createDirectoryStore, type ContentStore } from "@credanchor/core/issue";
import { createRedactor } from "@credanchor/core/chain";
import { createIpfsStore } from "./content/createIpfsStore";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { openDatabase, type Db } from "./db/openDatabase";
import { resealWebhookSecrets } from "./requests/webhooks";
import { SecretBox } from "./secrets/SecretBox";
import { SendLock } from "./SendLock";

/** Points in the anchoring path where a test can make the process "die" (by throwing InjectedCrash). */
export interface Faults {
  /** After the signed raw transaction and its nonce are committed, before it is broadcast. */
  afterTxPersisted?: () => void;
  /** After the transaction was broadcast, before its receipt is read. */
  afterTxSent?: () => void;
}

/**
 * One structured log line. Never put a key, a secret or an Authorization header in it; the context's log redacts
 * URL credentials in every string anyway, because library errors quote the URL they failed on.
 */
export type Log = (entry: Record<string, unknown>) => void;

export interface ServiceContext {
  config: Config;
  db: Db;
  chain: ChainClient;
  keys: KeyRing;
  store: ContentStore;
  log: Log;
  /**
   * An error as text that may be shown, stored or logged: its message with every URL's credentials and the
   * configured RPC and IPFS URLs' secrets redacted (ethers and ipfs-http-client quote the request URL), at most
   * 500 characters. Every error that becomes batch `lastError`, health or audit text goes through here.
   */
  describeError(error: unknown): string;
  faults: Faults;
  /**
   * Seals and opens the secrets the service keeps to use again (webhook signing secrets) under the configured
   * secrets key; undefined without one, and then nothing that needs it is stored or sent.
   */
  secrets: SecretBox | undefined;
  /** This process among the instances sharing the database: the holder name of its leases. */
  instanceId: string;
  /**
   * Serialises every transaction of one signing key across all instances, so the worker and requests never race
   * for a nonce.
   */
  sendLock: SendLock;
  /**
   * Anchoring transactions (by hash) already rebroadcast unchanged after they vanished from the mempool; if one
   * vanishes again it is replaced with a higher fee. In memory only: after a restart it is rebroadcast once more.
   */
  rebroadcastTransactions: Set<string>;
  metrics: { rpcErrors: number };
  /** Latest known health of the chain, updated by the worker and /healthz. */
  chainHealth: { ok: boolean; lastError: string | null; checkedAt: string | null; latestBlock: number | null };
  close(): Promise<void>;
}

export interface ContextOptions {
  faults?: Faults;
  log?: Log;
  store?: ContentStore;
}

const stderrLog: Log = (entry) => process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`);

const MAX_ERROR_TEXT = 500;

/** Every string in a log entry, however deeply nested, passed through `redact`. */
function redactValue(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item, redact)]));
  return value;
}

/** Opens the database, reads the deployment and key directory, and picks the content store from the config. */
export async function createServiceContext(config: Config, options: ContextOptions = {}): Promise<ServiceContext> {
  const redact = createRedactor([config.rpcUrl, ...[config.ipfsApiUrl, config.databaseUrl].filter((url) => url !== undefined)]);
  const log = options.log ?? stderrLog;
  const redactedLog: Log = (entry) => log(redactValue(entry, redact) as Record<string, unknown>);
  const db = await openDatabase({
    url: config.databaseUrl,
    sqlitePath: config.databasePath,
    poolSize: config.databasePoolSize,
    onIdleError: (error) => redactedLog({ level: "warn", event: "database.connectionLost", error: redact(error.message) }),
  });
  const chain = createChainClient(config.rpcUrl, loadDeploymentFile(config.deploymentPath));
  const instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const secrets = config.secretsKey === undefined ? undefined : new SecretBox(config.secretsKey, config.secretsPreviousKey);
  // Secrets stored in clear by an older version, or under the key a rotation replaces, are sealed under this key now.
  await resealWebhookSecrets(db, secrets, redactedLog);
  const store = options.store ?? (config.ipfsApiUrl === undefined ? createDirectoryStore(config.contentDir, fs) : createIpfsStore(config.ipfsApiUrl));
  return {
    config,
    db,
    chain,
    keys: new KeyRing(config.keyDir, chain.provider),
    store,
    log: redactedLog,
    describeError: (error) => redact(error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_TEXT),
    faults: options.faults ?? {},
    secrets,
    instanceId,
    sendLock: new SendLock(db, instanceId, config.leaseMs),
    rebroadcastTransactions: new Set(),
    metrics: { rpcErrors: 0 },
    chainHealth: { ok: true, lastError: null, checkedAt: null, latestBlock: null },
    async close() {
      chain.provider.destroy();
      await db.destroy();
    },
  };
}
