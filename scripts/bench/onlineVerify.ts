import * as fs from "node:fs";
import { join } from "node:path";
import { Wallet } from "ethers";
import { createChainReader, createChainWriter, createProvider, DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import { createDirectoryStore, issueBatch, parseGraduateFile } from "@credanchor/core/issue";
import type { Deployment, VerificationReport } from "@credanchor/core/protocol";
import { runCli } from "../lib/runCli";
import { graduateCsv } from "./graduateRows";

export const ONLINE_CASE = { credentials: 1_000, batches: 40, universities: 8 };

export interface OnlineVerifyCase {
  /** Credentials verified by one `credanchor verify` run. */
  credentials: number;
  batches: number;
  universities: number;
  /** Wall time of the command, from spawn to exit (Node start and the command's own start included). */
  seconds: number;
  perSec: number;
  valid: number;
}

/**
 * The multi-batch online case of issue 19: `universities` dev accounts (#1…) accredited, taking turns to issue
 * `batches` batches through core's issueBatch, `credentials` files in all under `dir/online`; returns their paths.
 */
export async function issueOnlineCase(
  chainUrl: string,
  deploymentFile: string,
  dir: string,
  log: (message: string) => void,
  shape = ONLINE_CASE,
): Promise<string[]> {
  const deployment = JSON.parse(fs.readFileSync(deploymentFile, "utf8")) as Deployment;
  const provider = createProvider(chainUrl, deployment.chainId);
  const files: string[] = [];
  try {
    const reader = createChainReader(provider, deployment);
    const council = createChainWriter(new Wallet(DEV_PRIVATE_KEYS[0], provider), deployment);
    const universities = Array.from({ length: shape.universities }, (_, u) => new Wallet(DEV_PRIVATE_KEYS[u + 1] as string, provider));
    // Each university issues under the names the registry holds (accredited here unless it already is).
    const profiles = [];
    for (const [u, university] of universities.entries()) {
      let profile = await reader.issuer(university.address);
      if (profile === null) {
        profile = { nameEn: `University ${u + 1}`, nameZh: `第${u + 1}大學`, domain: `u${u + 1}.example.edu`, accreditedAt: 0 };
        const { proposalId } = await council.propose({ function: "accredit", args: [university.address, profile.nameEn, profile.nameZh, profile.domain] });
        await (await council.execute(proposalId)).wait();
      }
      profiles.push({ id: university.address, chainId: deployment.chainId, nameEn: profile.nameEn, nameZh: profile.nameZh, domain: profile.domain });
    }
    const store = createDirectoryStore(join(dir, "online-content"), fs);
    for (let b = 0; b < shape.batches; b++) {
      const university = universities[b % universities.length] as Wallet;
      const issuer = profiles[b % universities.length] as (typeof profiles)[number];
      const from = Math.floor((shape.credentials * b) / shape.batches);
      const { records } = parseGraduateFile(graduateCsv(Math.floor((shape.credentials * (b + 1)) / shape.batches) - from, from), "csv");
      const { batch } = await issueBatch(records, { issuer, anchor: deployment.anchor, signer: university, writer: createChainWriter(university, deployment), store });
      const out = join(dir, "online", `batch-${b}`);
      fs.mkdirSync(out, { recursive: true });
      batch.credentials.forEach((credential, i) => {
        const path = join(out, `${i}.json`);
        fs.writeFileSync(path, `${JSON.stringify(credential, null, 2)}\n`);
        files.push(path);
      });
    }
  } finally {
    provider.destroy();
  }
  log(`issued ${files.length} credentials in ${shape.batches} batches of ${shape.universities} universities`);
  return files;
}

/**
 * ONE `credanchor verify --json` of every file against the node, as a registrar checking a season's output would run
 * it, timed from spawn to exit; every report must be VALID.
 */
export async function timeCliVerify(
  chainUrl: string,
  deploymentFile: string,
  files: string[],
  shape: { batches: number; universities: number },
  log: (message: string) => void,
): Promise<OnlineVerifyCase> {
  log(`verifying ${files.length} credentials of ${shape.batches} batches of ${shape.universities} universities with one credanchor verify…`);
  const started = performance.now();
  const result = await runCli(["verify", ...files, "--json"], { CREDANCHOR_RPC: chainUrl, CREDANCHOR_DEPLOYMENT: deploymentFile });
  const seconds = (performance.now() - started) / 1000;
  if (result.code !== 0) throw new Error(`credanchor verify exited ${result.code}: ${result.stderr.slice(-500)}`);
  const reports = JSON.parse(result.stdout) as VerificationReport[];
  const valid = reports.filter((report) => report.status === "VALID").length;
  if (valid !== files.length) throw new Error(`credanchor verify found ${files.length - valid} of ${files.length} credentials not VALID`);
  return { credentials: files.length, batches: shape.batches, universities: shape.universities, seconds, perSec: Math.round(files.length / seconds), valid };
}
