/**
 * Encrypted share links on the issuer service (SPEC §11): the real app over a real SQLite file (test/issuer-service
 * harness). The service must only ever hold ciphertext, count opens, and answer expired and withdrawn links with
 * distinct 410 codes.
 */
import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import request from "supertest";
import { buildCredential } from "../../core/src/buildCredential";
import { decryptShare, encryptShare, MAX_SHARE_PAYLOAD_BYTES } from "../../core/src/share/shareCrypto";
import { RECORD, ISSUER } from "../core/helpers/records";
import { describeEachEngine, startChain, startService, type Chain, type Service } from "./harness";

const VERIFIER_ORIGIN = "http://127.0.0.1:8080";
const credentialText = JSON.stringify(buildCredential(RECORD, ISSUER), null, 2);

describeEachEngine("share links on the issuer service", function (engine) {
  this.timeout(120_000);
  let chain: Chain;
  let service: Service;

  async function create(days = 7): Promise<{ id: string; withdrawToken: string; expiresAt: string; key: Uint8Array }> {
    const { payload, key } = await encryptShare(credentialText);
    const response = await request(service.app).post("/api/v1/shares").send({ payload: Buffer.from(payload).toString("base64url"), expiresInDays: days });
    expect(response.status, JSON.stringify(response.body)).to.equal(201);
    return { ...(response.body as { id: string; withdrawToken: string; expiresAt: string }), key };
  }

  before(async () => {
    chain = await startChain();
    service = await startService(chain, "shares", { worker: false, config: { shareCorsOrigins: [VERIFIER_ORIGIN], shareCreateLimitPerIp: 50 } });
  });

  after(async () => {
    await service?.stop();
    await chain?.stop();
  });

  it("stores only ciphertext: the database holds neither the graduate's name nor the withdraw token", async () => {
    const share = await create();
    expect(share.id).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(Date.parse(share.expiresAt) - Date.now()).to.be.closeTo(7 * 86_400_000, 60_000);
    const secrets = ["Chan Tai Man", "陳大文", "HU2026001", share.withdrawToken];
    const { payload, withdraw_hash, ...rest } = await service.ctx.db.selectFrom("shares").selectAll().where("id", "=", share.id).executeTakeFirstOrThrow();
    const row = Buffer.concat([payload!, withdraw_hash, Buffer.from(JSON.stringify(rest))]);
    for (const secret of secrets) expect(row.includes(Buffer.from(secret)), `${secret} in the stored row`).to.equal(false);
    if (engine !== "sqlite") return;
    // The file itself, WAL included: nothing in clear in free pages or journal either.
    await sql`PRAGMA wal_checkpoint(FULL)`.execute(service.ctx.db);
    const files = readdirSync(chain.dir).filter((name) => name.startsWith("shares.sqlite"));
    expect(files).to.include("shares.sqlite");
    for (const name of files) {
      const bytes = readFileSync(join(chain.dir, name));
      for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), `${secret} in ${name}`).to.equal(false);
    }
  });

  it("returns the ciphertext, which decrypts with the link's key, and counts each open for the holder", async () => {
    const share = await create();
    for (let i = 0; i < 2; i++) {
      const opened = await request(service.app).get(`/api/v1/shares/${share.id}`);
      expect(opened.status).to.equal(200);
      expect(opened.headers["cache-control"]).to.equal("no-store");
      expect(await decryptShare(Buffer.from(opened.body.payload as string, "base64url"), share.key)).to.equal(credentialText);
    }
    const status = await request(service.app).get(`/api/v1/shares/${share.id}/status`).set("X-Withdraw-Token", share.withdrawToken);
    expect(status.body).to.deep.include({ opens: 2, state: "active" });
    const wrong = await request(service.app).get(`/api/v1/shares/${share.id}/status`).set("X-Withdraw-Token", "A".repeat(43));
    expect(wrong.status).to.equal(404);
  });

  it("withdrawn links answer 410 SHARE_WITHDRAWN; only the withdraw token withdraws", async () => {
    const share = await create();
    expect((await request(service.app).delete(`/api/v1/shares/${share.id}`)).status).to.equal(400);
    expect((await request(service.app).delete(`/api/v1/shares/${share.id}`).set("X-Withdraw-Token", "A".repeat(43))).status).to.equal(404);
    const withdrawn = await request(service.app).delete(`/api/v1/shares/${share.id}`).set("X-Withdraw-Token", share.withdrawToken);
    expect(withdrawn.status).to.equal(200);
    expect(withdrawn.body.state).to.equal("withdrawn");
    const opened = await request(service.app).get(`/api/v1/shares/${share.id}`);
    expect(opened.status).to.equal(410);
    expect(opened.body.error.code).to.equal("SHARE_WITHDRAWN");
    const row = await service.ctx.db.selectFrom("shares").select("payload").where("id", "=", share.id).executeTakeFirstOrThrow();
    expect(row.payload).to.equal(null);
  });

  it("expired links answer 410 SHARE_EXPIRED, and the worker deletes their ciphertext", async () => {
    const share = await create(1);
    await service.ctx.db.updateTable("shares").set({ expires_at_ms: Date.now() - 1 }).where("id", "=", share.id).execute();
    const opened = await request(service.app).get(`/api/v1/shares/${share.id}`);
    expect(opened.status).to.equal(410);
    expect(opened.body.error.code).to.equal("SHARE_EXPIRED");
    await service.worker.runOnce();
    const row = await service.ctx.db.selectFrom("shares").select("payload").where("id", "=", share.id).executeTakeFirstOrThrow();
    expect(row.payload).to.equal(null);
    expect((await request(service.app).get(`/api/v1/shares/${share.id}`)).body.error.code).to.equal("SHARE_EXPIRED");
    expect((await request(service.app).get("/api/v1/shares/AAAAAAAAAAAAAAAAAAAAAA")).status).to.equal(404);
  });

  it("validates requests: expiry 1 to 90 days, base64url payload, no unknown fields, at most 256 KiB", async () => {
    const post = (body: unknown) => request(service.app).post("/api/v1/shares").send(body as object);
    expect((await post({ payload: "AAAA", expiresInDays: 91 })).status).to.equal(400);
    expect((await post({ payload: "AAAA", expiresInDays: 0 })).status).to.equal(400);
    expect((await post({ payload: "AA==", expiresInDays: 1 })).status).to.equal(400);
    expect((await post({ payload: "AAAA", expiresInDays: 1, name: "x" })).status).to.equal(400);
    const huge = Buffer.alloc(MAX_SHARE_PAYLOAD_BYTES * 2).toString("base64url");
    expect((await post({ payload: huge, expiresInDays: 1 })).status).to.equal(413);
    expect((await request(service.app).get("/api/v1/shares/not-an-id")).status).to.equal(400);
  });

  it("allows CORS for the verifier's origin only, and only on the share endpoints", async () => {
    const share = await create();
    const allowed = await request(service.app).get(`/api/v1/shares/${share.id}`).set("Origin", VERIFIER_ORIGIN);
    expect(allowed.headers["access-control-allow-origin"]).to.equal(VERIFIER_ORIGIN);
    const preflight = await request(service.app).options(`/api/v1/shares/${share.id}`).set("Origin", VERIFIER_ORIGIN).set("Access-Control-Request-Method", "DELETE");
    expect(preflight.status).to.equal(204);
    expect(preflight.headers["access-control-allow-headers"]).to.contain("X-Withdraw-Token");
    const other = await request(service.app).get(`/api/v1/shares/${share.id}`).set("Origin", "https://evil.example");
    expect(other.headers).not.to.have.property("access-control-allow-origin");
    const api = await request(service.app).get("/api/v1/batches").set("Origin", VERIFIER_ORIGIN);
    expect(api.status).to.equal(401);
    expect(api.headers).not.to.have.property("access-control-allow-origin");
  });

  it("are described in the OpenAPI document and its docs page as needing no API key", async () => {
    const doc = (await request(service.app).get("/api/v1/openapi.json")).body as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    expect(Object.keys(doc.paths)).to.include.members(["/shares", "/shares/{id}", "/shares/{id}/status"]);
    expect(doc.paths["/shares"]?.post?.security).to.deep.equal([]);
    expect((await request(service.app).get("/api/v1/docs")).text).to.contain("DELETE /api/v1/shares/{id}");
  });

  it("limits how many links one IP address creates", async () => {
    const limited = await startService(chain, "shares-limited", { worker: false, config: { shareCreateLimitPerIp: 2 } });
    try {
      const { payload } = await encryptShare(credentialText);
      const body = { payload: Buffer.from(payload).toString("base64url"), expiresInDays: 1 };
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await request(limited.app).post("/api/v1/shares").send(body)).status);
      expect(statuses).to.deep.equal([201, 201, 429]);
    } finally {
      await limited.stop();
    }
  });
});
