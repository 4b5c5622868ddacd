import { expect } from "chai";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import request from "supertest";
import { contentId } from "../../core/src/contentId";
import { runCli } from "../../scripts/lib/runCli";
import { manifestOfCredentials } from "../core/helpers/manifestOfCredentials";
import { describeEachEngine, anchoredEvents, graduatesCsv, startChain, startService, waitForState, type Chain, type Service } from "./harness";

describeEachEngine("issuer service: issuing a batch", function () {
  this.timeout(180_000);
  let chain: Chain;
  let service: Service;
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });

  before(async () => {
    chain = await startChain();
    service = await startService(chain, "issuance");
  });
  after(async () => {
    await service?.stop();
    await chain?.stop();
  });

  const getBatch = (id: string, key = service.keys.harbour) => async () =>
    (await request(service.app).get(`/api/v1/batches/${id}`).set(auth(key)).expect(200)).body as { state: string; [key: string]: unknown };

  it("takes a CSV from upload to published credentials that `credanchor verify` accepts", async () => {
    const upload = await request(service.app)
      .post("/api/v1/batches")
      .set(auth(service.keys.harbour))
      .set("content-type", "text/csv")
      .send(graduatesCsv("HU", 25))
      .expect(202);
    expect(upload.body.state).to.equal("validated");
    expect(upload.headers.location).to.equal(`/api/v1/batches/${upload.body.id}`);

    const published = await waitForState(getBatch(upload.body.id), ["published", "failed"]);
    expect(published.state, JSON.stringify(published)).to.equal("published");
    expect(published.counts).to.deep.equal({ credentials: 25, valid: 25, revoked: 0, superseded: 0, pending: 0 });
    const transaction = published.transaction as { hash: string; confirmations: number; blockNumber: number };
    expect(transaction.hash).to.match(/^0x[0-9a-f]{64}$/);
    expect(transaction.confirmations).to.be.at.least(1);
    expect(published.manifestCid).to.match(/^Qm/);
    expect(await anchoredEvents(chain, published.root as string)).to.equal(1);

    const zip = await request(service.app)
      .get(`/api/v1/batches/${upload.body.id}/credentials`)
      .set(auth(service.keys.harbour))
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect("content-type", "application/zip");
    const files = unzipSync(new Uint8Array(zip.body as Buffer));
    const credentialNames = Object.keys(files).filter((name) => !name.startsWith("batch-"));
    expect(credentialNames).to.have.length(25);
    const out = join(chain.dir, "verify");
    mkdirSync(out, { recursive: true });
    const paths = credentialNames.slice(0, 3).map((name) => {
      const path = join(out, name);
      writeFileSync(path, files[name]!);
      return path;
    });
    const verified = await runCli(["verify", ...paths, "--json"], chain.env);
    expect(verified.code, verified.stderr + verified.stdout).to.equal(0);

    // The manifest anchored by CID is the one SPEC §7.1 prescribes for this batch, as the CLI writes it.
    const stored = await service.ctx.db.selectFrom("content").select("bytes").where("cid", "=", published.manifestCid as string).executeTakeFirstOrThrow();
    const expected = manifestOfCredentials(credentialNames.map((name) => new TextDecoder().decode(files[name])));
    expect(new TextDecoder().decode(stored.bytes)).to.equal(new TextDecoder().decode(expected));
    expect(contentId(expected)).to.equal(published.manifestCid);

    const one = JSON.parse(new TextDecoder().decode(files[credentialNames[0]!])) as { id: string };
    const view = await request(service.app).get(`/api/v1/credentials/${one.id}`).set(auth(service.keys.harbour)).expect(200);
    expect(view.body.credential.id).to.equal(one.id);
  });

  it("accepts an upload of exactly 50,000 rows", async () => {
    const idle = await startService(chain, "fifty-thousand", { worker: false });
    try {
      const upload = await request(idle.app).post("/api/v1/batches").set(auth(idle.keys.harbour)).set("content-type", "text/csv").send(graduatesCsv("FT", 50_000)).expect(202);
      expect(upload.body.counts.credentials).to.equal(50_000);
      const chunks = await idle.ctx.db.selectFrom("batch_rows").select("chunk").where("batch_id", "=", upload.body.id as string).execute();
      expect(chunks).to.have.length(50);
    } finally {
      await idle.stop();
    }
  });

  it("accepts a JSON array of graduates as well", async () => {
    const rows = [
      { student_id: "JS000001", name_en: "Chan Tai Man", name_zh: "陳大文", degree_en: "Bachelor of Arts", degree_zh: "文學士", major_en: "History", major_zh: "歷史", honours: "First Class Honours", award_date: "2025-06-30" },
    ];
    const upload = await request(service.app).post("/api/v1/batches").set(auth(service.keys.harbour)).send(rows).expect(202);
    const done = await waitForState(getBatch(upload.body.id), ["published", "failed"]);
    expect(done.state).to.equal("published");
    expect(done.counts).to.deep.equal({ credentials: 1, valid: 1, revoked: 0, superseded: 0, pending: 0 });
  });

  it("answers a file wrong throughout with its first 1,000 row errors and the total count", async () => {
    const csv = `${graduatesCsv("WT", 1).split("\n")[0]}\n${"\u0001\n".repeat(20_000)}`;
    const response = await request(service.app).post("/api/v1/batches").set(auth(service.keys.harbour)).set("content-type", "text/csv").send(csv).expect(422);
    expect(response.body.errorCount).to.equal(20_000);
    expect(response.body.errors).to.have.length(1_000);
    expect(response.body.errors[0]).to.include({ row: 2, code: "COLUMN_COUNT" });
    expect(response.body.error.message.en).to.include("20000");
  });

  it("rejects bad uploads with row errors and anchors nothing", async () => {
    const before = (await request(service.app).get("/api/v1/batches?limit=100").set(auth(service.keys.harbour))).body.items.length as number;
    const bad = async (body: string | Buffer, type = "text/csv") =>
      (await request(service.app).post("/api/v1/batches").set(auth(service.keys.harbour)).set("content-type", type).send(body).expect(422)).body as {
        errors: { row: number; field: string; code: string; message: { en: string; "zh-Hant": string } }[];
      };

    const missingColumn = await bad(graduatesCsv("MC", 2).replace(",gpa", "").replace(/,3\.6\d/g, "").replace("award_date", "award"));
    expect(missingColumn.errors.map((e) => e.code)).to.include("MISSING_COLUMN");

    const badDate = await bad(graduatesCsv("BD", 3).replace("2025-06-30", "2025-02-30"));
    expect(badDate.errors[0]).to.include({ row: 2, field: "award_date", code: "INVALID_DATE" });
    expect(badDate.errors[0]!.message.en).to.be.a("string").with.length.greaterThan(0);
    expect(badDate.errors[0]!.message["zh-Hant"]).to.be.a("string").with.length.greaterThan(0);

    const lines = graduatesCsv("DS", 3).trimEnd().split("\n");
    const duplicate = await bad(`${[...lines, lines[1]].join("\n")}\n`);
    expect(duplicate.errors.map((e) => e.code)).to.include("DUPLICATE_STUDENT_ID");

    const tooMany = await bad(graduatesCsv("TM", 50_001));
    expect(tooMany.errors.map((e) => e.code)).to.include("TOO_MANY_ROWS");

    const latin1 = Buffer.from(graduatesCsv("EN", 1).replace("Test Graduate 1", "Zoë Chan"), "latin1");
    const encoding = await bad(latin1);
    expect(encoding.errors[0]!.code).to.equal("INVALID_ENCODING");

    const after = (await request(service.app).get("/api/v1/batches?limit=100").set(auth(service.keys.harbour))).body.items.length as number;
    expect(after).to.equal(before);
  });

  it("answers 404 for another university's batches and credentials, and lists only its own", async () => {
    const list = await request(service.app).get("/api/v1/batches").set(auth(service.keys.harbour)).expect(200);
    const batch = list.body.items[0] as { id: string; root: string };
    await request(service.app).get(`/api/v1/batches/${batch.id}`).set(auth(service.keys.lionrock)).expect(404);
    await request(service.app).get(`/api/v1/batches/${batch.id}/credentials`).set(auth(service.keys.lionrock)).expect(404);
    await request(service.app)
      .post(`/api/v1/batches/${batch.id}/revoke`)
      .set(auth(service.keys.lionrock))
      .send({ reason: "not mine" })
      .expect(404);
    const own = await request(service.app).get("/api/v1/batches").set(auth(service.keys.lionrock)).expect(200);
    expect(own.body.items).to.deep.equal([]);
    await request(service.app).get("/api/v1/batches").expect(401);
    await request(service.app).get("/api/v1/batches").set(auth("ca_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).expect(401);
  });

  it("rejects unknown fields with 400 naming the field, and oversized bodies with 413", async () => {
    const list = await request(service.app).get("/api/v1/batches").set(auth(service.keys.harbour)).expect(200);
    const response = await request(service.app)
      .post(`/api/v1/batches/${list.body.items[0].id}/revoke`)
      .set(auth(service.keys.harbour))
      .send({ reason: "x", reasonCodee: "withdrawn" })
      .expect(400);
    expect(response.body.error.fields).to.deep.include({ field: "body.reasonCodee", message: "unknown field" });
    const oversized = await request(service.app)
      .post(`/api/v1/batches/${list.body.items[0].id}/revoke`)
      .set(auth(service.keys.harbour))
      .send({ reason: "x".repeat(20_000) })
      .expect(413);
    expect(oversized.body.error.code).to.equal("PAYLOAD_TOO_LARGE");
  });

  it("serves health, metrics, the OpenAPI document and its docs page", async () => {
    const health = await request(service.app).get("/healthz").expect(200);
    expect(health.body.checks.database.ok).to.equal(true);
    expect(health.body.checks.chain.ok).to.equal(true);
    expect(health.body.checks.contentStore.ok).to.equal(true);
    const metrics = await request(service.app).get("/metrics").expect(200);
    expect(metrics.text).to.match(/credanchor_batches\{state="published"\} [1-9]/);
    expect(metrics.text).to.match(/credanchor_credentials_issued_total [1-9]/);
    expect(metrics.text).to.include("credanchor_anchor_latency_seconds_count");
    expect(metrics.text).to.include("credanchor_rpc_errors_total");
    const doc = await request(service.app).get("/api/v1/openapi.json").expect(200);
    expect(doc.body.openapi).to.equal("3.1.0");
    const page = await request(service.app).get("/api/v1/docs").expect(200);
    for (const path of Object.keys(doc.body.paths as object)) expect(page.text).to.include(`/api/v1${path}`);
    expect(page.headers["content-security-policy"]).to.include("script-src 'self'");
  });
});
