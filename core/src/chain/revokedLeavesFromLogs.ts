import { Contract, type EventLog, type Provider } from "ethers";
import { credentialAnchorAbi } from "../generated/abis";
import type { RevokedLeavesSource } from "./cachedChainReader";

/**
 * Revoked leaves of a batch from the anchor's `CredentialRevoked(issuerId indexed, root indexed, leaf indexed, …)`
 * logs: one `eth_getLogs` per batch, filtered by issuer and root, from the block the batch was anchored in (no revocation can precede
 * it) to the pinned block. The contract emits this event for every credential revocation, by issuer or governance.
 * Nodes that cap log ranges make this fail; the cached reader then reports CHAIN_UNREACHABLE, never a guess.
 */
export function revokedLeavesFromLogs(provider: Provider, anchorAddress: string): RevokedLeavesSource {
  const anchor = new Contract(anchorAddress, credentialAnchorAbi, provider);
  return async (issuerId, root, fromBlock, toBlock) => {
    const filter = anchor.getEvent("CredentialRevoked")(issuerId, root);
    const logs = await anchor.queryFilter(filter, fromBlock, toBlock);
    return logs.map((log) => String((log as EventLog).args?.leaf ?? log.topics[3]));
  };
}
