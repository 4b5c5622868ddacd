/**
 * A JSON-RPC proxy in front of the Hardhat node for fault injection. Each request is matched against the rules in
 * order; the first rule whose `method` matches and whose `times` is not used up decides:
 * - `status`: answer that HTTP status (e.g. 503) without asking the node;
 * - `lostResponse`: forward to the node (so the call takes effect) but answer 502, as a proxy that dies mid-reply;
 * - `hang`: never answer (the client's own timeout must fire); with `lostResponse` the node still gets the call;
 * - `error`: answer a JSON-RPC error with this message, as another node would word it; with `lostResponse` the
 *   node still gets the call;
 * - `before`: run this first (e.g. mine a block on the node), so that a call meets the chain in a chosen state;
 * - `match`: the rule applies only to calls whose params it accepts (e.g. one contract function's transactions).
 * Unmatched requests are forwarded unchanged. The service under test uses `url`; the test talks to the node directly.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FaultRule {
  method: string | RegExp;
  status?: number;
  lostResponse?: boolean;
  hang?: boolean;
  error?: string;
  before?: () => Promise<void>;
  match?: (params: unknown[]) => boolean;
  /** How many matching requests this rule affects; default unlimited. */
  times?: number;
}

export interface RpcProxy {
  url: string;
  rules: FaultRule[];
  /** Requests seen per method, and how many a rule interfered with. */
  seen: Map<string, number>;
  faulted: number;
  close(): Promise<void>;
}

function read(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export async function startRpcProxy(target: string): Promise<RpcProxy> {
  const hanging = new Set<ServerResponse>();
  const proxy: RpcProxy = { url: "", rules: [], seen: new Map(), faulted: 0, close: async () => undefined };
  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    let method = "";
    let id: unknown = null;
    let params: unknown[] = [];
    try {
      type Call = { method?: string; id?: unknown; params?: unknown[] };
      const parsed = JSON.parse(body.toString("utf8")) as Call | Call[];
      const first = Array.isArray(parsed) ? parsed[0] : parsed;
      method = first?.method ?? "";
      id = first?.id ?? null;
      params = first?.params ?? [];
    } catch {
      method = "";
    }
    proxy.seen.set(method, (proxy.seen.get(method) ?? 0) + 1);
    const rule = proxy.rules.find(
      (r) =>
        (typeof r.method === "string" ? r.method === method : r.method.test(method)) &&
        (r.times === undefined || r.times > 0) &&
        (r.match === undefined || r.match(params)),
    );
    if (rule !== undefined && rule.times !== undefined) rule.times--;
    if (rule !== undefined) proxy.faulted++;
    await rule?.before?.();
    const rpcError = (message: string) => JSON.stringify({ jsonrpc: "2.0", id, error: { code: -32000, message } });
    if (rule?.status !== undefined && !rule.lostResponse) {
      res.writeHead(rule.status, { "content-type": "text/plain" }).end("injected fault");
      return;
    }
    if (rule?.error !== undefined && !rule.lostResponse) {
      res.writeHead(200, { "content-type": "application/json" }).end(rpcError(rule.error));
      return;
    }
    let answer: { status: number; text: string };
    try {
      const forwarded = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: body.toString("utf8") });
      answer = { status: forwarded.status, text: await forwarded.text() };
    } catch (error) {
      answer = { status: 502, text: String(error) };
    }
    if (rule?.hang) {
      hanging.add(res);
      return;
    }
    if (rule?.lostResponse && rule.error !== undefined) {
      res.writeHead(200, { "content-type": "application/json" }).end(rpcError(rule.error));
      return;
    }
    if (rule?.lostResponse) {
      res.writeHead(rule.status ?? 502, { "content-type": "text/plain" }).end("injected fault after forwarding");
      return;
    }
    res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
