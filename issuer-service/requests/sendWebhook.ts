import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { checkWebhookTarget, type ResolvedAddress, type ResolveHost } from "./checkWebhookTarget";

/** A lookup that answers only the address already checked, in the form net.connect asks for (one, or all). */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_host, options, callback) => {
    if (options.all === true) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}

/**
 * One delivery attempt: checks the URL's host (checkWebhookTarget) and POSTs to the very address it checked. The
 * connection's lookup answers only that address, so a name that resolves elsewhere by the time of the connection
 * (DNS rebinding: public at the check, 127.0.0.1 a moment later) cannot turn the POST inward; the Host header and the
 * TLS server name and certificate check stay the URL's host. No redirect is followed, no connection is kept for a
 * later attempt (each is checked anew). Answers the HTTP status.
 */
export async function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { allowInternal: boolean; timeoutMs: number; resolve?: ResolveHost },
): Promise<number> {
  const pinned = await checkWebhookTarget(url, options);
  const send = new URL(url).protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup: pinnedLookup(pinned), agent: false, signal: AbortSignal.timeout(options.timeoutMs) },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
