import { Command } from "commander";
import { parseAddress, parseMoment } from "../argParsers";
import { connect, deploymentPath, loadDeployment, loadSigner } from "../chain";
import { proposeRegistryCall } from "../governance";
import { createOutput } from "../output";
import { readGlobalOptions, withOptions } from "../options";

const ACTIONS = {
  suspend: { description: "Governance: suspend a university from a given moment", verb: "Suspended" },
  reinstate: { description: "Governance: lift a university's suspension from a given moment", verb: "Reinstated" },
  deaccredit: { description: "Governance: withdraw a university's accreditation for good from a given moment", verb: "De-accredited" },
} as const;

/**
 * `suspend`, `reinstate` and `deaccredit`: one status change of an issuer with an effective time. Credentials
 * anchored before that time keep verifying; those anchored after it do not.
 */
export function statusChangeCommand(action: keyof typeof ACTIONS): Command {
  return withOptions(new Command(action), "chain", "signer", "output")
    .description(ACTIONS[action].description)
    .argument("<issuer>", "issuer id (the address it was accredited with)", parseAddress("issuer"))
    .option("--from <iso-date>", "the change governs the moments after this one (default: when the proposal is executed); may be in the past, not before accreditation", parseMoment("--from"))
    .action(async (issuer: string, _opts, command: Command) => {
      const options = readGlobalOptions(command);
      const own = command.opts<{ from?: number }>();
      const out = createOutput(options);
      const { provider, chainId } = await connect(options.rpc);
      const deployment = loadDeployment(deploymentPath(options, chainId), chainId);
      const member = loadSigner(options, provider, chainId, "governance");
      // Without --from the change is dated by the block that executes it (the registry reads 0 as "now"), so a batch
      // anchored while the proposal waited for votes is judged as before the change (SPEC §8.2).
      const outcome = await proposeRegistryCall(deployment, member, { function: action, args: [issuer, own.from ?? 0] }, out);
      const effectiveFrom = own.from ?? outcome.executedAt;
      const when = effectiveFrom === undefined ? "execution" : new Date(effectiveFrom * 1000).toISOString();
      out.text(
        outcome.executed
          ? `${ACTIONS[action].verb} ${issuer} after ${when}.`
          : `Proposal ${outcome.proposalId} awaits ${outcome.threshold - outcome.approvals} more approval(s); ${own.from === undefined ? "it takes effect when executed" : `effective after ${when}`}.`,
      );
      out.json({ issuerId: issuer, action, effectiveFrom: when, ...outcome });
      provider.destroy();
    });
}
