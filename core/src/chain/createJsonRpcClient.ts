import { ChainError } from "../errors";
import { DEFAULT_RPC_TIMEOUT_MS } from "./defaultRpcTimeoutMs";
import type { FetchJson, JsonRpcClient } from "./JsonRpcClient";

interface JsonRpcResponse {
  result?: unknown;
  error?: { code?: unknown; message?: unknown; data?: unknown };
}

/** Hex revert data wherever a node puts it: `error.data` (Hardhat, Geth) or `error.data.data` (some proxies). */
function revertDataOf(error: NonNullable<JsonRpcResponse["error"]>): string | undefined {
  const { data } = error;
  if (typeof data === "string" && data.startsWith("0x")) return data;
  const nested = (data as { data?: unknown } | null | undefined)?.data;
  if (typeof nested === "string" && nested.startsWith("0x")) return nested;
  // Besu and Geth answer a revert without data with code 3 or a message naming it.
  if (error.code === 3 || (typeof error.message === "string" && /revert/i.test(error.message))) return "0x";
  return undefined;
}

/**
 * Why a request got no answer, in words that never include the URL (it may hold an API key): a timeout, or the
 * system's error code (ECONNREFUSED…) behind `fetch failed`.
 */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return "no answer";
  if (error.name === "TimeoutError" || error.name === "AbortError") return "timeout";
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? `no answer (${code})` : "no answer";
}

/** `fetch` refuses a URL with `user:password@`: they are sent as HTTP Basic credentials instead (as ethers does). */
function withoutCredentials(url: string): { url: string; headers: Record<string, string> } {
  const match = /^(https?:\/\/)([^/?#@]*)@(.*)$/i.exec(url);
  if (match === null) return { url, headers: {} };
  const [, scheme, userInfo, rest] = match as unknown as [string, string, string, string];
  const [user = "", password = ""] = userInfo.split(":").map((part) => decodeURIComponent(part));
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return { url: `${scheme}${rest}`, headers: { authorization: `Basic ${btoa(String.fromCharCode(...bytes))}` } };
}

function unreachable(reason: string, cause?: unknown): ChainError {
  return new ChainError(`RPC request failed: ${reason}`, { code: "CHAIN_UNREACHABLE", ...(cause === undefined ? {} : { cause }) });
}

/**
 * A JSON-RPC client over `fetch`, with a timeout per request: what the verifier page needs of a node, without an
 * ethers provider (its provider, contract and network classes are most of the page's worker). Never retries: a
 * failed read is the caller's to ask again. The URL may hold an API key, so no error names it.
 */
export function createJsonRpcClient(url: string, options: { fetch: FetchJson; timeoutMs?: number }): JsonRpcClient {
  let id = 0;
  const target = withoutCredentials(url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
  return {
    async request(method, params) {
      let body: unknown;
      try {
        const response = await options.fetch(target.url, {
          method: "POST",
          headers: { "content-type": "application/json", ...target.headers },
          body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) throw unreachable(`HTTP ${response.status}`);
        body = await response.json();
      } catch (error) {
        if (error instanceof ChainError) throw error;
        throw unreachable(reasonOf(error), error);
      }
      const answer = body as JsonRpcResponse | null;
      if (answer === null || typeof answer !== "object") throw unreachable("not a JSON-RPC response");
      if (answer.error !== undefined && answer.error !== null) {
        const revertData = revertDataOf(answer.error);
        const message = typeof answer.error.message === "string" ? answer.error.message : "error";
        if (revertData === undefined) throw unreachable(message);
        throw new ChainError(`Call reverted: ${message}`, { code: "CHAIN_READ_FAILED", details: { revertData } });
      }
      if (!("result" in answer)) throw unreachable("not a JSON-RPC response");
      return answer.result;
    },
  };
}
