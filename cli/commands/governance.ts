import { Command, Option } from "commander";
import { getAddress, isHexString, type JsonRpcProvider, type Wallet } from "ethers";
import {
  digestCredential,
  MAX_REASON_BYTES,
  parseCredential,
  reasonFits,
  REVOCATION_REASON_OPTIONS,
  revocationReasonOf,
  type Deployment,
  type RevocationReasonOption,
} from "@credanchor/core/protocol";
import {
  createChainReader,
  createChainWriter,
  encodeGovernanceCall,
  type ChainWriter,
  type DeploymentReader,
  type GovernanceCall,
} from "@credanchor/core/chain";
import { connect, deploymentPath, loadDeployment, loadSigner } from "../chain";
import { RefusalError, RegistryRefusalError, UsageError } from "../errors";
import { proposeRegistryCall } from "../governance";
import { describeProposal } from "../network/describeProposal";
import { explainRevert } from "../network/explainRevert";
import { createOutput, type Output } from "../output";
import { readGlobalOptions, withOptions, type GlobalOptions } from "../options";
import { parseAddress, parseMoment, parsePositive } from "../argParsers";
import { readCredentialFile } from "../readCredentialFile";

interface Session {
  options: GlobalOptions;
  out: Output;
  provider: JsonRpcProvider;
  deployment: Deployment;
  member: Wallet;
  reader: DeploymentReader;
  writer: ChainWriter;
  /** The chain's clock: the registry compares against block timestamps, not this machine's time. */
  chainNow: number;
}

/**
 * Runs one governance step as a council member and turns registry reverts (double vote, expiry, threshold) into
 * messages that say what happened and what to do.
 */
async function asMember(command: Command, step: (session: Session) => Promise<void>): Promise<void> {
  const options = readGlobalOptions(command);
  const out = createOutput(options);
  const { provider, chainId } = await connect(options.rpc);
  try {
    const deployment = loadDeployment(deploymentPath(options, chainId), chainId);
    const member = loadSigner(options, provider, chainId, "governance");
    const reader = createChainReader(provider, deployment);
    const writer = createChainWriter(member, deployment);
    const chainNow = (await reader.latestBlock()).timestamp;
    try {
      await step({ options, out, provider, deployment, member, reader, writer, chainNow });
    } catch (error) {
      const explained = explainRevert(error, out.lang);
      if (explained === undefined) throw error;
      throw new RegistryRefusalError("GOVERNANCE_REFUSED", { params: { reason: explained } });
    }
  } finally {
    provider.destroy();
  }
}

const parseProposalId = parsePositive("proposal id");

/** Proposes one governance call; executed at once when the proposer's own approval already meets the threshold. */
async function propose(command: Command, callAt: (chainNow: number, deployment: Deployment) => GovernanceCall): Promise<void> {
  await asMember(command, async ({ out, deployment, member, chainNow }) => {
    const call = callAt(chainNow, deployment);
    const outcome = await proposeRegistryCall(deployment, member, call, out);
    const { target, data } = encodeGovernanceCall(deployment, call);
    const { summary } = describeProposal(deployment, target, data);
    out.text(
      outcome.executed
        ? `Proposal ${outcome.proposalId} executed: ${summary}`
        : `Proposal ${outcome.proposalId} created: ${summary}. It has ${outcome.approvals} of ${outcome.threshold} approvals; other members run \`credanchor governance approve ${outcome.proposalId}\`.`,
    );
    out.json({ action: call.function, summary, ...outcome });
  });
}

const effectiveFromOption = "the change governs the moments after this ISO date-time (default: the block that executes the proposal); may be in the past, not before accreditation";

