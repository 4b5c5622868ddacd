import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { DELIVERY_HEADER, SIGNATURE_HEADER, verifyWebhookSignature } from "../../issuer-service/requests/webhooks";
import { freePort } from "../../scripts/lib/localChain";

export interface WebhookReceiver {
  url: string;
  /** The deliveries taken, in order. */
  taken: { headers: IncomingHttpHeaders; body: string; at: number }[];
  /** When each attempt arrived, taken or not. */
  attempts: number[];
  server: Server;
}

/**
 * An admission system's webhook receiver (docs/REQUESTS.md): checks each delivery's signature and replay window,
 * remembers delivery ids and refuses one it has taken (409, a replay); `failFirst` answers 500 that many times before
 * taking anything. `secret` is asked at each delivery, since the test learns it only once the hook is set.
 */
export async function startWebhookReceiver(secret: () => string, failFirst = 0): Promise<WebhookReceiver> {
  const taken: WebhookReceiver["taken"] = [];
  const attempts: number[] = [];
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      attempts.push(Date.now());
      if (attempts.length <= failFirst) return res.writeHead(500).end();
      if (!verifyWebhookSignature(secret(), req.headers[SIGNATURE_HEADER] as string | undefined, body, Math.floor(Date.now() / 1000))) return res.writeHead(401).end();
      const id = req.headers[DELIVERY_HEADER] as string;
      if (seen.has(id)) return res.writeHead(409).end();
      seen.add(id);
      taken.push({ headers: req.headers, body, at: Date.now() });
      res.writeHead(204).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}/hooks/credanchor`, taken, attempts, server };
}
