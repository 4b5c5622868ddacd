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
  return {
    provider,
    deployment,
    reader: createChainReader(provider, deployment),
    writer: (signer) => createChainWriter(signer, deployment),
  };
}