function proposeCommand(): Command {
  const command = new Command("propose").description("Propose a registry change; it runs once enough members approve");
  const sub = (name: string, description: string) => withOptions(new Command(name), "chain", "signer", "output").description(description);

  command.addCommand(
    sub("accredit", "Accredit a university; ADDRESS is its first signing key and becomes its issuer id")
      .argument("<address>", "the university's signing key address", parseAddress("address"))
      .requiredOption("--name-en <name>", "the university's name in English")
      .requiredOption("--name-zh <name>", "the university's name in Traditional Chinese")
      .option("--domain <domain>", "the university's web domain", "")
      .action(async (address: string, own: { nameEn: string; nameZh: string; domain: string }, cmd: Command) =>
        propose(cmd, () => ({ function: "accredit", args: [address, own.nameEn.normalize("NFC"), own.nameZh.normalize("NFC"), own.domain] })),
      ),
  );
  for (const [name, description] of [
    ["suspend", "Suspend a university from a given moment: its later anchors stop verifying"],
    ["reinstate", "Lift a university's suspension from a given moment"],
    ["deaccredit", "Withdraw a university's accreditation for good from a given moment"],
  ] as const) {
    command.addCommand(
      sub(name, description)
        .argument("<issuer>", "issuer id (the address it was accredited with)", parseAddress("issuer"))
        .option("--from <iso-date>", effectiveFromOption, parseMoment("--from"))
        .action(async (issuer: string, own: { from?: number }, cmd: Command) => propose(cmd, () => ({ function: name, args: [issuer, own.from ?? 0] }))),
    );
  }
  command.addCommand(
    sub("add-member", "Add a governance council member")
      .argument("<address>", "the new member's account", parseAddress("address"))
      .action(async (address: string, _own, cmd: Command) => propose(cmd, () => ({ function: "addMember", args: [address] }))),
  );
  command.addCommand(
    sub("remove-member", "Remove a council member; their approvals of pending proposals stop counting")
      .argument("<address>", "the member's account", parseAddress("address"))
      .action(async (address: string, _own, cmd: Command) => propose(cmd, () => ({ function: "removeMember", args: [address] }))),
  );
  command.addCommand(
    sub("set-threshold", "Change how many member approvals a proposal needs")
      .argument("<k>", "approvals needed, 1 to the number of members", parsePositive("threshold"))
      .action(async (k: bigint, _own, cmd: Command) => propose(cmd, () => ({ function: "setThreshold", args: [k] }))),
  );
  command.addCommand(
    sub("add-signing-key", "Add a signing key to a university (e.g. to replace a lost or compromised key)")
      .argument("<issuer>", "issuer id", parseAddress("issuer"))
      .argument("<key>", "address of the new key", parseAddress("key"))
      .option("--valid-from <iso-date>", "start of the key's validity (default: now, by the chain's clock)", parseMoment("--valid-from"))
      .option("--valid-until <iso-date>", "end of the key's validity (default: open-ended)", parseMoment("--valid-until"))
      .action(async (issuer: string, key: string, own: { validFrom?: number; validUntil?: number }, cmd: Command) =>
        propose(cmd, (now) => ({ function: "addSigningKey", args: [issuer, key, own.validFrom ?? now, own.validUntil ?? 0] })),
      ),
  );
  command.addCommand(
    sub("retire-signing-key", "End a signing key's validity (a compromised key: set --valid-until to when it was compromised)")
      .argument("<key>", "address of the key", parseAddress("key"))
      .option(
        "--valid-until <iso-date>",
        "last moment the key is valid, not later than its current end (default: the block that executes the proposal)",
        parseMoment("--valid-until"),
      )
      .action(async (key: string, own: { validUntil?: number }, cmd: Command) => propose(cmd, () => ({ function: "retireSigningKey", args: [key, own.validUntil ?? 0] }))),
  );
  const reasonOptions = (cmd: Command) =>
    cmd
      .requiredOption("--reason <text>", `why, in words the verifier will show (at most ${MAX_REASON_BYTES} bytes)`)
      .addOption(new Option("--reason-code <code>", "category of the reason").choices(REVOCATION_REASON_OPTIONS).default("key-compromise"));
  const reasonOf = (own: { reason: string; reasonCode: RevocationReasonOption }) => {
    if (!reasonFits(own.reason)) throw new UsageError("REASON_TOO_LONG", { params: { max: MAX_REASON_BYTES } });
    return [revocationReasonOf(own.reasonCode), own.reason] as const;
  };
  command.addCommand(
    reasonOptions(sub("revoke-batch", "Revoke a whole batch as the council (a stolen key's batches, a suspended university's)"))
      .argument("<issuer>", "issuer id of the batch (monitor lists it with each BatchAnchored)", parseAddress("issuer"))
      .argument("<root>", "Merkle root of the batch")
      .action(async (issuer: string, root: string, own: { reason: string; reasonCode: RevocationReasonOption }, cmd: Command) => {
        if (!isHexString(root, 32)) throw new UsageError("BATCH_ROOT_INVALID");
        const [code, reason] = reasonOf(own);
        await propose(cmd, () => ({ function: "revokeBatch", args: [issuer, root, code, reason] }));
      }),
  );
  command.addCommand(
    reasonOptions(sub("revoke-credential", "Revoke one credential as the council, from its file"))
      .argument("<file>", "the credential JSON file")
      .action(async (file: string, own: { reason: string; reasonCode: RevocationReasonOption }, cmd: Command) => {
        const [code, reason] = reasonOf(own);
        const credential = parseCredential(readCredentialFile(file));
        const { merkleRoot, merkleProof } = credential.proof;
        await propose(cmd, (_now, deployment) => {
          if (getAddress(credential.proof.anchor) !== getAddress(deployment.anchor)) {
            throw new RefusalError("WRONG_ANCHOR", { params: { path: file, anchor: credential.proof.anchor } });
          }
          return {
            function: "revokeCredential",
            args: [credential.proof.issuer, merkleRoot, digestCredential(credential).leaf, [...merkleProof], code, reason],
          };
        });
      }),
  );
  for (const child of command.commands) child.exitOverride();
  return command;
}

