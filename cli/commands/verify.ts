import { Command } from "commander";
import { createChainReader } from "@credanchor/core/chain";
import {
  type Deployment,
  type Language,
  translateTo,
  type VerificationReport,
  verifyCredential,
} from "@credanchor/core/protocol";
import { createProvider, deploymentPath, loadDeployment, probeChainId } from "../chain";
import { EXIT, ExitError } from "../ExitError";
import { readCredentialFile } from "../readCredentialFile";
import { createOutput } from "../output";
import { readGlobalOptions, withGlobalOptions, type GlobalOptions } from "../options";

const MARK = { VALID: "✔", INVALID: "✘", ERROR: "?", SKIPPED: "–" } as const;

function render(file: string, report: VerificationReport, lang: Language): string {
  const lines = [`${file}: ${MARK[report.status]} ${translateTo(lang, `report.${report.status}`)}`];
  if (report.credential) {
    const { issuerName, subjectName } = report.credential;
    const who = subjectName?.[lang] ?? report.credential.subject;
    lines.push(`  ${who} — ${issuerName?.[lang] ?? report.credential.issuer}`);
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

function chainIdOfCredential(text: string): number | undefined {
  try {
    const chainId = (JSON.parse(text) as { proof?: { chainId?: unknown } }).proof?.chainId;
    return typeof chainId === "number" ? chainId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The deployment to verify against: --deployment, else deployments/<chainId>.json for the chain the RPC serves,
 * else (chain unreachable) for the chain the credential names, so that an outage yields ERROR reports, not a crash.
 */
async function resolveDeployment(options: GlobalOptions, texts: string[]): Promise<Deployment> {
  if (options.deployment !== undefined) return loadDeployment(deploymentPath(options, 0));
  const chainId = (await probeChainId(options.rpc).catch(() => undefined)) ?? texts.map(chainIdOfCredential).find((id) => id !== undefined);
  if (chainId === undefined) throw new ExitError(EXIT.ERROR, "Cannot tell which chain to verify against: pass --deployment");
  return loadDeployment(deploymentPath(options, chainId));
}

export function verifyCommand(): Command {
  return withGlobalOptions(new Command("verify"))
    .description("Verify credential files against the chain (exit 0 all VALID, 1 any INVALID, 2 ERROR or usage)")
    .argument("<files...>", "credential JSON files")
    .option("--at <iso-date>", "check status and expiry as of this moment instead of now")
    .action(async (files: string[], _opts, command: Command) => {
      const options = readGlobalOptions(command);
      const own = command.opts<{ at?: string }>();
      const at = own.at === undefined ? undefined : new Date(own.at);
      if (at !== undefined && Number.isNaN(at.getTime())) throw new ExitError(EXIT.ERROR, `--at: "${own.at}" is not an ISO date`);
      const out = createOutput(options);
      const texts = files.map(readCredentialFile);
      const deployment = await resolveDeployment(options, texts);
      const provider = createProvider(options.rpc, deployment.chainId);
      const reader = createChainReader(provider, deployment);
      const reports: VerificationReport[] = [];
      for (const [index, text] of texts.entries()) {
        const report = await verifyCredential(text, { reader, deployment, ...(at === undefined ? {} : { at }) });
        reports.push(report);
        out.text(render(files[index] as string, report, options.lang));
      }
      out.json(reports.length === 1 ? reports[0] : reports);
      provider.destroy();
      const code = exitCodeFor(reports);
      if (code !== EXIT.OK) throw new ExitError(code);
    });
}
