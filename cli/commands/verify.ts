import { Command } from "commander";
import { keccak256 as ethersKeccak, sha256 } from "ethers";
import { createCachedChainReader, createJsonRpcClient, createRpcChainReader, probeChainId, redactUrl } from "@credanchor/core/chain";
import {
  createVerifyCache,
  type Deployment,
  initFastKeccak,
  keccak256,
  type InputKind,
  type Language,
  receiptLayout,
  recogniseInput,
  registerSecp256k1Recover,
  reportHeadline,
  translateTo,
  unreadableReport,
  type VerificationReport,
  verifyCredential,
} from "@credanchor/core/protocol";
import { deploymentPath, loadDeployment } from "../chain";
import { chromiumOption } from "../chromiumOption";
import { UsageError } from "../errors";
import { EXIT, ExitError } from "../ExitError";
import { translate } from "../i18n/translate";
import { httpFetchJson } from "../httpFetchJson";
import { readVerifyInputs } from "../readVerifyInputs";
import { createOutput } from "../output";
import { readGlobalOptions, withOptions, type GlobalOptions } from "../options";

/**
 * Files verified side by side: their chain reads overlap and, with a lens, share requests (one per batch and round).
 * A registrar's batch is a few dozen to thousands of files in a row, so 64 at a time ask for most of a batch's leaves
 * in one request (16 at a time made four requests per 25-file batch).
 */
const CONCURRENCY = 64;

/**
 * From this many files on, batch signatures are recovered by libsecp256k1 (≈ 0.1 ms each): its start (20–40 ms, it
 * builds its tables) pays for itself from about ten batches (3–9 ms each in pure JS), and a single file has one.
 */
const NATIVE_RECOVERY_FROM = 16;

const MARK = { VALID: "✔", INVALID: "✘", ERROR: "?", SKIPPED: "–" } as const;

/** What a file holds, so a batch report or an OpenCerts file is named as such rather than reported as a broken credential. */
function kindOf(input: Uint8Array | undefined): InputKind {
  return input === undefined ? "credential" : recogniseInput(new TextDecoder().decode(input));
}

/** The verdict, its cause in words (core's reportHeadline, as the web page shows it), then each check. */
function render(file: string, report: VerificationReport, kind: InputKind, lang: Language): string {
  const lines = [`${file}: ${MARK[report.status]} ${translateTo(lang, `report.${report.status}`)} · ${reportHeadline(report, kind)[lang]}`];
  if (report.credential) {
    const { issuerName, subjectName } = report.credential;
    const who = subjectName?.[lang] ?? report.credential.subject;
    const kind = translateTo(lang, `kind.${report.credential.kind}`);
    lines.push(`  ${kind} · ${who} — ${issuerName?.[lang] ?? report.credential.issuer}`);
    const { hiddenClaims } = report.credential;
    if (hiddenClaims.length > 0) lines.push(`  ${translate("verify.hidden", { pointers: hiddenClaims.join(", ") })[lang]}`);
  }
  for (const check of report.checks) {
    lines.push(`  ${MARK[check.status]} ${translateTo(lang, `checkName.${check.check}`)}: ${check.message[lang]} [${check.code}]`);
  }
  return lines.join("\n");
}

/** Exit code for a set of reports: any INVALID → 1; otherwise any ERROR → 2; all VALID → 0. */
export function exitCodeFor(reports: readonly VerificationReport[]): number {
  if (reports.some((r) => r.status === "INVALID")) return EXIT.INVALID;
  if (reports.some((r) => r.status === "ERROR")) return EXIT.ERROR;
  return EXIT.OK;
}

