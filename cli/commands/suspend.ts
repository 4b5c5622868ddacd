import { Command } from "commander";
import { getAddress, isAddress } from "ethers";
import { connect, deploymentPath, loadDeployment, loadSigner } from "../chain";
import { proposeRegistryCall } from "../governance";
import { createOutput } from "../output";
import { readGlobalOptions, withGlobalOptions } from "../options";

const ACTIONS = {
  suspend: { description: "Governance: suspend a university from a given moment", verb: "Suspended" },
  reinstate: { description: "Governance: lift a university's suspension from a given moment", verb: "Reinstated" },
  deaccredit: { description: "Governance: withdraw a university's accreditation for good from a given moment", verb: "De-accredited" },
} as const;

function parseMoment(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`--from: "${value}" is not an ISO date or date-time`);
  return Math.floor(ms / 1000);
}

/**
 * `suspend`, `reinstate` and `deaccredit`: one status change of an issuer with an effective time. Credentials
 * anchored before that time keep verifying; those anchored after it do not.
 */
export function statusChangeCommand(action: keyof typeof ACTIONS): Command {
  return withGlobalOptions(new Command(action))
    .description(ACTIONS[action].description)
    .argument("<issuer>", "issuer id (the address it was accredited with)")
    .option("--from <iso-date>", "effective moment (default: now); may be in the past, not before the last change")
    .action(async (issuer: string, _opts, command: Command) => {
      const options = readGlobalOptions(command);
      const own = command.opts<{ from?: string }>();
      if (!isAddress(issuer)) throw new Error(`"${issuer}" is not an issuer address`);
      const out = createOutput(options);
      const { provider, chainId } = await connect(options.rpc);
      const deployment = loadDeployment(deploymentPath(options, chainId), chainId);
      const member = loadSigner(options, provider, chainId, "governance");
      const latest = await provider.getBlock("latest");
      // "Now" is the chain's clock, not this machine's: the registry compares against block timestamps.
      const effectiveFrom = own.from === undefined ? (latest?.timestamp ?? Math.floor(Date.now() / 1000)) : parseMoment(own.from);
      const outcome = await proposeRegistryCall(deployment, member, action, [getAddress(issuer), effectiveFrom], out);
      const when = new Date(effectiveFrom * 1000).toISOString();
      out.text(
        outcome.executed
          ? `${ACTIONS[action].verb} ${getAddress(issuer)} from ${when}.`
          : `Proposal ${outcome.proposalId} awaits ${outcome.threshold - outcome.approvals} more approval(s).`,
      );
      out.json({ issuerId: getAddress(issuer), action, effectiveFrom: when, ...outcome });
      provider.destroy();
    });
}
