import { expect } from "chai";
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Contract } from "ethers";
import { sql } from "kysely";
import request from "supertest";
import { issuerRegistryAbi } from "../../core/src/generated/abis";
import type { VerificationReport } from "../../core/src/VerificationReport";
import { loadDeploymentFile } from "../../issuer-service/chain/createChainClient";
import { runCli } from "../../scripts/lib/runCli";
import { describeEachEngine, downloadZip, graduatesCsv, issueCsv, startChain, startService, waitForState, type Chain, type Service } from "./harness";

async function expectRejected(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error, "the statement was refused").to.be.instanceOf(Error);
  expect((error as Error).message).to.match(message);
}

describeEachEngine("issuer service: revoke, reissue, rotate, audit, security", function (engine) {
  this.timeout(180_000);
  let chain: Chain;
  let service: Service;
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });

  before(async () => {
    chain = await startChain();
    service = await startService(chain, "lifecycle");
  });
  after(async () => {
    await service?.stop();
    await chain?.stop();
  });

  /** Writes credential JSON to a file and runs `credanchor verify --json` on it. */
  async function verify(name: string, credential: Uint8Array | string): Promise<{ code: number; report: VerificationReport }> {
    const path = join(chain.dir, `${name}.json`);
    writeFileSync(path, credential);
    const result = await runCli(["verify", path, "--json"], chain.env);
    return { code: result.code, report: JSON.parse(result.stdout) as VerificationReport };
  }
  const statusOf = (report: VerificationReport) => report.checks.find((check) => check.check === "STATUS")!;

  it("revokes one credential and reissues another, which the verifier reports as superseded", async () => {
    const batch = await issueCsv(service.app, service.keys.harbour, graduatesCsv("RV", 3));
    const files = await downloadZip(service.app, service.keys.harbour, batch.id);
    const [first, second] = Object.keys(files).filter((name) => !name.startsWith("batch-")).sort();
    const revokedId = (JSON.parse(new TextDecoder().decode(files[first!])) as { id: string }).id;
    const oldId = (JSON.parse(new TextDecoder().decode(files[second!])) as { id: string }).id;

    const revoked = await request(service.app)
      .post(`/api/v1/credentials/${revokedId}/revoke`)
      .set(auth(service.keys.harbour))
      .send({ reason: "Degree withdrawn by Senate", reasonCode: "withdrawn" })
      .expect(200);
    expect(revoked.body.transaction).to.match(/^0x/);
    await request(service.app).post(`/api/v1/credentials/${revokedId}/revoke`).set(auth(service.keys.harbour)).send({ reason: "again" }).expect(409);
    const revokedReport = await verify("revoked", files[first!]!);
    expect(revokedReport.code).to.equal(1);
    expect(statusOf(revokedReport.report).code).to.equal("STATUS_REVOKED");

    const reissue = await request(service.app)
      .post(`/api/v1/credentials/${oldId}/reissue`)
      .set(auth(service.keys.harbour))
      .send({ nameEn: "Corrected Graduate Name" })
      .expect(202);
    expect(reissue.body.supersedes).to.equal(oldId);
    await request(service.app).post(`/api/v1/credentials/${oldId}/reissue`).set(auth(service.keys.harbour)).send({ nameEn: "Twice" }).expect(409);
    const done = await waitForState(
      async () => (await request(service.app).get(`/api/v1/batches/${reissue.body.id}`).set(auth(service.keys.harbour))).body,
      ["published", "failed"],
    );
    expect(done.state, JSON.stringify(done)).to.equal("published");
    const newFiles = await downloadZip(service.app, service.keys.harbour, reissue.body.id);
    const newName = Object.keys(newFiles).find((name) => !name.startsWith("batch-"))!;
    const replacement = JSON.parse(new TextDecoder().decode(newFiles[newName])) as { id: string; credentialSubject: { name: { en: string } } };
    expect(replacement.credentialSubject.name.en).to.equal("Corrected Graduate Name");

    const oldReport = await verify("superseded", files[second!]!);
    expect(oldReport.code).to.equal(1);
    expect(statusOf(oldReport.report).code).to.equal("STATUS_SUPERSEDED");
    expect(JSON.stringify(statusOf(oldReport.report).data)).to.include(replacement.id);
    const newReport = await verify("replacement", newFiles[newName]!);
    expect(newReport.code, JSON.stringify(newReport.report.checks)).to.equal(0);
    expect(newReport.report.status).to.equal("VALID");

    const view = await request(service.app).get(`/api/v1/credentials/${oldId}`).set(auth(service.keys.harbour)).expect(200);
    expect(view.body.status.supersededBy).to.equal(replacement.id);
  });

  it("rejects an invalid correction with a row error", async () => {
    const list = await request(service.app).get("/api/v1/batches").set(auth(service.keys.harbour)).expect(200);
    const files = await downloadZip(service.app, service.keys.harbour, list.body.items[0].id);
    const name = Object.keys(files).find((file) => !file.startsWith("batch-"))!;
    const id = (JSON.parse(new TextDecoder().decode(files[name])) as { id: string }).id;
    const response = await request(service.app).post(`/api/v1/credentials/${id}/reissue`).set(auth(service.keys.harbour)).send({ awardDate: "2025-13-01" }).expect(422);
    expect(response.body.errors[0]).to.include({ row: 1, field: "awardDate", code: "INVALID_DATE", value: "2025-13-01" });
    await request(service.app).post(`/api/v1/credentials/${id}/reissue`).set(auth(service.keys.harbour)).send({ studentId: "X" }).expect(400);
  });

  it("revokes a whole batch", async () => {
    const batch = await issueCsv(service.app, service.keys.harbour, graduatesCsv("WB", 2));
    const files = await downloadZip(service.app, service.keys.harbour, batch.id);
    await request(service.app).post(`/api/v1/batches/${batch.id}/revoke`).set(auth(service.keys.harbour)).send({ reason: "Printed in error", reasonCode: "issued-in-error" }).expect(200);
    const view = await request(service.app).get(`/api/v1/batches/${batch.id}`).set(auth(service.keys.harbour)).expect(200);
    expect(view.body.counts.revoked).to.equal(2);
    const name = Object.keys(files).find((file) => !file.startsWith("batch-"))!;
    const report = await verify("batch-revoked", files[name]!);
    expect(statusOf(report.report).code).to.equal("STATUS_BATCH_REVOKED");
  });

  it("rotates the signing key and issues with the new key", async () => {
    const rotated = await request(service.app).post("/api/v1/keys/rotate").set(auth(service.keys.harbour)).send({}).expect(200);
    expect(rotated.body.newKey).to.not.equal(rotated.body.oldKey);
    const keyFile = join(service.config.keyDir, "harbour.key");
    expect(statSync(keyFile).mode & 0o777).to.equal(0o600);
    const deployment = loadDeploymentFile(chain.deploymentPath);
    const registry = new Contract(deployment.registry, issuerRegistryAbi, chain.provider);
    const newKey = await registry.getFunction("signingKey")(rotated.body.newKey);
    const oldKey = await registry.getFunction("signingKey")(rotated.body.oldKey);
    expect(newKey.issuerId).to.equal(oldKey.issuerId);

    const batch = await issueCsv(service.app, service.keys.harbour, graduatesCsv("NK", 2));
    const files = await downloadZip(service.app, service.keys.harbour, batch.id);
    const name = Object.keys(files).find((file) => !file.startsWith("batch-"))!;
    const credential = JSON.parse(new TextDecoder().decode(files[name])) as { proof: { signer: string } };
    expect(credential.proof.signer).to.equal(rotated.body.newKey);
    const report = await verify("rotated", files[name]!);
    expect(report.code, JSON.stringify(report.report.checks)).to.equal(0);
  });

  it("keeps an append-only audit log that only the admin role may download", async () => {
    const download = (format: string) =>
      request(service.app)
        .get(`/api/v1/audit?format=${format}`)
        .set(auth(service.keys.harbour))
        .buffer(true)
        .parse((res, callback) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () => callback(null, body));
        })
        .expect(200);
    const jsonl = await download("jsonl");
    const entries = (jsonl.body as string).trim().split("\n").map((line) => JSON.parse(line) as { action: string; university_id: string; key_id: string; result: string });
    const actions = entries.map((entry) => entry.action);
    for (const action of ["batch.create", "credential.revoke", "credential.reissue", "batch.revoke", "signingKey.rotate", "batch.publish", "credential.supersede"]) {
      expect(actions).to.include(action);
    }
    expect(entries.every((entry) => entry.university_id === "harbour")).to.equal(true);
    expect(entries.find((entry) => entry.action === "credential.revoke" && entry.result === "ALREADY_REVOKED")).to.not.equal(undefined);

    const csv = await download("csv");
    expect((csv.body as string).split("\n")[0]).to.equal("id,at,university_id,key_id,action,target,result,detail");

    await expectRejected(service.ctx.db.updateTable("audit_log").set({ result: "ok" }).execute(), /append-only/);
    await expectRejected(service.ctx.db.deleteFrom("audit_log").execute(), /append-only/);
    if (engine === "postgres") await expectRejected(sql`TRUNCATE audit_log`.execute(service.ctx.db), /append-only/);

    const registrar = await startService(chain, "lifecycle", { worker: false, apiKeys: { harbour: ["registrar"] } });
    try {
      await request(registrar.app).get("/api/v1/audit").set(auth(registrar.keys.harbour)).expect(403);
      await request(registrar.app).post("/api/v1/keys/rotate").set(auth(registrar.keys.harbour)).send({}).expect(403);
    } finally {
      await registrar.worker.stop();
    }
  });

  it("never logs an API key", async () => {
    const before = service.logs.length;
    await request(service.app).get("/api/v1/batches").set(auth(service.keys.lionrock)).expect(200);
    await request(service.app).get(`/api/v1/batches?cursor=${service.keys.lionrock.slice(0, 20).replace(/[^A-Za-z0-9_-]/g, "")}`).set(auth(service.keys.lionrock));
    await request(service.app).get("/api/v1/batches").set(auth(`${service.keys.lionrock}x`)).expect(401);
    const written = JSON.stringify(service.logs.slice(before));
    expect(written).to.include('"event":"request"');
    // ca_<id>_<secret>: the secret is base64url and may itself contain "_", so it is everything after the id.
    const [, id] = service.keys.lionrock.split("_");
    const secret = service.keys.lionrock.slice(`ca_${id}_`.length);
    expect(written).to.include(id!);
    expect(written).to.not.include(service.keys.lionrock);
    expect(written).to.not.include(secret);
  });

  it("rate-limits per API key", async () => {
    const limited = await startService(chain, "rate-limited", { worker: false, config: { rateLimitPerKey: 3 } });
    try {
      for (let i = 0; i < 3; i++) await request(limited.app).get("/api/v1/batches").set(auth(limited.keys.harbour)).expect(200);
      await request(limited.app).get("/api/v1/batches").set(auth(limited.keys.harbour)).expect(429);
      await request(limited.app).get("/api/v1/batches").set(auth(limited.keys.lionrock)).expect(200);
    } finally {
      await limited.stop();
    }
  });

  // SQLite runs one instance, with the limits in process memory: only PostgreSQL has instances to share them.
  if (engine === "postgres") it("instances share one rate-limit budget per key (two apps on one database)", async () => {
    const first = await startService(chain, "rate-shared", { worker: false, config: { rateLimitPerKey: 4 } });
    const second = await startService(chain, "rate-shared", { worker: false, config: { rateLimitPerKey: 4 } });
    try {
      const key = first.keys.harbour;
      for (const instance of [first, second, first, second]) await request(instance.app).get("/api/v1/batches").set(auth(key)).expect(200);
      await request(second.app).get("/api/v1/batches").set(auth(key)).expect(429);
      await request(first.app).get("/api/v1/batches").set(auth(key)).expect(429);
    } finally {
      await second.stop();
      await first.stop();
    }
  });
});
