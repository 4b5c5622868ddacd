import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import request from "supertest";
import { freePort } from "../../scripts/lib/localChain";
import { describeEachEngine, graduatesCsv, startChain, startService, waitForState, type Chain } from "./harness";

const SECRETS = ["s3cret", "t0ken"];

/** An RPC gateway that refuses every call as unauthorised: ethers then quotes the whole request URL in its error. */
async function startRefusingGateway(): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(401, { "content-type": "text/plain" });
    res.end("unauthorised");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** supertest leaves NDJSON unparsed; the audit export is read as plain text. */
const asText: Parameters<request.Test["parse"]>[0] = (res, callback) => {
  let text = "";
  res.setEncoding("utf8");
  res.on("data", (chunk: string) => (text += chunk));
  res.on("end", () => callback(null, text));
};

function expectNoSecret(where: string, text: string): void {
  for (const secret of SECRETS) expect(text, `${secret} in ${where}`).to.not.include(secret);
}

describeEachEngine("issuer service: secrets in the RPC and IPFS URLs never leave the service", function () {
  this.timeout(180_000);
  let chain: Chain;

  before(async () => {
    chain = await startChain();
  });
  after(async () => {
    await chain?.stop();
  });

  it("redacts them in /healthz, /metrics, the batch's lastError, the audit export and every log line", async () => {
    const gateway = await startRefusingGateway();
    const service = await startService(chain, "secrets", {
      config: {
        rpcUrl: `http://user:s3cret@127.0.0.1:${gateway.port}/?token=t0ken`,
        ipfsApiUrl: `http://ipfs:s3cret@127.0.0.1:${await freePort()}/api/v0?apikey=t0ken`,
      },
    });
    const auth = { authorization: `Bearer ${service.keys.harbour}` };
    try {
      const upload = await request(service.app).post("/api/v1/batches").set(auth).set("content-type", "text/csv").send(graduatesCsv("SE", 2)).expect(202);
      const batch = await waitForState(async () => {
        const body = (await request(service.app).get(`/api/v1/batches/${upload.body.id}`).set(auth)).body as { state: string; lastError: string | null };
        return { ...body, state: body.lastError === null ? body.state : "erred" };
      }, ["erred"]);
      expectNoSecret("the batch", JSON.stringify(batch));

      const health = await request(service.app).get("/healthz").expect(503);
      // The failure must be the gateway's refusal, whose error quotes the whole URL, or this test proves nothing.
      expect(health.body.checks.chain.error).to.include("401").and.include("127.0.0.1");
      expectNoSecret("/healthz", health.text);
      expectNoSecret("/metrics", (await request(service.app).get("/metrics").expect(200)).text);
      expectNoSecret("the batch list", (await request(service.app).get("/api/v1/batches").set(auth).expect(200)).text);
      for (const format of ["jsonl", "csv"]) {
        const exported = await request(service.app).get(`/api/v1/audit?format=${format}`).set(auth).buffer(true).parse(asText).expect(200);
        expect(exported.body, "an audit export with lines").to.include("batch.create");
        expectNoSecret(`the audit export (${format})`, exported.body as string);
      }
      expect(service.logs.some((entry) => entry.event === "batch.retry"), "a log line of the failure").to.equal(true);
      expectNoSecret("the log", JSON.stringify(service.logs));
    } finally {
      await service.stop();
      await gateway.close();
    }
  });
});
