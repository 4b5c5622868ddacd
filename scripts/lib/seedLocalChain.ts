import * as fs from "node:fs";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { type JsonRpcProvider, Wallet } from "ethers";
import { createChainWriter, createProvider, DEV_ACCOUNT_FOR_ROLE, DEV_CHAIN_ID, DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import {
  createDirectoryStore,
  credentialFileNamer,
  decodeGraduateFile,
  detectGraduateFileFormat,
  issueBatch,
  parseGraduateFile,
} from "@credanchor/core/issue";
import type { ExternalBatch } from "../../issuer-service/domain/importBatch";
import { Deployment, InputValidationError } from "@credanchor/core/protocol";
import { runCliOrThrow } from "./runCli";

const ROOT = join(__dirname, "..", "..");

export interface SeedUniversity {
  id: string;
  nameEn: string;
  nameZh: string;
  domain: string;
  devAccount: number;
}

export interface SeedOptions {
  deploymentFile: string;
  /** One folder per university, `<credentialsDir>/<university id>/`. */
  credentialsDir: string;
  /** The content store of the batch manifests. */
  contentDir: string;
  log(message: string): void;
}

export interface Seeded {
  universities: SeedUniversity[];
  /** Each sample batch as issued and anchored, for the issuer service to take in (its console then lists them). */
  batches: ExternalBatch[];
  /** The first credential file of each university that has sample graduates. */
  samples: string[];
  deployment: Deployment;
}

function graduateFileOf(id: string): string | undefined {
  return ["csv", "json"].map((ext) => join(ROOT, "seeds", "graduates", `${id}.${ext}`)).find((path) => existsSync(path));
}

/**
 * Deploys (one `credanchor deploy`: the contracts' bytecode belongs to the CLI), then accredits every seed university
 * and issues its sample batch in this process through @credanchor/core — a CLI process per university cost about
 * 40 s. Returns the universities, a sample credential file per university and the deployment.
 */
export async function seedLocalChain(chainUrl: string, options: SeedOptions): Promise<Seeded> {
  await runCliOrThrow(["deploy"], { CREDANCHOR_RPC: chainUrl, CREDANCHOR_DEPLOYMENT: options.deploymentFile });
  options.log(`Contracts deployed (${relative(ROOT, options.deploymentFile)}).`);
  const deployment = Deployment.parse(JSON.parse(readFileSync(options.deploymentFile, "utf8")));
  const universities = JSON.parse(readFileSync(join(ROOT, "seeds", "consortium.json"), "utf8")) as SeedUniversity[];
  const provider = createProvider(chainUrl, DEV_CHAIN_ID);
  try {
    await accreditAll(provider, deployment, universities);
    options.log(`Accredited ${universities.length} universities.`);

    const started = Date.now();
    let issued = 0;
    const samples: string[] = [];
    const batches: ExternalBatch[] = [];
    for (const university of universities) {
      const input = graduateFileOf(university.id);
      if (input === undefined) continue;
      const { files, seeded } = await issueSeedBatch(provider, deployment, university, input, options);
      batches.push(seeded);
      issued += files.length;
      if (files[0] !== undefined) samples.push(files[0]);
      options.log(`  ${university.nameEn} / ${university.nameZh}: ${files.length} credentials`);
    }
    options.log(`Issued ${issued} credentials in ${((Date.now() - started) / 1000).toFixed(1)} s into ${relative(ROOT, options.credentialsDir)}/.`);
    return { samples, universities, batches, deployment };
  } finally {
    provider.destroy();
  }
}

/** The council of the dev chain is the admin alone (threshold 1): each proposal is executed at once. */
async function accreditAll(provider: JsonRpcProvider, deployment: Deployment, universities: SeedUniversity[]): Promise<void> {
  const council = createChainWriter(new Wallet(DEV_PRIVATE_KEYS[DEV_ACCOUNT_FOR_ROLE.governance] as string, provider), deployment);
  for (const university of universities) {
    const key = new Wallet(DEV_PRIVATE_KEYS[university.devAccount] as string).address;
    const { proposalId } = await council.propose({
      function: "accredit",
      args: [key, university.nameEn.normalize("NFC"), university.nameZh.normalize("NFC"), university.domain],
    });
    await (await council.execute(proposalId)).wait();
  }
}

/** Issues the university's sample graduates as one batch and writes the credential files; returns their paths and the batch. */
async function issueSeedBatch(
  provider: JsonRpcProvider,
  deployment: Deployment,
  university: SeedUniversity,
  input: string,
  options: SeedOptions,
): Promise<{ files: string[]; seeded: ExternalBatch }> {
  const text = decodeGraduateFile(new Uint8Array(readFileSync(input)));
  const { records, errors } = parseGraduateFile(text, detectGraduateFileFormat(basename(input), text));
  if (errors.length > 0) {
    throw new InputValidationError(`${relative(ROOT, input)} has ${errors.length} bad row(s)`, { code: "INPUT_INVALID", details: errors });
  }
  const signer = new Wallet(DEV_PRIVATE_KEYS[university.devAccount] as string, provider);
  const { batch, manifestCid, transaction } = await issueBatch(records, {
    issuer: { id: signer.address, chainId: DEV_CHAIN_ID, nameEn: university.nameEn, nameZh: university.nameZh, domain: university.domain },
    anchor: deployment.anchor,
    signer,
    writer: createChainWriter(signer, deployment),
    store: createDirectoryStore(options.contentDir, fs),
  });
  // The batch is on chain once issueBatch resolves, so the files can be written in place.
  const out = join(options.credentialsDir, university.id);
  mkdirSync(out, { recursive: true });
  const fileNameFor = credentialFileNamer();
  const files = records.map((record, index) => {
    const path = join(out, fileNameFor(record.studentId));
    writeFileSync(path, `${JSON.stringify(batch.credentials[index], null, 2)}\n`);
    return path;
  });
  const seeded: ExternalBatch = {
    universityId: university.id,
    label: basename(input),
    records,
    credentials: batch.credentials,
    leaves: batch.leaves,
    root: batch.root,
    signer: signer.address,
    signature: batch.signature,
    manifestCid,
    transaction,
  };
  return { files, seeded };
}

