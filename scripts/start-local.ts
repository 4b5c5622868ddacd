/**
 * `npm start`: the whole system on one machine with embedded defaults. Starts a Hardhat node, deploys the
 * contracts, accredits the seed universities (Hardhat dev accounts 1–8, admin = account 0), issues each university's
 * sample batches (awards, transcripts, one kind of certification letter) into out/local/credentials/, starts the issuer service with a demo API key per university
 * (out/local/api-keys.json) and the verifier web, prints the URLs and how to verify, and stops everything cleanly
 * on Ctrl-C.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { DEV_CHAIN_ID, DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import type { CredentialKind } from "@credanchor/core/protocol";
import { randomBytes } from "node:crypto";
import { startLocalIdentityProvider } from "../issuer-service/idp/startLocalIdentityProvider";
import { ORGANISATION_SIGN_ON, PERSONAS, UNIVERSITY_SIGN_ON } from "../issuer-service/idp/PERSONAS";
import { startIssuerService } from "../issuer-service/server";
import { serveVerifier, siteDeployment } from "../verifier-web/serve";
import { isPortFree, startLocalChain } from "./lib/localChain";
import { sampleClaimCode } from "./lib/sampleClaimCode";
import { seedLocalChain } from "./lib/seedLocalChain";

const ROOT = join(__dirname, "..");
const DEFAULT_CHAIN_PORT = 8545;
const CHAIN_PORT = Number(process.env.CHAIN_PORT ?? DEFAULT_CHAIN_PORT);
const ISSUER_PORT = Number(process.env.ISSUER_PORT ?? 3000);
const VERIFIER_PORT = Number(process.env.VERIFIER_PORT ?? 8080);
const IDP_PORT = Number(process.env.IDP_PORT ?? 3001);
const LOCAL_DIR = join(ROOT, "out", "local");
const CREDENTIALS_DIR = join(LOCAL_DIR, "credentials");
const CONTENT_DIR = join(LOCAL_DIR, "content");
const DEPLOYMENT_FILE = join(ROOT, "deployments", `${DEV_CHAIN_ID}.json`);
const SECRETS_KEY_FILE = join(LOCAL_DIR, "secrets.key");
/** The demo verifying organisation: a name the platform would have verified when the office joined. */
const DEMO_ORGANISATION = { id: "demo-admissions", name: { en: "Pacific Institute of Technology, Admissions Office", "zh-Hant": "太平洋科技學院招生處" } };
/** The inbox's provider id for the demo organisation's staff sign-on. */
const STAFF_SIGN_ON = "pacific-staff";
/** The staff member registered as the demo organisation's reviewer; the sign-on's other persona is registered nowhere. */
const DEMO_REVIEWER = ORGANISATION_SIGN_ON.personas[0]!;

interface Running {
  name: string;
  close(): Promise<void>;
}

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

/** Stops what was started, newest first, so nothing talks to a chain that is already gone. */
async function closeAll(running: Running[]): Promise<void> {
  for (const service of [...running].reverse()) {
    await service.close().catch((error: unknown) => log(`Could not stop ${service.name}: ${String(error)}`));
  }
}

/**
 * The issuer service's secrets key (webhook secrets are sealed under it), made on the first start and kept: a
 * PostgreSQL database (DATABASE_URL) outlives a start, and the secrets sealed in it open only under the same key.
 */
