/** One JSON-RPC request may take this long before the chain counts as unreachable. */
export const DEFAULT_RPC_TIMEOUT_MS = 10_000;
