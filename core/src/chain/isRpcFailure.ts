import { ChainError } from "../errors";

/**
 * True when an ethers error means "the chain could not be asked" (timeout, refused connection, server error) rather
 * than "the chain answered no" (a revert). RPC failures are worth retrying with backoff; answers are final.
 */
export function isRpcFailure(error: unknown): boolean {
  // Core's readers wrap a failed read in this code; the RPC error they caught is its cause.
  if (error instanceof ChainError && error.code === "CHAIN_UNREACHABLE") return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "CALL_EXCEPTION" || code === "INSUFFICIENT_FUNDS") return false;
  if (code === "TIMEOUT" || code === "NETWORK_ERROR" || code === "SERVER_ERROR" || code === "UNKNOWN_ERROR") return true;
  const message = error instanceof Error ? error.message : String(error);
  return /ECONNREFUSED|ECONNRESET|fetch failed|socket hang up|timeout/i.test(message);
}
