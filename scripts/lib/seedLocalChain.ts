import * as fs from "node:fs";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { type JsonRpcProvider, Wallet } from "ethers";
import { createChainWriter, createProvider, DEV_ACCOUNT_FOR_ROLE, DEV_CHAIN_ID, DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import {
  buildKindCredential,
  createDirectoryStore,
  credentialFileNamer,
  decodeGraduateFile,
  detectGraduateFileFormat,
  issueCredentials,
  type IssuerProfile,
  type IssueKind,
  type KindRecord,
  LetterTemplate,
  parseGraduateFile,
  parseLetterFile,
  parseTranscriptFile,
  type RowError,
} from "@credanchor/core/issue";
import type { ExternalBatch } from "../../issuer-service/domain/importBatch";
import {
  type CredentialKind,
  Deployment,
  GradingScale,
  gradingScaleBytes,
  InputValidationError,
  TRANSCRIPT_SECTIONS,
} from "@credanchor/core/protocol";
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
  /** Each sample batch of every kind as issued and anchored, for the issuer service to take in (its console then lists them). */
  batches: ExternalBatch[];
  /** The first award credential file of each university that has sample graduates. */
  samples: string[];
  /** The first file of each kind of each university, by kind (the awards are `samples`). */
  kindSamples: Record<CredentialKind, string[]>;
  /** Credentials issued, by kind. */
  counts: Record<CredentialKind, number>;
  deployment: Deployment;
}

const seedFile = (...path: string[]) => join(ROOT, "seeds", ...path);

function graduateFileOf(id: string): string | undefined {
  return ["csv", "json"].map((ext) => seedFile("graduates", `${id}.${ext}`)).find((path) => existsSync(path));
}

/** Refuses seed input with row errors: the seeds are generated to be valid (test/core/seedTranscriptsAndLetters.test.ts). */
function validSeed<T extends { errors: RowError[] }>(path: string, parsed: T): T {
  if (parsed.errors.length > 0) {
    throw new InputValidationError(`${relative(ROOT, path)} has ${parsed.errors.length} bad row(s)`, { code: "INPUT_INVALID", details: parsed.errors });
  }
  return parsed;
}

/**
 * Deploys (one `credanchor deploy`: the contracts' bytecode belongs to the CLI), then accredits every seed university
 * and issues its sample batches in this process through @credanchor/core (a CLI process per university cost about
 * 40 s): the graduates' awards, the transcripts of some of them (linked to their award, the university's grading
 * scale published to the content store) and one kind of certification letter for the same students. Returns the
 * universities, sample credential files and the deployment.
 */
