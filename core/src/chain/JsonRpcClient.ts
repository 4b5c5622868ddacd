/** The `fetch` a JSON-RPC client is given (the browser's or Node's): core opens no connection of its own. */
export type FetchJson = (
  url: string,
  init: { method: "POST"; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/** Sends JSON-RPC requests to one node. */
export interface JsonRpcClient {
  /**
   * The result of `method`, or ChainError: CHAIN_UNREACHABLE when the node could not be asked or answered with an
   * error of its own (timeout, refused connection, HTTP error, not JSON-RPC); CHAIN_READ_FAILED with
   * `details.revertData` (hex, possibly `0x`) when the call reverted.
   */
  request(method: string, params: readonly unknown[]): Promise<unknown>;
}
