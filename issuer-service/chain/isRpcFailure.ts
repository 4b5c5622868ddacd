/**
 * True when an ethers error means "the chain could not be asked" (timeout, refused connection, server error) rather
 * than "the chain answered no" (a revert). RPC failures are retried with backoff; answers are final.
 */
export function isRpcFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "CALL_EXCEPTION" || code === "INSUFFICIENT_FUNDS") return false;
  if (code === "TIMEOUT" || code === "NETWORK_ERROR" || code === "SERVER_ERROR" || code === "UNKNOWN_ERROR") return true;
  const message = error instanceof Error ? error.message : String(error);
  return /ECONNREFUSED|ECONNRESET|fetch failed|socket hang up|timeout/i.test(message);
}
