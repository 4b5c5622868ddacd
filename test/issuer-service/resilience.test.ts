import { expect } from "chai";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { BATCH_MANIFEST_VERSION } from "../../core/src/buildBatchManifest";
import { contentId } from "../../core/src/contentId";
import type { ContentStore } from "@credanchor/core/issue";
import { createIpfsStore } from "../../issuer-service/content/createIpfsStore";
import { describeEachEngine, anchoredEvents, graduatesCsv, startChain, startService, waitForState, type Chain } from "./harness";

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A JSON-RPC pass-through to the chain that can be switched off (503), like an RPC node going down. */
async function startRpcProxy(target: string): Promise<{ url: string; down: boolean; close(): Promise<void> }> {
  const state = { down: false };
  const server = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      if (state.down) {
        res.writeHead(503).end("unavailable");
        return;
      }
      const upstream = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: new Uint8Array(body) });
      res.writeHead(upstream.status, { "content-type": "application/json" }).end(Buffer.from(await upstream.arrayBuffer()));
    });
  });
  const url = await listen(server);
  return {
    url,
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describeEachEngine("issuer service: RPC and content store failures", function () {
  this.timeout(180_000);
  let chain: Chain;

  before(async () => {
    chain = await startChain();
  });
  after(async () => {
    await chain?.stop();
  });

  it("retries with backoff while the RPC is down, shows it in the batch and /healthz, and anchors once it is back", async () => {
    const proxy = await startRpcProxy(chain.chain.url);
    const service = await startService(chain, "rpc-down", { config: { rpcUrl: proxy.url } });
    const auth = { authorization: `Bearer ${service.keys.harbour}` };
    try {
      proxy.down = true;
      const upload = await request(service.app).post("/api/v1/batches").set(auth).set("content-type", "text/csv").send(graduatesCsv("RD", 4)).expect(202);
      const retrying = await waitForState(async () => {
        const body = (await request(service.app).get(`/api/v1/batches/${upload.body.id}`).set(auth)).body as { state: string; attempts: number };
        return { ...body, state: body.attempts >= 2 ? "retrying" : body.state };
      }, ["retrying"]);
      expect(retrying.lastError).to.be.a("string").with.length.greaterThan(0);
      const health = await request(service.app).get("/healthz").expect(503);
      expect(health.body.checks.chain.ok).to.equal(false);
      expect(health.body.checks.database.ok).to.equal(true);
      const metrics = await request(service.app).get("/metrics").expect(200);
      expect(Number(/credanchor_rpc_errors_total (\d+)/.exec(metrics.text)![1])).to.be.greaterThan(1);

      proxy.down = false;
      const done = await waitForState(async () => (await request(service.app).get(`/api/v1/batches/${upload.body.id}`).set(auth)).body, ["published", "failed"]);
      expect(done.state, JSON.stringify(done)).to.equal("published");
      expect(await anchoredEvents(chain, done.root as string)).to.equal(1);
      await request(service.app).get("/healthz").expect(200);
    } finally {
      await service.stop();
      await proxy.close();
    }
  });

  it("anchors with a locally computed CID while the content store is down and uploads the manifest later", async () => {
    const stored = new Map<string, Uint8Array>();
    const outage = { down: true };
    const store: ContentStore = {
      kind: "ipfs",
      async put(bytes) {
        if (outage.down) throw new Error("connect ECONNREFUSED 127.0.0.1:5001");
        stored.set(contentId(bytes), bytes);
        return contentId(bytes);
      },
      healthy: async () => !outage.down,
    };
    const service = await startService(chain, "store-down", { store });
    const auth = { authorization: `Bearer ${service.keys.harbour}` };
    try {
      const upload = await request(service.app).post("/api/v1/batches").set(auth).set("content-type", "text/csv").send(graduatesCsv("SD", 3)).expect(202);
      const done = await waitForState(async () => (await request(service.app).get(`/api/v1/batches/${upload.body.id}`).set(auth)).body, ["published", "failed"]);
      expect(done.state).to.equal("published");
      const health = await request(service.app).get("/healthz").expect(503);
      expect(health.body.checks.contentStore).to.deep.include({ ok: false, pendingUploads: 1 });
      expect(stored.size).to.equal(0);

      outage.down = false;
      const deadline = Date.now() + 20_000;
      while (!stored.has(done.manifestCid as string) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const manifest = JSON.parse(new TextDecoder().decode(stored.get(done.manifestCid as string))) as { root: string; count: number; leaves: string[]; version: number };
      expect(manifest).to.include({ root: done.root, count: 3, version: BATCH_MANIFEST_VERSION });
      expect(manifest.leaves).to.have.length(3);
      await request(service.app).get("/healthz").expect(200);
    } finally {
      await service.stop();
    }
  });

  it("adds manifests to an IPFS node with Kubo's CIDv0 options and checks the CID it returns", async () => {
    const calls: string[] = [];
    const server = createServer((req, res) => {
      void readBody(req).then((body) => {
        calls.push(req.url ?? "");
        if (req.url?.startsWith("/api/v0/add")) {
          // multipart/form-data with one file part: the bytes sit between the part's headers and the closing boundary.
          const boundary = /boundary=(.+)$/.exec(req.headers["content-type"] ?? "")![1]!;
          const start = body.indexOf("\r\n\r\n") + 4;
          const end = body.indexOf(Buffer.from(`\r\n--${boundary}`), start);
          const file = body.subarray(start, end);
          res.writeHead(200, { "content-type": "application/json" }).end(`${JSON.stringify({ Name: "manifest", Hash: contentId(file), Size: String(file.length) })}\n`);
        } else if (req.url?.startsWith("/api/v0/version")) {
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ Version: "0.29.0" }));
        } else {
          res.writeHead(404).end();
        }
      });
    });
    const url = await listen(server);
    try {
      const ipfs = createIpfsStore(url);
      expect(await ipfs.healthy()).to.equal(true);
      const bytes = new TextEncoder().encode(JSON.stringify({ type: "CredAnchorBatchManifest", leaves: ["0x01"] }));
      expect(await ipfs.put(bytes)).to.equal(contentId(bytes));
      const add = calls.find((call) => call.startsWith("/api/v0/add"))!;
      expect(add).to.include("cid-version=0").and.include("raw-leaves=false").and.include("chunker=size-262144");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