export async function seedLocalChain(chainUrl: string, options: SeedOptions): Promise<Seeded> {
  await runCliOrThrow(["deploy"], { CREDANCHOR_RPC: chainUrl, CREDANCHOR_DEPLOYMENT: options.deploymentFile });
  options.log(`Contracts deployed (${relative(ROOT, options.deploymentFile)}).`);
  const deployment = Deployment.parse(JSON.parse(readFileSync(options.deploymentFile, "utf8")));
  const universities = JSON.parse(readFileSync(seedFile("consortium.json"), "utf8")) as SeedUniversity[];
  const provider = createProvider(chainUrl, DEV_CHAIN_ID);
  const store = createDirectoryStore(options.contentDir, fs);
  try {
    await accreditAll(provider, deployment, universities);
    options.log(`Accredited ${universities.length} universities.`);

    const started = Date.now();
    const counts: Record<CredentialKind, number> = { award: 0, transcript: 0, letter: 0 };
    const kindSamples: Record<CredentialKind, string[]> = { award: [], transcript: [], letter: [] };
    const batches: ExternalBatch[] = [];
    for (const university of universities) {
      const signer = new Wallet(DEV_PRIVATE_KEYS[university.devAccount] as string, provider);
      const issuer: IssuerProfile = { id: signer.address, chainId: DEV_CHAIN_ID, nameEn: university.nameEn, nameZh: university.nameZh, domain: university.domain };
      const out = join(options.credentialsDir, university.id);
      mkdirSync(out, { recursive: true });
      const fileNameFor = credentialFileNamer();
      const summary: string[] = [];
      /** Issues one batch of `kind` and writes its files, named `<student id><suffix>.json`; returns the batch. */
      const issue = async (kind: IssueKind, label: string, records: readonly KindRecord[], suffix: string) => {
        const unsigned = records.map((record) => buildKindCredential(record, issuer, kind));
        const issued = await issueCredentials(unsigned, { issuer, anchor: deployment.anchor, signer, writer: createChainWriter(signer, deployment), store });
        // The batch is on chain once issueCredentials resolves, so the files can be written in place.
        const files = records.map((record, index) => {
          const path = join(out, fileNameFor(`${record.studentId}${suffix}`));
          writeFileSync(path, `${JSON.stringify(issued.batch.credentials[index], null, 2)}\n`);
          return path;
        });
        counts[kind.kind] += files.length;
        if (files[0] !== undefined) kindSamples[kind.kind].push(files[0]);
        const { credentials, leaves, root, signature } = issued.batch;
        const { manifestCid, transaction } = issued;
        batches.push({ universityId: university.id, label, kind, records, credentials, leaves, root, signer: signer.address, signature, manifestCid, transaction });
        return credentials;
      };

      const graduates = graduateFileOf(university.id);
      const awardIds = new Map<string, string>();
      if (graduates !== undefined) {
        const text = decodeGraduateFile(new Uint8Array(readFileSync(graduates)));
        const { records } = validSeed(graduates, parseGraduateFile(text, detectGraduateFileFormat(basename(graduates), text)));
        const credentials = await issue({ kind: "award" }, basename(graduates), records, "");
        records.forEach((record, index) => awardIds.set(record.studentId, credentials[index]!.id));
        summary.push(`${records.length} awards`);
      }

      const transcripts = seedFile("transcripts", `${university.id}.csv`);
      if (existsSync(transcripts)) {
        const scale = GradingScale.parse(JSON.parse(readFileSync(seedFile("scales", `${university.id}.json`), "utf8")));
        // What every transcript names by CID is in the content store before the transcripts exist (SPEC §12.2).
        await store.put(gradingScaleBytes(scale));
        const { records } = validSeed(transcripts, parseTranscriptFile(readFileSync(transcripts, "utf8"), "csv", { scale, hideable: TRANSCRIPT_SECTIONS }));
        // A graduate's transcript names the award it belongs to, issued just before it.
        const linked = records.map((record) => {
          const award = awardIds.get(record.studentId);
          return award === undefined ? record : { ...record, degreeCredential: award };
        });
        await issue({ kind: "transcript", scale, hideable: TRANSCRIPT_SECTIONS }, `transcripts/${basename(transcripts)}`, linked, "-transcript");
        summary.push(`${records.length} transcripts`);
      }

      const letters = seedFile("letters", `${university.id}.csv`);
      if (existsSync(letters)) {
        const template = LetterTemplate.parse(JSON.parse(readFileSync(seedFile("letters", `${university.id}-template.json`), "utf8")));
        const { records } = validSeed(letters, parseLetterFile(readFileSync(letters, "utf8"), "csv", { template }));
        await issue({ kind: "letter", template }, `letters/${basename(letters)}`, records, `-${template.id}`);
        summary.push(`${records.length} letters (${template.id})`);
      }
      options.log(`  ${university.nameEn} / ${university.nameZh}: ${summary.join(", ")}`);
    }
    const issued = counts.award + counts.transcript + counts.letter;
    options.log(
      `Issued ${issued} credentials (${counts.award} awards, ${counts.transcript} transcripts, ${counts.letter} letters) in ${((Date.now() - started) / 1000).toFixed(1)} s into ${relative(ROOT, options.credentialsDir)}/.`,
    );
    return { samples: kindSamples.award, kindSamples, counts, universities, batches, deployment };
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
