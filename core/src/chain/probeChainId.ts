import { ChainError } from "../errors";
import { createProvider, type ProviderOptions } from "./createProvider";
import { redactUrl } from "./redactUrl";

/**
 * The chain id the RPC at `rpcUrl` serves. Throws ChainError CHAIN_UNREACHABLE naming the URL it tried (without
 * credentials, see redactUrl) in its message and as `details.url` and `params.url`, so each app can word how to
 * point it elsewhere.
 */
export async function probeChainId(rpcUrl: string, options: Pick<ProviderOptions, "timeoutMs"> = {}): Promise<number> {
  // Any id will do for the probe: it only sends eth_chainId, which a static network does not answer itself.
  const probe = createProvider(rpcUrl, 1, options);
  try {
    return Number(await probe.send("eth_chainId", []));
  } catch (error) {
    const url = redactUrl(rpcUrl);
    throw new ChainError(`Cannot reach the chain at ${url}`, { code: "CHAIN_UNREACHABLE", details: { url }, params: { url }, cause: error });
  } finally {
    probe.destroy();
  }
}
