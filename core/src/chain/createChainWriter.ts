import { Contract, type ContractTransactionReceipt, type ContractTransactionResponse, type Signer } from "ethers";
import { credentialAnchorAbi, issuerRegistryAbi } from "../generated/abis";
import type { Deployment } from "../Deployment";
import { ChainError } from "../errors";
import type { ChainWriter } from "./ChainWriter";
import { encodeGovernanceCall } from "./encodeGovernanceCall";

/** The one writer of a deployment: the only place where the apps' transactions are built. */
export function createChainWriter(signer: Signer, deployment: Pick<Deployment, "anchor" | "registry">): ChainWriter {
  const anchor = new Contract(deployment.anchor, credentialAnchorAbi, signer);
  const registry = new Contract(deployment.registry, issuerRegistryAbi, signer);
  const send = (contract: Contract, name: string, ...args: unknown[]) =>
    contract.getFunction(name)(...args) as Promise<ContractTransactionResponse>;

  return {
    anchorBatch: (root, count, manifestCid, signature) => send(anchor, "anchorBatch", root, count, manifestCid, signature),
    populateAnchorBatch: (root, count, manifestCid, signature) =>
      anchor.getFunction("anchorBatch").populateTransaction(root, count, manifestCid, signature),
    revokeCredential: (issuerId, root, leaf, proof, reasonCode, reason) =>
      send(anchor, "revokeCredential", issuerId, root, leaf, [...proof], reasonCode, reason),
    revokeBatch: (issuerId, root, reasonCode, reason) => send(anchor, "revokeBatch", issuerId, root, reasonCode, reason),
    rotateSigningKey: (newKey) => send(registry, "rotateSigningKey", newKey),
    async propose(call) {
      const { target, data } = encodeGovernanceCall(deployment, call);
      // eth_call from the registry's own address is exactly the call execute() makes; a revert rejects here. (Not
      // signer.call: ethers refuses a `from` other than the signer's.)
      if (signer.provider === null) throw new ChainError("The council member's key has no provider to simulate the proposal with", { code: "CHAIN_UNEXPECTED" });
      await signer.provider.call({ from: deployment.registry, to: target, data });
      const transaction = await send(registry, "propose", target, data);
      const receipt = (await transaction.wait()) as ContractTransactionReceipt;
      const created = receipt.logs.map((log) => registry.interface.parseLog(log)).find((parsed) => parsed?.name === "ProposalCreated");
      if (created === undefined || created === null) {
        throw new ChainError(`Proposal transaction ${transaction.hash} emitted no ProposalCreated event`, { code: "CHAIN_UNEXPECTED" });
      }
      return { proposalId: created.args.proposalId as bigint, transaction, receipt };
    },
    approve: (proposalId) => send(registry, "approve", proposalId),
    execute: (proposalId) => send(registry, "execute", proposalId),
  };
}
