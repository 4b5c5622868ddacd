import { readFileSync } from "node:fs";
import type { JsonRpcProvider, Wallet } from "ethers";
import { Deployment, DeploymentError } from "@credanchor/core/protocol";
import { createChainReader, createChainWriter, createProvider, type ChainWriter, type DeploymentReader } from "@credanchor/core/chain";

/** How often the service polls for new blocks and receipts (filters would vanish when the node restarts). */
const POLLING_INTERVAL_MS = 250;

export interface ChainClient {
  provider: JsonRpcProvider;
  deployment: Deployment;
  reader: DeploymentReader;
  /**
   * The reader of the contracts whose CredentialAnchor is `anchor`: the current deployment's, or an earlier one the
   * deployment file's `history` still lists (SPEC §8.1); null for any other contract.
   */
  readerOf(anchor: string): DeploymentReader | null;
  writer(signer: Wallet): ChainWriter;
}

export function loadDeploymentFile(path: string): Deployment {
  try {
    return Deployment.parse(JSON.parse(readFileSync(path, "utf8")));
  } catch (error) {
    throw new DeploymentError(`Deployment file ${path} is missing or invalid`, { code: "DEPLOYMENT_INVALID", cause: error });
  }
}

/**
 * The service's chain: core's provider pinned to the deployment's chain id (a chain that is down makes single calls
 * fail and be retried instead of stalling the service at start), core's reader, and a writer per signing key.
 */
export function createChainClient(rpcUrl: string, deployment: Deployment): ChainClient {
  const provider = createProvider(rpcUrl, deployment.chainId, { polling: { intervalMs: POLLING_INTERVAL_MS } });
  const reader = createChainReader(provider, deployment);
  const earlier = new Map(deployment.history.map((entry) => [entry.anchor.toLowerCase(), createChainReader(provider, { ...entry, lens: deployment.lens })]));
  return {
    provider,
    deployment,
    reader,
    readerOf: (anchor) => (anchor.toLowerCase() === deployment.anchor.toLowerCase() ? reader : (earlier.get(anchor.toLowerCase()) ?? null)),
    writer: (signer) => createChainWriter(signer, deployment),
  };
}
