import { Contract, type Wallet } from "ethers";
import { issuerRegistryAbi } from "@credanchor/core/chain";
import type { Deployment } from "@credanchor/core/protocol";
import type { Output } from "./output";

export interface GovernanceOutcome {
  proposalId: string;
  executed: boolean;
  approvals: number;
  threshold: number;
  transactions: string[];
}

/**
 * Runs one registry administration call the only way the registry allows it: as a proposal. The caller's
 * proposal counts as its approval; when that already meets the threshold (k = 1, e.g. on a dev chain) it is
 * executed at once, otherwise the proposal id is returned for the other members to approve.
 */
export async function proposeRegistryCall(
  deployment: Deployment,
  member: Wallet,
  functionName: string,
  args: unknown[],
  out: Output,
): Promise<GovernanceOutcome> {
  const registry = new Contract(deployment.registry, issuerRegistryAbi, member);
  const data = registry.interface.encodeFunctionData(functionName, args);
  const proposeTx = await registry.getFunction("propose")(deployment.registry, data);
  const receipt = await proposeTx.wait();
  const created = receipt.logs
    .map((log: { topics: string[]; data: string }) => registry.interface.parseLog(log))
    .find((parsed: { name: string } | null) => parsed?.name === "ProposalCreated");
  const proposalId = (created?.args.proposalId as bigint | undefined) ?? (await registry.getFunction("proposalCount")());
  const approvals = Number(await registry.getFunction("approvalCount")(proposalId));
  const threshold = Number(await registry.getFunction("threshold")());
  const transactions = [proposeTx.hash as string];
  out.log(`Proposal ${proposalId} (${functionName}) has ${approvals} of ${threshold} approvals.`);
  if (approvals < threshold) {
    return { proposalId: proposalId.toString(), executed: false, approvals, threshold, transactions };
  }
  const executeTx = await registry.getFunction("execute")(proposalId);
  await executeTx.wait();
  transactions.push(executeTx.hash as string);
  return { proposalId: proposalId.toString(), executed: true, approvals, threshold, transactions };
}
