import * as fs from "node:fs";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Command, Option } from "commander";
import type { Wallet } from "ethers";
import {
  createDirectoryStore,
  credentialFileNamer,
  DEFAULT_CONTENT_DIR,
  issueCredentials,
  type RowError,
} from "@credanchor/core/issue";
import { createChainReader, createChainWriter, decodeRevert, formatRevert } from "@credanchor/core/chain";
import { CREDENTIAL_KINDS, type CredentialKind, InputValidationError, type Deployment } from "@credanchor/core/protocol";
import { connect, deploymentPath, loadDeployment, loadSigner } from "../chain";
import { RefusalError, UsageError } from "../errors";
import { translate } from "../i18n/translate";
import { createOutput, type Output } from "../output";
import { readGlobalOptions, withOptions } from "../options";
import { startProgress } from "../progress";
import { readIssueInput } from "../readIssueInput";

interface IssuerProfile {
  issuerId: string;
  nameEn: string;
  nameZh: string;
  domain: string;
}

/** The issuer the signing key belongs to, refusing a key that may not anchor now (never-accredited, retired, suspended). */
async function resolveIssuer(deployment: Deployment, signer: Wallet): Promise<IssuerProfile> {
  const reader = createChainReader(signer.provider!, deployment);
  const profile = await reader.issuerOfKey(signer.address);
  if (profile === null) {
    throw new RefusalError("ISSUER_KEY_UNKNOWN", { params: { key: signer.address } });
  }
  const { issuerId } = profile;
  const latest = await reader.latestBlock();
  // The anchoring lands in a later block, at least a second on: a change dated at the latest block's time (a
  // suspension "now") governs that moment, not the latest block itself (SPEC §8.2).
  if (!(await reader.isAuthorisedAt(issuerId, signer.address, latest.timestamp + 1, latest.number))) {
    throw new RefusalError("ISSUER_KEY_NOT_AUTHORISED", { params: { key: signer.address, issuer: issuerId } });
  }
  return { issuerId, nameEn: profile.nameEn, nameZh: profile.nameZh, domain: profile.domain };
}

/** Lists the row errors the input's parser kept (the first ones) and fails with the file's total count. */
function reportRowErrors(out: Output, { errors, errorCount }: { errors: RowError[]; errorCount: number }, lang: "en" | "zh-Hant"): never {
  // The message quotes the bad value and says how to fix it; the row and column are the CLI's to show, once.
  for (const error of errors) {
    out.text(translate("issue.rowError", { row: error.row, field: error.field || "—", code: error.code, message: error.message[lang] })[lang]);
  }
  if (errorCount > errors.length) out.text(translate("issue.errorsCapped", { shown: errors.length, count: errorCount })[lang]);
  out.json({ errors, errorCount });
  throw new InputValidationError(`${errorCount} problem(s) in the input; nothing was anchored.`, { code: "INPUT_INVALID", params: { count: errorCount } });
}