async function approvalsOf(reader: DeploymentReader, id: bigint): Promise<{ approvals: number; threshold: number }> {
  const [approvals, threshold] = await Promise.all([reader.approvalCount(id), reader.threshold()]);
  return { approvals, threshold };
}

function approveCommand(): Command {
  return withOptions(new Command("approve"), "chain", "signer", "output")
    .description("Approve a pending proposal as a council member (once per member)")
    .argument("<id>", "proposal id", parseProposalId)
    .action(async (id: bigint, _own, command: Command) =>
      asMember(command, async ({ out, reader, writer }) => {
        const tx = await writer.approve(id);
        await tx.wait();
        const { approvals, threshold } = await approvalsOf(reader, id);
        out.text(
          approvals >= threshold
            ? `Proposal ${id} approved: ${approvals} of ${threshold}; any member can now run \`credanchor governance execute ${id}\`.`
            : `Proposal ${id} approved: ${approvals} of ${threshold}; it needs ${threshold - approvals} more.`,
        );
        out.json({ proposalId: id.toString(), approvals, threshold, transaction: tx.hash });
      }),
    );
}

function executeCommand(): Command {
  return withOptions(new Command("execute"), "chain", "signer", "output")
    .description("Execute a proposal that has enough approvals from current members and has not expired")
    .argument("<id>", "proposal id", parseProposalId)
    .action(async (id: bigint, _own, command: Command) =>
      asMember(command, async ({ out, reader, writer, deployment }) => {
        const tx = await writer.execute(id);
        await tx.wait();
        const proposal = await reader.proposal(id);
        const { summary } = describeProposal(deployment, proposal!.target, proposal!.data);
        out.text(`Proposal ${id} executed: ${summary}`);
        out.json({ proposalId: id.toString(), executed: true, summary, transaction: tx.hash });
      }),
    );
}

function listCommand(): Command {
  return withOptions(new Command("list"), "chain", "output")
    .description("List proposals awaiting approval or execution: decoded action, approvals/threshold, expiry")
    .option("--all", "also list executed and expired proposals", false)
    .action(async (own: { all: boolean }, command: Command) => {
      const options = readGlobalOptions(command);
      const out = createOutput(options);
      const { provider, chainId } = await connect(options.rpc);
      try {
        const deployment = loadDeployment(deploymentPath(options, chainId), chainId);
        const reader = createChainReader(provider, deployment);
        const now = (await reader.latestBlock()).timestamp;
        const [count, threshold] = await Promise.all([reader.proposalCount(), reader.threshold()]);
        const rows = [];
        for (let id = BigInt(count); id >= 1n; id--) {
          const p = await reader.proposal(id);
          if (p === null) continue;
          const status = p.executed ? "executed" : now >= p.expiresAt ? "expired" : "pending";
          if (status !== "pending" && !own.all) continue;
          const approvals = await reader.approvalCount(id);
          rows.push({
            proposalId: String(id),
            status,
            ...describeProposal(deployment, p.target, p.data),
            proposer: getAddress(p.proposer),
            approvals,
            threshold,
            createdAt: new Date(p.createdAt * 1000).toISOString(),
            expiresAt: new Date(p.expiresAt * 1000).toISOString(),
          });
        }
        out.text(
          rows.length === 0
            ? own.all
              ? "No proposals."
              : "No pending proposals."
            : rows.map((r) => `#${r.proposalId} ${r.status.padEnd(8)} ${r.approvals}/${r.threshold}  expires ${r.expiresAt}  ${r.summary}`).join("\n"),
        );
        out.json(rows);
      } finally {
        provider.destroy();
      }
    });
}

/** `governance propose|approve|execute|list`: the k-of-n council's workflow on the IssuerRegistry. */
export function governanceCommand(): Command {
  const command = new Command("governance").description("Council governance of the registry: propose, approve, execute and list proposals");
  for (const child of [proposeCommand(), approveCommand(), executeCommand(), listCommand()]) command.addCommand(child.exitOverride());
  return command;
}
