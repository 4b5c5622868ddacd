import { expect } from "chai";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { InjectedCrash } from "../../issuer-service/errors";
import { describeEachEngine, anchoredEvents, graduatesCsv, startChain, startService, waitForState, type Chain, type Faults } from "./harness";

describeEachEngine("issuer service: exactly-once anchoring and idempotency", function () {
  this.timeout(180_000);
  let chain: Chain;

  before(async () => {
    chain = await startChain();
  });
  after(async () => {
    await chain?.stop();
  });

  async function crashAndRestart(dbName: string, faults: Faults, anchoredAtCrash: number) {
    const first = await startService(chain, dbName, { faults });
    const upload = await request(first.app)
      .post("/api/v1/batches")
      .set("authorization", `Bearer ${first.keys.harbour}`)
      .set("content-type", "text/csv")
      .send(graduatesCsv(dbName.toUpperCase().slice(0, 2), 10))
      .expect(202);
    const deadline = Date.now() + 30_000;
    while (first.worker.crashed === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(first.worker.crashed).to.be.instanceOf(InjectedCrash);
    const atCrash = await first.ctx.db.selectFrom("batches").selectAll().where("id", "=", upload.body.id as string).executeTakeFirstOrThrow();
    // Signed credentials exist in the database but are not released before the anchor is confirmed.
    const stored = await first.ctx.db.selectFrom("credentials").select("id").where("batch_id", "=", upload.body.id as string).limit(1).executeTakeFirstOrThrow();
    await request(first.app).get(`/api/v1/credentials/${stored.id}`).set("authorization", `Bearer ${first.keys.harbour}`).expect(404);
    await request(first.app).get(`/api/v1/batches/${upload.body.id}/credentials`).set("authorization", `Bearer ${first.keys.harbour}`).expect(409);
    await first.stop();

    expect(atCrash.state).to.equal("anchoring");
    expect(atCrash.raw_tx).to.match(/^0x/);
    expect(atCrash.nonce).to.be.a("number");
    expect(await anchoredEvents(chain, atCrash.root!)).to.equal(anchoredAtCrash);

    const second = await startService(chain, dbName);
    try {
      const done = await waitForState(
        async () => (await request(second.app).get(`/api/v1/batches/${upload.body.id}`).set("authorization", `Bearer ${second.keys.harbour}`)).body,
        ["published", "failed"],
      );
      expect(done.state, JSON.stringify(done)).to.equal("published");
      const transaction = done.transaction as { hash: string; nonce: number };
      // The very transaction persisted before the crash was the one mined: same hash, same nonce.
      expect(transaction.hash).to.equal(atCrash.tx_hash);
      expect(transaction.nonce).to.equal(atCrash.nonce);
      expect(await anchoredEvents(chain, atCrash.root!)).to.equal(1);
    } finally {
      await second.stop();
    }
  }

  it("resumes a batch that crashed after the raw transaction was committed but before it was sent", async () => {
    await crashAndRestart("crash-before-send", {
      afterTxPersisted: () => {
        throw new InjectedCrash("after commit, before send");
      },
    }, 0);
  });

  it("resumes a batch that crashed after the transaction was sent but before its receipt was read", async () => {
    await crashAndRestart("crash-after-send", {
      afterTxSent: () => {
        throw new InjectedCrash("after send, before receipt");
      },
    }, 1);
  });

  describe("Idempotency-Key", () => {
    it("returns the same batch for the same key and body, and 422 for the same key with another body", async () => {
      const service = await startService(chain, "idempotency", { worker: false });
      try {
        const post = (body: string) =>
          request(service.app)
            .post("/api/v1/batches")
            .set("authorization", `Bearer ${service.keys.harbour}`)
            .set("idempotency-key", "upload-2026-06")
            .set("content-type", "text/csv")
            .send(body);
        const first = await post(graduatesCsv("ID", 3)).expect(202);
        const again = await post(graduatesCsv("ID", 3)).expect(200);
        expect(again.body.id).to.equal(first.body.id);
        const other = await post(graduatesCsv("ID", 4)).expect(422);
        expect(other.body.error.code).to.equal("IDEMPOTENCY_KEY_REUSED");
        // The same key at another university is another key altogether.
        await request(service.app)
          .post("/api/v1/batches")
          .set("authorization", `Bearer ${service.keys.lionrock}`)
          .set("idempotency-key", "upload-2026-06")
          .set("content-type", "text/csv")
          .send(graduatesCsv("LR", 2))
          .expect(202);
        const harbourBatches = await service.ctx.db.selectFrom("batches").select("id").where("university_id", "=", "harbour").execute();
        expect(harbourBatches).to.have.length(1);
      } finally {
        await service.stop();
      }
    });

    it("gives the key back when the upload is refused (413), so the corrected upload can use it", async () => {
      const service = await startService(chain, "idempotency-limit", { worker: false, config: { maxUploadBytes: 2048 } });
      try {
        const post = (body: string) =>
          request(service.app)
            .post("/api/v1/batches")
            .set("authorization", `Bearer ${service.keys.harbour}`)
            .set("idempotency-key", "too-big")
            .set("content-type", "text/csv")
            .send(body);
        await post(graduatesCsv("TB", 40)).expect(413);
        await post(graduatesCsv("TB", 2)).expect(202);
      } finally {
        await service.stop();
      }
    });

    it("answers 409 to a duplicate that arrives while the first request is still in flight", async () => {
      const service = await startService(chain, "idempotency-concurrent", { worker: false });
      const server = service.app.listen(0, "127.0.0.1");
      await new Promise((resolve) => server.once("listening", resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const body = Buffer.from(graduatesCsv("CC", 200));
        const headers = {
          authorization: `Bearer ${service.keys.harbour}`,
          "idempotency-key": "concurrent-1",
          "content-type": "text/csv",
          "content-length": String(body.length),
        };
        // The first upload sends half its body and pauses, as a slow connection would, until the duplicate is answered.
        let sendRest = (): void => undefined;
        const first = new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = httpRequest({ host: "127.0.0.1", port, method: "POST", path: "/api/v1/batches", headers }, (res) => {
            let text = "";
            res.on("data", (chunk: Buffer) => (text += chunk.toString()));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
          });
          req.on("error", reject);
          req.write(body.subarray(0, body.length / 2));
          sendRest = () => req.end(body.subarray(body.length / 2));
        });
        // The key is claimed before the body is read: wait for the claim, not for a fixed time.
        const claimed = async () => (await service.ctx.db.selectFrom("idempotency_keys").select("key").where("key", "=", "concurrent-1").executeTakeFirst()) !== undefined;
        const deadline = Date.now() + 30_000;
        while (!(await claimed()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(await claimed(), "the first upload claimed its key").to.equal(true);
        const duplicate = await request(server).post("/api/v1/batches").set(headers).send(body.toString());
        sendRest();
        expect(duplicate.status).to.equal(409);
        expect(duplicate.body.error.code).to.equal("IDEMPOTENCY_IN_FLIGHT");
        const original = await first;
        expect(original.status).to.equal(202);
        const replay = await request(server).post("/api/v1/batches").set(headers).send(body.toString()).expect(200);
        expect(replay.body.id).to.equal((JSON.parse(original.body) as { id: string }).id);
      } finally {
        await new Promise((resolve) => server.close(resolve));
        await service.stop();
      }
    });
  });
});
