import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { FetchJson } from "@credanchor/core/chain";

/**
 * core's JSON-RPC client's `fetch`, over node:http and its keep-alive agent. Node's own `fetch` (undici) cost
 * `credanchor verify` about 0.2 s more CPU per run than these few lines: loading undici and its per-request
 * streams. A failure carries the system's error code as its cause, as `fetch` does (`fetch failed`, ECONNREFUSED).
 */
export const httpFetchJson: FetchJson = (url, init) =>
  new Promise((resolve, reject) => {
    const send = url.startsWith("https:") ? httpsRequest : httpRequest;
    const request = send(url, { method: init.method, headers: init.headers, signal: init.signal as AbortSignal }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", (error) => reject(new Error("fetch failed", { cause: error })));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const status = response.statusCode ?? 0;
        resolve({ ok: status >= 200 && status < 300, status, json: async () => JSON.parse(text) as unknown });
      });
    });
    request.on("error", (error) => reject(error.name === "AbortError" ? (init.signal as AbortSignal).reason : new Error("fetch failed", { cause: error })));
    request.end(init.body);
  });
