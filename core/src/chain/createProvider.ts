import { FetchRequest, JsonRpcProvider, Network } from "ethers";
import { DEFAULT_RPC_TIMEOUT_MS } from "./defaultRpcTimeoutMs";

export { DEFAULT_RPC_TIMEOUT_MS };

export interface ProviderOptions {
  /** Per-request timeout; a browser wants a few seconds, a command or the service 10 s (the default). */
  timeoutMs?: number;
  /**
   * How many requests ethers may put in one JSON-RPC batch (default 1: some nodes and proxies refuse batches, and
   * one failing request would fail the batch's other reads with it).
   */
  batchMaxCount?: number;
  /**
   * Poll for new blocks and receipts every `pollingIntervalMs` instead of using filters (the issuer service, whose
   * worker waits for receipts for hours; filters vanish when a node restarts).
   */
  polling?: { intervalMs: number };
}

/**
 * The provider every app uses: pinned to `chainId` (a static network, so ethers never probes or loops forever
 * re-detecting a network that has gone away; an unreachable chain makes single calls fail fast), with a request
 * timeout, and without ethers' response cache, which would answer a nonce query from 250 ms ago so that a second
 * transaction reuses a spent nonce.
 */
export function createProvider(rpcUrl: string, chainId: number, options: ProviderOptions = {}): JsonRpcProvider {
  const request = new FetchRequest(rpcUrl);
  request.timeout = options.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
  return new JsonRpcProvider(request, undefined, {
    staticNetwork: Network.from(chainId),
    batchMaxCount: options.batchMaxCount ?? 1,
    cacheTimeout: -1,
    ...(options.polling === undefined ? {} : { polling: true, pollingInterval: options.polling.intervalMs }),
  });
}
