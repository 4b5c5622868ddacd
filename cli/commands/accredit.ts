import { Command } from "commander";
import { parseAddress } from "../argParsers";
import { connect, deploymentPath, loadDeployment, loadSigner } from "../chain";
import { proposeRegistryCall } from "../governance";
import { createOutput } from "../output";
import { readGlobalOptions, withOptions } from "../options";

export function accreditCommand(): Command {
  return withOptions(new Command("accredit"), "chain", "signer", "output")
    .description("Governance: accredit a university; ADDRESS is its first signing key and becomes its issuer id")
    .argument("<address>", "the university's signing key address", parseAddress("address"))
    .requiredOption("--name-en <name>", "the university's name in English")
    .requiredOption("--name-zh <name>", "the university's name in Traditional Chinese")
    .option("--domain <domain>", "the university's web domain, e.g. harbour.example.edu", "")
    .action(async (issuerId: string, _opts, command: Command) => {
      const options = readGlobalOptions(command);
      const own = command.opts<{ nameEn: string; nameZh: string; domain: string }>();
      const out = createOutput(options);
      const { provider, chainId } = await connect(options.rpc);
      const deployment = loadDeployment(deploymentPath(options, chainId), chainId);
      const member = loadSigner(options, provider, chainId, "governance");
      const outcome = await proposeRegistryCall(
        deployment,
        member,
        { function: "accredit", args: [issuerId, own.nameEn.normalize("NFC"), own.nameZh.normalize("NFC"), own.domain] },
        out,
      );
      out.text(
        outcome.executed
          ? `Accredited ${own.nameEn} / ${own.nameZh} with issuer id ${issuerId}.`
          : `Proposal ${outcome.proposalId} to accredit ${issuerId} awaits ${outcome.threshold - outcome.approvals} more approval(s).`,
      );
      out.json({ issuerId, ...outcome });
      provider.destroy();
    });
}
