import { readFileSync } from "node:fs";
import { Contract, FetchRequest, JsonRpcProvider, Network, type Wallet } from "ethers";
import { Deployment, DeploymentError } from "@credanchor/core/protocol";
import { credentialAnchorAbi, issuerRegistryAbi } from "@credanchor/core/chain";

/** One JSON-RPC request may take this long before it counts as an RPC failure (and is retried with backoff). */
const RPC_TIMEOUT_MS = 10_000;

export interface ChainClient {
  provider: JsonRpcProvider;
  deployment: Deployment;
  anchor(runner?: Wallet): Contract;
  registry(runner?: Wallet): Contract;
}

export function loadDeploymentFile(path: string): Deployment {
  try {
    return Deployment.parse(JSON.parse(readFileSync(path, "utf8")));
  } catch (error) {
    throw new DeploymentError(`Deployment file ${path} is missing or invalid`, { code: "DEPLOYMENT_INVALID", cause: error });
  }
}

/**
 * A provider pinned to the deployment's chain id: ethers then never probes the network in the background, so a
 * chain that is down makes individual calls fail (and be retried) instead of stalling the service at start.
 */
export function createChainClient(rpcUrl: string, deployment: Deployment): ChainClient {
  const request = new FetchRequest(rpcUrl);
  request.timeout = RPC_TIMEOUT_MS;
  const provider = new JsonRpcProvider(request, undefined, {
    staticNetwork: Network.from(deployment.chainId),
    batchMaxCount: 1,
    polling: true,
    pollingInterval: 250,
    // ethers otherwise answers an identical call within 250 ms from a cache: a nonce read right after a send
    // would be stale and the next transaction would reuse it.
    cacheTimeout: -1,
  });
  return {
    provider,
    deployment,
    anchor: (runner) => new Contract(deployment.anchor, credentialAnchorAbi, runner ?? provider),
    registry: (runner) => new Contract(deployment.registry, issuerRegistryAbi, runner ?? provider),
  };
}
