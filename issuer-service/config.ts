import { isIP } from "node:net";
import { resolve } from "node:path";
import { z } from "zod";
import { PortalConfig } from "./portal/PortalConfig";
import { readProvidersFile, readSecret } from "./portal/readProvidersFile";
import { InboxConfig } from "./requests/InboxConfig";
import { SECRETS_KEY } from "./secrets/SecretBox";

/**
 * The service's whole configuration, read once from the environment at start, validated and frozen so that no
 * module reads `process.env` behind the operator's back.
 */
const Config = z
  .object({
    port: z.coerce.number().int().min(0).max(65_535).default(3000),
    host: z.string().min(1).default("127.0.0.1"),
    /**
     * `postgres://user:password@host:port/db` selects PostgreSQL (several instances may share it); without it the
     * service keeps its state in the SQLite file `databasePath` (one instance).
     */
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// URL")
      .optional(),
    databasePath: z.string().min(1).default("out/local/issuer-service.sqlite"),
    /** PostgreSQL connections per instance; instances × pool size must stay below the server's max_connections. */
    databasePoolSize: z.coerce.number().int().min(1).max(100).default(10),
    /**
     * How long the anchoring worker's lease (and a signing key's send lock) lasts without renewal: when an instance
     * dies, another takes its work over after at most this long. Renewed every third of it while the holder lives.
     */
    leaseMs: z.coerce.number().int().min(1000).max(300_000).default(15_000),
    rpcUrl: z.string().url().default("http://127.0.0.1:8545"),
    /**
     * The chain's RPC URL as reviewers' browsers reach it (the inbox verifies there, not here); default `rpcUrl`.
     * Set it whenever `rpcUrl` is internal or carries a secret: this one is sent to every signed-in page.
     */
    publicRpcUrl: z.string().url().optional(),
    deploymentPath: z.string().min(1).default("deployments/31337.json"),
    /** One `<universityId>.key` file (0x hex private key, mode 0600) per university; rotation writes new keys here. */
    keyDir: z.string().min(1).default("out/local/issuer-keys"),
    confirmations: z.coerce.number().int().min(1).max(1000).default(1),
    ipfsApiUrl: z.string().url().optional(),
    contentDir: z.string().min(1).default("out/local/content"),
    /** How often the outbox worker looks for work, in milliseconds. */
    workerIntervalMs: z.coerce.number().int().min(10).max(60_000).default(500),
    /** Requests per minute allowed from one IP address and from one API key. */
    rateLimitPerIp: z.coerce.number().int().min(1).default(600),
    rateLimitPerKey: z.coerce.number().int().min(1).default(300),
    /**
     * Reverse proxies in front of the service (Express "trust proxy" hops). 0: the client address is the socket's;
     * behind one TLS proxy set 1, or every client shares the proxy's per-IP rate limit.
     */
    trustProxyHops: z.coerce.number().int().min(0).max(10).default(0),
    /** Largest accepted graduate upload; 50,000 rows of bilingual text stay well below it. */
    maxUploadBytes: z.coerce.number().int().min(1024).default(20 * 1024 * 1024),
    /**
     * Where the public reaches this service (`https://credanchor.example`, optionally with a path): the origin of every
     * link handed out to be opened elsewhere (request links, their QR codes, the bulk CSV), never taken from a
     * request's Host header, which its sender chooses. Default: `http://<host>:<port>`, for a local service.
     */
    publicUrl: z
      .url({ protocol: /^https?$/ })
      .refine((url) => {
        // Runs after z.url() has refused an unparsable URL too (zod goes on checking), so it must not throw.
        const parsed = URL.canParse(url) ? new URL(url) : undefined;
        return parsed !== undefined && parsed.search === "" && parsed.hash === "" && parsed.username === "" && parsed.password === "";
      }, "must be http(s)://host[:port][/path] without query, fragment or credentials")
      // One form whether or not it was written with a trailing slash: links append `/my/…`.
      .transform((url) => new URL(url).href.replace(/\/+$/, ""))
      .optional(),
    /** Origins (e.g. the verifier site) allowed to call the share endpoints from a browser; nothing else gets CORS. */
    shareCorsOrigins: z.array(z.string().url()).default([]),
    /** Share links one IP address may create per hour: anyone may create them, so this bounds the storage abuse. */
    shareCreateLimitPerIp: z.coerce.number().int().min(1).default(30),
    /** First retry delay of an organisation's webhook delivery; each further retry waits twice as long (docs/REQUESTS.md). */
    webhookRetryBaseMs: z.coerce.number().int().min(10).max(600_000).default(2000),
    /**
     * Lets webhooks reach internal addresses (this host, private networks): only for a local development system and
     * tests, whose receivers run on 127.0.0.1. Off in production (checkWebhookTarget).
     */
    webhookAllowInternal: z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")]).default(false),
    /**
     * The key webhook signing secrets are sealed under in the database (AES-256-GCM, secrets/SecretBox.ts), read from
     * ISSUER_SECRETS_KEY_FILE; without it the webhook routes answer 503 rather than store a secret in clear.
     */
    secretsKey: z.string().regex(SECRETS_KEY, "must be 32 bytes as 64 hex digits or base64").optional(),
    /** During a key rotation, the key being replaced: what it sealed is sealed again under `secretsKey` at start. */
    secretsPreviousKey: z.string().regex(SECRETS_KEY, "must be 32 bytes as 64 hex digits or base64").optional(),
    /** The graduate portal under /my: its sign-in providers, sessions and claim codes (docs/PORTAL.md). */
    portal: PortalConfig.prefault({}),
    /** Organisations' reviewers signing in to the inbox: its providers and sessions (docs/REQUESTS.md). */
    inbox: InboxConfig.prefault({}),
  })
  .strict()
  .refine((config) => config.secretsPreviousKey === undefined || config.secretsKey !== undefined, {
    message: "a previous secrets key needs the new one (ISSUER_SECRETS_KEY_FILE) beside it",
    path: ["secretsPreviousKey"],
  });