function chainIdOfCredential(bytes: Uint8Array): number | undefined {
  try {
    // Only a hint for choosing a deployment: the file itself is judged by the verifier.
    const chainId = (JSON.parse(new TextDecoder().decode(bytes)) as { proof?: { chainId?: unknown } }).proof?.chainId;
    return typeof chainId === "number" ? chainId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The deployment to verify against: --deployment, else deployments/<chainId>.json for the chain the RPC serves,
 * else (chain unreachable) for the chain the credential names, so that an outage yields ERROR reports, not a crash.
 */
async function resolveDeployment(options: GlobalOptions, inputs: Uint8Array[]): Promise<Deployment> {
  if (options.deployment !== undefined) return loadDeployment(deploymentPath(options, 0));
  const chainId = (await probeChainId(options.rpc).catch(() => undefined)) ?? inputs.map(chainIdOfCredential).find((id) => id !== undefined);
  if (chainId === undefined) throw new UsageError("CHAIN_UNKNOWN");
  return loadDeployment(deploymentPath(options, chainId));
}

async function connectFor(options: GlobalOptions, inputs: Uint8Array[]) {
  const deployment = await resolveDeployment(options, inputs);
  // Plain JSON-RPC, as the page reads: ethers' contract objects spent more time decoding the lens's answers than the
  // node took to compute them.
  const client = createJsonRpcClient(options.rpc, { fetch: httpFetchJson });
  // One chain state for the run, each answer read once: the credentials of one batch share its reads (one request
  // for all of them with a lens). Failures are not cut short, so each file's report names its own failed read.
  const reader = createCachedChainReader(createRpcChainReader(client, deployment), { maxConsecutiveFailures: Number.POSITIVE_INFINITY });
  return { deployment, reader };
}

export function verifyCommand(): Command {
  return withOptions(new Command("verify"), "chain", "output")
    .description("Verify credential files against the chain (exit 0 all VALID, 1 any INVALID, 2 ERROR or usage)")
    .argument("<files...>", "credential JSON files, or ZIP archives of them (unpacked within the verifier page's limits)")
    .option("--at <iso-date>", "check status and expiry as of this moment instead of now")
    .option("--receipt <file.pdf>", "also write a one-page bilingual PDF receipt of the verification (one file only; headless Chromium)")
    .addOption(chromiumOption())
    .action(async (files: string[], _opts, command: Command) => {
      const options = readGlobalOptions(command);
      const own = command.opts<{ at?: string; receipt?: string; chromium: string }>();
      if (own.receipt !== undefined && files.length !== 1) throw new UsageError("RECEIPT_ONE_FILE");
      const at = own.at === undefined ? undefined : new Date(own.at);
      if (at !== undefined && Number.isNaN(at.getTime())) throw new UsageError("AT_INVALID", { params: { value: own.at ?? "" } });
      const out = createOutput(options);
      const inputs = readVerifyInputs(files, (entry, kind) => out.log(`${entry}: ${translateTo(options.lang, `headline.input.${kind}`)}`));
      if (own.receipt !== undefined && inputs.length !== 1) throw new UsageError("RECEIPT_ONE_FILE");
      const readable = inputs.flatMap((input) => (input.bytes === undefined ? [] : [input.bytes]));
      const chain = readable.length === 0 ? undefined : await connectFor(options, readable);
      const reports: VerificationReport[] = [];
      if (chain !== undefined) {
        // ethers hashes addresses and typed data with its own pure-JS Keccak; both then use core's WebAssembly one.
        if (await initFastKeccak()) ethersKeccak.register((data) => keccak256(data));
        if (readable.length >= NATIVE_RECOVERY_FROM) {
          const { ecdsaRecover } = await import("secp256k1");
          registerSecp256k1Recover((signature, recoveryId, digest) => ecdsaRecover(signature, recoveryId, digest, false));
        }
      }
      // Signature recovery, ANCHOR and ISSUER once per batch (the reports are those of the uncached checks).
      const cache = createVerifyCache();
      let next = 0;
      let printed = 0;
      const lane = async () => {
        while (next < inputs.length) {
          const index = next++;
          const input = inputs[index] as (typeof inputs)[number];
          reports[index] =
            input.bytes === undefined || chain === undefined
              ? unreadableReport(input.unreadable ?? "EIO", new Date(), at)
              : await verifyCredential(input.bytes, { ...chain, cache, ...(at === undefined ? {} : { at }) });
          // Printed in the order given, each as soon as those before it are done (with --json, only the document at
          // the end: rendering the text, which decodes each file once more to name its kind, would be thrown away).
          for (let shown = reports[printed]; !out.jsonMode && shown !== undefined; shown = reports[printed]) {
            const done = inputs[printed] as (typeof inputs)[number];
            out.text(render(done.name, shown, kindOf(done.bytes), options.lang));
            printed++;
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, lane));
      const [report] = reports;
      if (own.receipt !== undefined && report !== undefined) {
        const bytes = inputs[0]?.bytes;
        const headline = reportHeadline(report, kindOf(bytes));
        // Loaded only for a receipt: playwright-core would slow every plain `verify` down.
        const { renderPdf } = await import("../renderPdf");
        await renderPdf(receiptLayout(report, { headline, credentialSha256: sha256(bytes ?? new Uint8Array()) }), own.receipt, own.chromium);
        out.log(`Wrote ${own.receipt}`);
      }
      out.json(reports.length === 1 ? reports[0] : reports);
      // The reports say CHAIN_UNREACHABLE; the person also needs to know which URL was tried and how to change it.
      if (reports.some((report) => report.checks.some((check) => check.code === "CHAIN_UNREACHABLE"))) {
        out.log(translate("error.CHAIN_UNREACHABLE", { url: redactUrl(options.rpc) })[options.lang]);
      }
      const code = exitCodeFor(reports);
      if (code !== EXIT.OK) throw new ExitError(code);
    });
}
