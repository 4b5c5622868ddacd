import type { ContractTransaction, ContractTransactionReceipt, ContractTransactionResponse } from "ethers";
import type { GovernanceCall } from "./GovernanceCall";

export interface ProposalOutcome {
  proposalId: bigint;
  transaction: ContractTransactionResponse;
  receipt: ContractTransactionReceipt;
}

/**
 * Every transaction the apps send to one deployment, from one signer. Methods resolve once the node accepted the
 * transaction (the caller waits for as many confirmations as it needs) and reject with the node's error: a revert
 * is decoded with `decodeRevert`, an unreachable chain recognised with `isRpcFailure`.
 */
export interface ChainWriter {
  anchorBatch(root: string, count: number, manifestCid: string, signature: string): Promise<ContractTransactionResponse>;
  /**
   * The unsigned anchoring transaction (to, data) for a sender that signs, stores and broadcasts the raw bytes
   * itself (the issuer service rebroadcasts exactly what it persisted).
   */
  populateAnchorBatch(root: string, count: number, manifestCid: string, signature: string): Promise<ContractTransaction>;
  /** Revokes a credential of the batch `(issuerId, root)`: the signer must be a current key of `issuerId`. */
  revokeCredential(
    issuerId: string,
    root: string,
    leaf: string,
    proof: readonly string[],
    reasonCode: number,
    reason: string,
  ): Promise<ContractTransactionResponse>;
  revokeBatch(issuerId: string, root: string, reasonCode: number, reason: string): Promise<ContractTransactionResponse>;
  /** The signer (a current key) retires itself and makes `newKey` its issuer's key from the same block. */
  rotateSigningKey(newKey: string): Promise<ContractTransactionResponse>;
  /**
   * Proposes `call` as a council member (the proposal counts as the proposer's approval); waits for its receipt. The
   * call is first simulated as the registry will make it, so one that would fail at execution (accrediting an issuer
   * twice, a threshold above the council) is refused now with its revert, before anyone votes on it.
   */
  propose(call: GovernanceCall): Promise<ProposalOutcome>;
  approve(proposalId: bigint): Promise<ContractTransactionResponse>;
  execute(proposalId: bigint): Promise<ContractTransactionResponse>;
}