/** The validated configuration: `publicUrl` is always set, from the operator or derived from host and port. */
export type Config = Readonly<Omit<z.infer<typeof Config>, "publicUrl"> & { publicUrl: string }>;
export type ConfigInput = z.input<typeof Config>;

/** Validates and freezes a configuration; paths become absolute so a later `chdir` cannot move them. */
export function createConfig(input: ConfigInput): Config {
  const parsed = Config.parse(input);
  return Object.freeze({
    ...parsed,
    publicUrl: parsed.publicUrl ?? `http://${isIP(parsed.host) === 6 ? `[${parsed.host}]` : parsed.host}:${parsed.port}`,
    databasePath: resolve(parsed.databasePath),
    deploymentPath: resolve(parsed.deploymentPath),
    keyDir: resolve(parsed.keyDir),
    contentDir: resolve(parsed.contentDir),
  });
}

/** The configuration from environment variables (documented in docs/ISSUER-SERVICE.md). */
export function configFromEnv(env: NodeJS.ProcessEnv): Config {
  const pick = (name: string) => (env[name] === undefined || env[name] === "" ? undefined : env[name]);
  return createConfig({
    port: pick("ISSUER_PORT"),
    host: pick("ISSUER_HOST"),
    databaseUrl: pick("DATABASE_URL"),
    databasePath: pick("ISSUER_DB"),
    databasePoolSize: pick("ISSUER_DB_POOL_SIZE"),
    leaseMs: pick("ISSUER_LEASE_MS"),
    rpcUrl: pick("CREDANCHOR_RPC"),
    publicRpcUrl: pick("ISSUER_PUBLIC_RPC_URL"),
    deploymentPath: pick("CREDANCHOR_DEPLOYMENT"),
    keyDir: pick("ISSUER_KEY_DIR"),
    confirmations: pick("ISSUER_CONFIRMATIONS"),
    ipfsApiUrl: pick("IPFS_API_URL"),
    contentDir: pick("ISSUER_CONTENT_DIR"),
    workerIntervalMs: pick("ISSUER_WORKER_INTERVAL_MS"),
    rateLimitPerIp: pick("ISSUER_RATE_LIMIT_PER_IP"),
    rateLimitPerKey: pick("ISSUER_RATE_LIMIT_PER_KEY"),
    trustProxyHops: pick("ISSUER_TRUST_PROXY_HOPS"),
    publicUrl: pick("ISSUER_PUBLIC_URL"),
    shareCorsOrigins: pick("ISSUER_SHARE_CORS_ORIGINS")?.split(",").map((origin) => origin.trim()).filter((origin) => origin !== ""),
    shareCreateLimitPerIp: pick("ISSUER_SHARE_CREATE_LIMIT_PER_IP"),
    webhookRetryBaseMs: pick("ISSUER_WEBHOOK_RETRY_BASE_MS"),
    webhookAllowInternal: pick("ISSUER_WEBHOOK_ALLOW_INTERNAL"),
    secretsKey: readSecret(pick("ISSUER_SECRETS_KEY_FILE")),
    secretsPreviousKey: readSecret(pick("ISSUER_SECRETS_PREVIOUS_KEY_FILE")),
    portal: {
      providers: readProvidersFile(pick("PORTAL_PROVIDERS_FILE"), env),
      verifierUrl: pick("PORTAL_VERIFIER_URL"),
      sessionIdleMinutes: pick("PORTAL_SESSION_IDLE_MINUTES"),
      sessionAbsoluteHours: pick("PORTAL_SESSION_ABSOLUTE_HOURS"),
      claimCodeDays: pick("PORTAL_CLAIM_CODE_DAYS"),
      claimAttemptsPerHour: pick("PORTAL_CLAIM_ATTEMPTS_PER_HOUR"),
      identityHmacKey: readSecret(pick("PORTAL_IDENTITY_HMAC_KEY_FILE")),
    },
    inbox: {
      providers: readProvidersFile(pick("INBOX_PROVIDERS_FILE"), env),
      sessionIdleMinutes: pick("INBOX_SESSION_IDLE_MINUTES"),
      sessionAbsoluteHours: pick("INBOX_SESSION_ABSOLUTE_HOURS"),
    },
  } as ConfigInput);
}