function localSecretsKey(): string {
  mkdirSync(LOCAL_DIR, { recursive: true });
  try {
    writeFileSync(SECRETS_KEY_FILE, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(SECRETS_KEY_FILE, "utf8").trim();
}

async function main(): Promise<void> {
  for (const [name, port] of [
    ["CHAIN_PORT", CHAIN_PORT],
    ["ISSUER_PORT", ISSUER_PORT],
    ["VERIFIER_PORT", VERIFIER_PORT],
    ["IDP_PORT", IDP_PORT],
  ] as const) {
    if (!(await isPortFree(port))) {
      throw new Error(`Port ${port} is in use. Stop what runs there or set ${name} to another port.`);
    }
  }
  // The local chain starts empty every time: deployments and credentials of an earlier run would point at nothing.
  rmSync(DEPLOYMENT_FILE, { force: true });
  rmSync(CREDENTIALS_DIR, { recursive: true, force: true });

  const running: Running[] = [];
  const chain = await startLocalChain(CHAIN_PORT, { log });
  const onChainExit = (code: number | null, signal: NodeJS.Signals | null) => {
    log(`The chain stopped unexpectedly (${signal ?? `exit ${code}`}).`);
    process.exit(1);
  };
  chain.process.once("exit", onChainExit);
  running.push({
    name: "chain",
    close: () => {
      chain.process.off("exit", onChainExit);
      return chain.stop();
    },
  });
  const stop = async (signal: string) => {
    log(`\n${signal}: stopping…`);
    await closeAll(running);
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));

  try {
    const { kindSamples, universities, batches, deployment } = await seedLocalChain(chain.url, {
      deploymentFile: DEPLOYMENT_FILE,
      credentialsDir: CREDENTIALS_DIR,
      contentDir: CONTENT_DIR,
      log,
    });
    // The portal's sign-in provider: configured like any OpenID provider (docs/PORTAL.md), with a secret of this run.
    const portalClient = {
      clientId: "credanchor-portal",
      clientSecret: randomBytes(32).toString("base64url"),
      redirectUris: [`http://127.0.0.1:${ISSUER_PORT}/my/callback/local`, `http://127.0.0.1:${ISSUER_PORT}/my/callback/harbour-sso`],
    };
    // The inbox is a client of its own (its own secret and redirect URI), as an organisation's sign-on would register it.
    const inboxClient = {
      clientId: "credanchor-inbox",
      clientSecret: randomBytes(32).toString("base64url"),
      redirectUris: [`http://127.0.0.1:${ISSUER_PORT}/inbox/callback/${STAFF_SIGN_ON}`],
    };
    const idp = await startLocalIdentityProvider({ port: IDP_PORT, clients: [portalClient, inboxClient] });
    running.push({ name: "OpenID provider", close: () => idp.close() });
    const issuer = await startIssuerService({
      config: {
        port: ISSUER_PORT,
        // The origin of the links handed to applicants (request links, QR codes, bulk CSV), whatever Host a call names.
        publicUrl: `http://127.0.0.1:${ISSUER_PORT}`,
        rpcUrl: chain.url,
        deploymentPath: DEPLOYMENT_FILE,
        // DATABASE_URL=postgres://… runs the service on that PostgreSQL database (used as it is, never wiped).
        databaseUrl: process.env.DATABASE_URL === "" ? undefined : process.env.DATABASE_URL,
        databasePath: join(LOCAL_DIR, "issuer-service.sqlite"),
        keyDir: join(LOCAL_DIR, "issuer-keys"),
        contentDir: CONTENT_DIR,
        // The verifier page stores encrypted share links here from the browser.
        shareCorsOrigins: [`http://127.0.0.1:${VERIFIER_PORT}`, `http://localhost:${VERIFIER_PORT}`],
        // A development system: an admissions system trying webhooks runs its receiver on this machine.
        webhookAllowInternal: true,
        secretsKey: localSecretsKey(),
        portal: {
          providers: [
            {
              id: "local",
              label: { en: "Local test sign-in", "zh-Hant": "本機測試身份" },
              issuer: idp.issuer,
              clientId: portalClient.clientId,
              clientSecret: portalClient.clientSecret,
              redirectUri: portalClient.redirectUris[0]!,
              scopes: ["openid", "profile", "identity"],
              identityClaim: "id_document_number",
            },
            {
              id: "harbour-sso",
              label: UNIVERSITY_SIGN_ON.label,
              issuer: idp.universityIssuer,
              clientId: portalClient.clientId,
              clientSecret: portalClient.clientSecret,
              redirectUri: portalClient.redirectUris[1]!,
              scopes: ["openid", "profile", "student"],
              university: UNIVERSITY_SIGN_ON.university,
              studentIdClaim: "student_id",
            },
          ],
          // Identity match on, under a key of this run (the database is new on every start too).
          identityHmacKey: randomBytes(32).toString("base64url"),
          verifierUrl: `http://127.0.0.1:${VERIFIER_PORT}/`,
        },
        inbox: {
          providers: [
            {
              id: STAFF_SIGN_ON,
              label: ORGANISATION_SIGN_ON.label,
              issuer: idp.organisationIssuer,
              clientId: inboxClient.clientId,
              clientSecret: inboxClient.clientSecret,
              redirectUri: inboxClient.redirectUris[0]!,
              scopes: ["openid", "profile"],
            },
          ],
        },
      },
      universities: universities.map((u) => ({ id: u.id, privateKey: DEV_PRIVATE_KEYS[u.devAccount] as string })),
      apiKeysFile: join(LOCAL_DIR, "api-keys.json"),
      // The sample batches, so the registrar console lists them beside the ones issued through the API.
      imports: batches,
      // A verifying organisation to send requests to graduates (docs/REQUESTS.md), under the name it was verified as.
      organisations: [{ ...DEMO_ORGANISATION, reviewers: [{ provider: STAFF_SIGN_ON, subject: DEMO_REVIEWER.login, name: DEMO_REVIEWER.name }] }],
      // A fresh database and key directory: the chain is new on every npm start.
      reset: true,
    });
    running.push({ name: "issuer service", close: () => issuer.close() });
    const verifier = await serveVerifier({
      port: VERIFIER_PORT,
      config: {
        rpcUrl: chain.url,
        deployment: siteDeployment(deployment),
        shareServiceUrl: issuer.url,
        // Transcripts' grading scales, read by CID from the local content store the seeds were issued into.
        contentStoreUrl: "content/",
      },
      contentDir: CONTENT_DIR,
    });
    running.push({ name: "verifier web", close: () => verifier.close() });

    // The CLI's default RPC is the default chain port: name the port only when the chain runs elsewhere.
    const rpcOption = CHAIN_PORT === DEFAULT_CHAIN_PORT ? "" : ` --rpc ${chain.url}`;
    const sampleOf = (kind: CredentialKind) => (kindSamples[kind][0] === undefined ? "<file>" : relative(ROOT, kindSamples[kind][0]));
    const sample = sampleOf("award");
    const firstUniversity = Object.keys(issuer.apiKeys)[0];
    const claim = firstUniversity === undefined ? undefined : await sampleClaimCode(issuer.url, issuer.apiKeys[firstUniversity]!);
    log(`
CredAnchor is running.
  Chain (JSON-RPC)   ${chain.url}   chain id ${deployment.chainId}
  Issuer service     ${issuer.url}   (registrar console at /, API docs at /api/v1/docs, health at /healthz)
  Verifier web       ${verifier.url}
  Graduate portal    ${issuer.url}/my   (sign in through the local OpenID provider ${idp.issuer})
  Deployment         ${relative(ROOT, DEPLOYMENT_FILE)}
  Credentials        ${relative(ROOT, CREDENTIALS_DIR)}/<university>/   (awards, <id>-transcript.json, <id>-<letter>.json)
  Sample transcript  ${sampleOf("transcript")}
  Sample letter      ${sampleOf("letter")}

Demo API keys (also in ${relative(ROOT, join(LOCAL_DIR, "api-keys.json"))}):
${Object.entries(issuer.apiKeys)
  .map(([id, key]) => `  ${id.padEnd(12)} ${key}`)
  .join("\n")}

Graduate portal test personas (any password; the first releases an identity-document number on consent):
${PERSONAS.map((persona) => `  ${persona.login.padEnd(14)} ${persona.name}`).join("\n")}
${UNIVERSITY_SIGN_ON.label.en} (${idp.universityIssuer}; the portal binds Harbour's credentials of the student id it releases):
${UNIVERSITY_SIGN_ON.personas.map((persona) => `  ${persona.login.padEnd(14)} ${persona.name}${persona.studentId === undefined ? "   (no student id released)" : `   student id ${persona.studentId}`}`).join("\n")}

Demo organisation ${DEMO_ORGANISATION.name.en} (${DEMO_ORGANISATION.id}):
  inbox             ${issuer.url}/inbox/   sign in with ${ORGANISATION_SIGN_ON.label.en} (${idp.organisationIssuer}) as ${DEMO_REVIEWER.login} (${DEMO_REVIEWER.name}), any password
                    (${ORGANISATION_SIGN_ON.personas.slice(1).map((persona) => persona.login).join(", ")} is staff there but no reviewer: refused)
  requests API      ${issuer.url}/api/v1/requests
  organisation key  ${issuer.organisationKeys[DEMO_ORGANISATION.id]}   (also signs in to the inbox)
${claim === undefined ? "" : `Claim code for ${claim.studentId} (${firstUniversity}): ${claim.code}   (each batch download issues fresh codes)\n`}
Verify one (any kind):
  npx credanchor verify ${sample}${rpcOption}
  npx credanchor verify ${sampleOf("transcript")}${rpcOption} --lang zh-Hant
  or drop the file on ${verifier.url}

Press Ctrl-C to stop.`);
  } catch (error) {
    await closeAll(running);
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