export function issueCommand(): Command {
  return withOptions(new Command("issue"), "chain", "signer", "output")
    .description("Registrar: build, sign and anchor one batch of credentials of one kind from a CSV or JSON file")
    .requiredOption("--input <file>", "CSV (UTF-8, header row) or a JSON array of the same rows: graduates (award; see seeds/README.md), one row per course (transcript) or per letter (letter); README, \"Transcript and letter input\"")
    .addOption(
      new Option("--kind <kind>", "award: degree and sub-degree award certificates (today's format); transcript: one per student, needs --scale; letter: a certification letter per row, needs --template")
        .choices(CREDENTIAL_KINDS)
        .default("award"),
    )
    .option("--scale <file>", "transcript: the grading scale (JSON, SPEC §12.2); published to --store and named by its CID in every transcript")
    .option("--hideable <sections>", "transcript: the sections holders may hide, comma-separated from dateOfBirth,gpa,marks (\"\" for none)", "dateOfBirth,gpa,marks")
    .option("--template <file>", "letter: the letter template (JSON, SPEC §12.3): bilingual title and body with {field} placeholders, fields, signing office, validity in days")
    .requiredOption("--out <dir>", "directory for one credential file per graduate and the batch report")
    .option("--confirmations <n>", "blocks to wait for after the anchoring transaction", (v) => Number.parseInt(v, 10), 1)
    .option("--store <dir>", "local content store for the batch manifest", DEFAULT_CONTENT_DIR)
    .action(async (_opts, command: Command) => {
      const options = readGlobalOptions(command);
      const own = command.opts<{ input: string; out: string; confirmations: number; store: string; kind: CredentialKind; scale?: string; template?: string; hideable: string }>();
      const out = createOutput(options);
      const started = Date.now();

      if (!existsSync(own.input)) throw new UsageError("FILE_MISSING", { params: { path: own.input } });
      const input = readIssueInput(own);
      if (!("names" in input)) return reportRowErrors(out, input, options.lang);

      const outDir = resolve(own.out);
      const fileNameFor = credentialFileNamer();
      const fileNames = input.names.map((name) => fileNameFor(name));
      const clashes = fileNames.filter((name) => existsSync(join(outDir, name)));
      if (clashes.length > 0) {
        throw new UsageError("OUT_NOT_EMPTY", { params: { path: outDir, files: `${clashes.slice(0, 3).join(", ")}${clashes.length > 3 ? "…" : ""}` } });
      }

      const { provider, chainId } = await connect(options.rpc);
      try {
        const deployment = loadDeployment(deploymentPath(options, chainId), chainId);
        const signer = loadSigner(options, provider, chainId, "issuer");
        const issuer = await resolveIssuer(deployment, signer);
        out.log(`Issuing ${fileNames.length} credentials (${own.kind}) as ${issuer.nameEn} (${issuer.issuerId}) on chain ${chainId}`);
        const profile = {
          id: issuer.issuerId,
          chainId,
          nameEn: issuer.nameEn,
          nameZh: issuer.nameZh,
          // A university accredited without a domain simply has no issuer URL in its credentials.
          ...(issuer.domain === "" ? {} : { domain: issuer.domain }),
        };
        const store = createDirectoryStore(own.store, fs);
        // What the credentials name by CID (a transcript's grading scale) is in the store before they exist.
        for (const content of input.publish) await store.put(content);

        // Credentials are written to a staging directory and only moved into place once the root is on chain, so a
        // failed anchoring never leaves files behind that look like valid credentials.
        let staging: string | undefined;
        const building = startProgress(out, "Building and signing", fileNames.length);
        let issued: Awaited<ReturnType<typeof issueCredentials>>;
        try {
          const unsigned = input.build(profile, () => building.increment());
          issued = await issueCredentials(unsigned, {
            issuer: profile,
            anchor: deployment.anchor,
            signer,
            writer: createChainWriter(signer, deployment),
            store,
            confirmations: own.confirmations,
            beforeAnchor(batch) {
              building.stop();
              staging = join(outDir, `.staging-${batch.root.slice(2, 14)}`);
              mkdirSync(staging, { recursive: true });
              const writing = startProgress(out, "Writing credentials", fileNames.length);
              batch.credentials.forEach((credential, index) => {
                writeFileSync(join(staging as string, fileNames[index] as string), `${JSON.stringify(credential, null, 2)}\n`);
                writing.increment();
              });
              writing.stop();
              out.log(`Anchoring root ${batch.root}…`);
            },
          });
          for (const name of fileNames) renameSync(join(staging as string, name), join(outDir, name));
        } catch (error) {
          const revert = decodeRevert(error);
          if (revert === undefined) throw error;
          throw new RefusalError("CHAIN_REFUSED", { params: { reason: formatRevert(revert) } });
        } finally {
          if (staging !== undefined) rmSync(staging, { recursive: true, force: true });
        }
        const { batch: signed, manifestCid, transaction, blockNumber } = issued;

        const report = {
          kind: own.kind,
          root: signed.root,
          count: signed.count,
          chainId,
          anchor: deployment.anchor,
          issuer: issuer.issuerId,
          issuerName: { en: issuer.nameEn, "zh-Hant": issuer.nameZh },
          signer: signer.address,
          manifestCid,
          transaction,
          blockNumber,
          seconds: (Date.now() - started) / 1000,
          // Student ids stay out of the report: only the credential files themselves name a graduate.
          credentialIds: signed.credentials.map((credential) => credential.id),
        };
        writeFileSync(join(outDir, `batch-${signed.root.slice(2, 14)}.json`), `${JSON.stringify(report, null, 2)}\n`);
        out.text(`Issued ${signed.count} credentials into ${outDir}\nroot ${signed.root}\ntransaction ${transaction} (block ${blockNumber})\nmanifest ${manifestCid}`);
        out.json(report);
      } finally {
        provider.destroy();
      }
    });
}
