import type { Wallet } from "ethers";
import { createChainReader, createChainWriter, type GovernanceCall } from "@credanchor/core/chain";
import type { Deployment } from "@credanchor/core/protocol";
import { RegistryRefusalError } from "./errors";
import { explainRevert } from "./network/explainRevert";
import type { Output } from "./output";

export interface GovernanceOutcome {
  proposalId: string;
  executed: boolean;
  approvals: number;
  threshold: number;
  transactions: string[];
  /** Block time of the execution, when it happened here: what an effective time of 0 ("now") became. */
  executedAt?: number;
}

/**
 * Runs one governance call the only way the contracts allow it: as a proposal. The caller's proposal counts as its
 * approval; when that already meets the threshold (k = 1, e.g. on a dev chain) it is executed at once, otherwise the
 * proposal id is returned for the other members to approve. A call that would fail at execution is refused before
 * it is proposed, and every registry revert is worded for the council member.
 */
export async function proposeRegistryCall(deployment: Deployment, member: Wallet, call: GovernanceCall, out: Output): Promise<GovernanceOutcome> {
  try {
    return await proposeAndMaybeExecute(deployment, member, call, out);
  } catch (error) {
    const explained = explainRevert(error, out.lang);
    if (explained === undefined) throw error;
    throw new RegistryRefusalError("GOVERNANCE_REFUSED", { params: { reason: explained } });
  }
}

async function proposeAndMaybeExecute(deployment: Deployment, member: Wallet, call: GovernanceCall, out: Output): Promise<GovernanceOutcome> {
  const writer = createChainWriter(member, deployment);
  const reader = createChainReader(member.provider!, deployment);
  const { proposalId, transaction } = await writer.propose(call);
  const [approvals, threshold] = await Promise.all([reader.approvalCount(proposalId), reader.threshold()]);
  const transactions = [transaction.hash];
  out.log(`Proposal ${proposalId} (${call.function}) has ${approvals} of ${threshold} approvals.`);
  if (approvals < threshold) {
    return { proposalId: proposalId.toString(), executed: false, approvals, threshold, transactions };
  }
  const executeTx = await writer.execute(proposalId);
  const receipt = await executeTx.wait();
  transactions.push(executeTx.hash);
  const executedAt = receipt === null ? undefined : (await receipt.getBlock()).timestamp;
  return { proposalId: proposalId.toString(), executed: true, approvals, threshold, transactions, ...(executedAt === undefined ? {} : { executedAt }) };
}
