import { expect } from "chai";
import { request as httpRequest } from "node:http";
import type { AddressInfo, Server } from "node:net";
import { JsonRpcProvider } from "ethers";
import { sql } from "kysely";
import request from "supertest";
import { createChainReader } from "../../core/src/chain/createChainReader";
import { Deployment } from "../../core/src/Deployment";
import { verifyCredential } from "../../core/src/verifyCredential";
import { readFileSync } from "node:fs";
import { describeEachEngine, downloadZip, graduatesCsv, startChain, startService, waitForState, type Chain, type Service } from "../issuer-service/harness";

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

/** SQL, quoting and comment metacharacters in every text field a registrar or an admin controls. */
const EVIL = `Robert'); DROP TABLE credentials;-- "x" \\ %_ /* */ ' OR '1'='1`;
const EVIL_ZH = `陳'); DROP TABLE batches;--`;
const evilRow = {
  student_id: `S'1;--"`,
  name_en: EVIL,
  name_zh: EVIL_ZH,
  degree_en: `Bachelor of Science'; DELETE FROM api_keys;--`,
  degree_zh: `理學士";--`,
  major_en: `Chemistry%' UNION SELECT key_hash FROM api_keys --`,
  major_zh: `化學'||'`,
  honours: "First Class Honours",
  award_date: "2025-06-30",
  gpa: "3.61",
};

describeEachEngine("security: issuer service API", function (engine) {
  this.timeout(180_000);
  let chain: Chain;
  let service: Service;
  let batchId: string;
  let credentialId: string;
  let tables: string[];

  const get = (path: string, key: string) => request(service.app).get(`/api/v1${path}`).set(auth(key));
  const post = (path: string, key: string) => request(service.app).post(`/api/v1${path}`).set(auth(key));
  const batchCount = async () => (await service.ctx.db.selectFrom("batches").select("id").execute()).length;
  const tableNames = async () => (await service.ctx.db.introspection.getTables()).map((table) => table.name).sort();

  before(async () => {
    chain = await startChain();
    service = await startService(chain, "api-security");
    tables = await tableNames();
    const upload = await post("/batches", service.keys.harbour).set("content-type", "application/json").send(JSON.stringify([evilRow])).expect(202);
    batchId = upload.body.id;
    const done = await waitForState(async () => (await get(`/batches/${batchId}`, service.keys.harbour)).body, ["published", "failed"]);
    expect(done.state, JSON.stringify(done)).to.equal("published");
    const files = await downloadZip(service.app, service.keys.harbour, batchId);
    const document = Object.entries(files).find(([name]) => name.startsWith("S_1"))!;
    credentialId = (JSON.parse(new TextDecoder().decode(document[1])) as { id: string }).id;
  });
  after(async () => {
    await service?.stop();
    await chain?.stop();
  });

  describe("broken object level authorisation (another university's objects answer 404)", () => {
    it("credentials: read, revoke and reissue of Harbour's credential by Lion Rock are 404 and change nothing", async () => {
      const before = await batchCount();
      await get(`/credentials/${credentialId}`, service.keys.lionrock).expect(404);
      await post(`/credentials/${credentialId}/revoke`, service.keys.lionrock).send({ reason: "not mine" }).expect(404);
      await post(`/credentials/${credentialId}/reissue`, service.keys.lionrock).send({ nameEn: "Someone Else" }).expect(404);
      const own = await get(`/credentials/${credentialId}`, service.keys.harbour).expect(200);
      expect(own.body.status.revoked).to.equal(false);
      expect((await batchCount())).to.equal(before);
    });

    it("API keys: Lion Rock cannot revoke or list Harbour's keys", async () => {
      const harbourKeyId = service.keys.harbour.split("_")[1]!;
      await post(`/api-keys/${harbourKeyId}/revoke`, service.keys.lionrock).expect(404);
      const listed = await get("/api-keys", service.keys.lionrock).expect(200);
      expect(listed.body.items.map((k: { id: string }) => k.id)).to.not.include(harbourKeyId);
      await get("/me", service.keys.harbour).expect(200);
    });
  });

  describe("authentication", () => {
    it("a missing, malformed, forged or wrongly typed Authorization header is 401", async () => {
      const [prefix, id, secret] = service.keys.harbour.split("_") as [string, string, string];
      const flipped = `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`;
      for (const header of [undefined, "", "Bearer", `Basic ${service.keys.harbour}`, `Bearer ${service.keys.harbour} extra`, `Bearer ${prefix}_${id}_${flipped}`, `Bearer ${prefix}_${"0".repeat(16)}_${secret}`, `Bearer ${service.keys.harbour}'--`]) {
        const call = request(service.app).get("/api/v1/batches");
        await (header === undefined ? call : call.set("authorization", header)).expect(401);
      }
    });

    it("a revoked API key is refused from the moment it is revoked", async () => {
      const created = await post("/api-keys", service.keys.harbour).send({ label: "temp", roles: ["registrar"] }).expect(201);
      await get("/batches", created.body.key).expect(200);
      await post(`/api-keys/${created.body.id}/revoke`, service.keys.harbour).expect(200);
      await get("/batches", created.body.key).expect(401);
    });

    it("a key without the role is 403 (registrar cannot revoke, revoker cannot upload or manage keys)", async () => {
      const registrar = (await post("/api-keys", service.keys.harbour).send({ label: "r", roles: ["registrar"] }).expect(201)).body.key as string;
      const revoker = (await post("/api-keys", service.keys.harbour).send({ label: "v", roles: ["revoker"] }).expect(201)).body.key as string;
      await post(`/credentials/${credentialId}/revoke`, registrar).send({ reason: "x" }).expect(403);
      await post("/batches", revoker).set("content-type", "text/csv").send(graduatesCsv("RV", 1)).expect(403);
      await post("/api-keys", revoker).send({ label: "escalate", roles: ["admin"] }).expect(403);
      await get("/audit", registrar).expect(403);
    });
  });

  describe("request bodies", () => {
    it("an upload above maxUploadBytes is 413 and stores nothing; so is a JSON body above 16 kB", async () => {
      const small = await startService(chain, "api-small-uploads", { worker: false, config: { maxUploadBytes: 2048 } });
      try {
        const csv = graduatesCsv("BIG", 40);
        expect(csv.length).to.be.greaterThan(2048);
        const response = await request(small.app).post("/api/v1/batches").set(auth(small.keys.harbour)).set("content-type", "text/csv").send(csv).expect(413);
        expect(response.body.error.code).to.equal("PAYLOAD_TOO_LARGE");
        expect(await small.ctx.db.selectFrom("batches").select("id").execute()).to.have.length(0);
        await request(small.app)
          .post(`/api/v1/credentials/${credentialId}/revoke`)
          .set(auth(small.keys.harbour))
          .set("content-type", "application/json")
          .send(JSON.stringify({ reason: "x".repeat(17_000) }))
          .expect(413);
      } finally {
        await small.stop();
      }
    });

    it("malformed uploads (not JSON, not UTF-8, wrong shape, wrong media type, empty) are refused and store nothing", async () => {
      const before = await batchCount();
      const cases: [string, string | Buffer, number][] = [
        ["application/json", "[{", 422],
        ["application/json", '{"student_id": "x"}', 422],
        ["application/json", "[]", 422],
        ["text/csv", Buffer.from([0xa6, 0x57, 0xa4, 0x6a, 0xbe, 0xc7]), 422],
        ["text/csv", "", 422],
        ["text/csv", "just,a,line\n1,2,3\n", 422],
        ["application/xml", "<graduates/>", 400],
        ["multipart/form-data; boundary=x", "--x--", 400],
      ];
      for (const [type, body, status] of cases) {
        const response = await post("/batches", service.keys.harbour).set("content-type", type).send(body);
        expect(response.status, `${type} ${String(body).slice(0, 20)}`).to.equal(status);
      }
      expect((await batchCount())).to.equal(before);
    });

    it("a slow upload (body trickled over a second) is accepted once; an upload cut off midway stores nothing and frees its Idempotency-Key for exactly one retry", async () => {
      const server: Server = service.app.listen(0, "127.0.0.1");
      await new Promise((resolve) => server.once("listening", resolve));
      const port = (server.address() as AddressInfo).port;
      const send = (csv: string, key: string, cut: boolean) =>
        new Promise<number | "aborted">((resolve) => {
          const req = httpRequest(
            { host: "127.0.0.1", port, method: "POST", path: "/api/v1/batches", headers: { ...auth(service.keys.harbour), "content-type": "text/csv", "content-length": Buffer.byteLength(csv), "idempotency-key": key } },
            (res) => {
              res.resume();
              resolve(res.statusCode!);
            },
          );
          req.on("error", () => resolve("aborted"));
          const chunks = csv.match(/[\s\S]{1,64}/g)!;
          let i = 0;
          const tick = () => {
            if (cut && i === Math.floor(chunks.length / 2)) {
              req.destroy();
              setTimeout(() => resolve("aborted"), 300);
              return;
            }
            if (i === chunks.length) return void req.end();
            req.write(chunks[i++]);
            setTimeout(tick, 1000 / chunks.length);
          };
          tick();
        });
      try {
        const before = await batchCount();
        expect(await send(graduatesCsv("CUT", 8), "slow-1", true)).to.equal("aborted");
        // The server notices the cut connection on its own time: wait until it has given the key back.
        const keyClaimed = async () => (await service.ctx.db.selectFrom("idempotency_keys").select("key").where("key", "=", "slow-1").executeTakeFirst()) !== undefined;
        await waitForState(async () => ({ state: (await keyClaimed()) ? "claimed" : "released" }), ["released"]);
        expect((await batchCount())).to.equal(before);
        // The cut-off request gives its key back (batchRoutes readUpload), so the retry with the same key is accepted once.
        const retry = await post("/batches", service.keys.harbour).set("idempotency-key", "slow-1").set("content-type", "text/csv").send(graduatesCsv("CUT", 8));
        expect(retry.status).to.equal(202);
        expect((await batchCount())).to.equal(before + 1);
        await post("/batches", service.keys.harbour).set("idempotency-key", "slow-1").set("content-type", "text/csv").send(graduatesCsv("CUT", 8)).expect(200);
        expect((await batchCount())).to.equal(before + 1);
        expect(await send(graduatesCsv("SLW", 8), "slow-2", false)).to.equal(202);
        expect((await batchCount())).to.equal(before + 2);
      } finally {
        server.close();
      }
    });

    it("unknown fields are rejected everywhere (no mass assignment of roles, university, root or state)", async () => {
      const before = await batchCount();
      const refused = [
        await post(`/credentials/${credentialId}/reissue`, service.keys.harbour).send({ nameEn: "Chan", root: `0x${"00".repeat(32)}` }),
        await post(`/credentials/${credentialId}/revoke`, service.keys.harbour).send({ reason: "x", revokedBy: "governance" }),
        await post("/api-keys", service.keys.harbour).send({ label: "x", roles: ["admin"], universityId: "lionrock" }),
        await post("/keys/rotate", service.keys.harbour).send({ privateKey: `0x${"11".repeat(32)}` }),
        await get("/batches?limit=5&universityId=lionrock", service.keys.harbour),
        await get("/audit?format=jsonl&university=lionrock", service.keys.harbour),
      ];
      for (const response of refused) expect(response.status, JSON.stringify(response.body)).to.equal(400);
      const upload = await post("/batches", service.keys.harbour)
        .set("content-type", "application/json")
        .send(JSON.stringify([{ ...evilRow, student_id: "MASS1", university_id: "lionrock", state: "published" }]))
        .expect(422);
      expect(JSON.stringify(upload.body.errors)).to.include("UNKNOWN_COLUMN");
      expect((await batchCount())).to.equal(before);
      const own = await get(`/credentials/${credentialId}`, service.keys.harbour).expect(200);
      expect(own.body.status.revoked).to.equal(false);
    });
  });

  describe("SQL metacharacters", () => {
    it("in every upload field: stored and returned verbatim, in a credential that verifies against the chain", async () => {
      const view = await get(`/credentials/${credentialId}`, service.keys.harbour).expect(200);
      const credential = view.body.credential as { credentialSubject: Record<string, { en: string; "zh-Hant": string } | string> };
      expect(view.body.studentId).to.equal(evilRow.student_id);
      expect(credential.credentialSubject.studentId).to.equal(evilRow.student_id);
      expect(credential.credentialSubject.name).to.deep.equal({ en: EVIL, "zh-Hant": EVIL_ZH });
      expect(credential.credentialSubject.degree).to.deep.equal({ en: evilRow.degree_en, "zh-Hant": evilRow.degree_zh });
      expect(credential.credentialSubject.major).to.deep.equal({ en: evilRow.major_en, "zh-Hant": evilRow.major_zh });
      const deployment = Deployment.parse(JSON.parse(readFileSync(chain.deploymentPath, "utf8")));
      const provider = new JsonRpcProvider(chain.chain.url, undefined, { staticNetwork: true });
      try {
        const report = await verifyCredential(JSON.stringify(view.body.credential), { reader: createChainReader(provider, deployment), deployment });
        expect(report.status, JSON.stringify(report.checks)).to.equal("VALID");
      } finally {
        provider.destroy();
      }
    });

    it("in a revocation reason, an API key label and an Idempotency-Key: stored verbatim, database intact", async () => {
      const label = `ops'); DROP TABLE api_keys;--`;
      const created = await post("/api-keys", service.keys.harbour).send({ label, roles: ["registrar"] }).expect(201);
      const listed = await get("/api-keys", service.keys.harbour).expect(200);
      expect(listed.body.items.find((k: { id: string }) => k.id === created.body.id).label).to.equal(label);

      const idempotencyKey = `k';DROP/**/TABLE/**/batches;--"\\`;
      const first = await post("/batches", service.keys.harbour).set("idempotency-key", idempotencyKey).set("content-type", "text/csv").send(graduatesCsv("IDQ", 1)).expect(202);
      const replay = await post("/batches", service.keys.harbour).set("idempotency-key", idempotencyKey).set("content-type", "text/csv").send(graduatesCsv("IDQ", 1)).expect(200);
      expect(replay.body.id).to.equal(first.body.id);

      const reason = `fraud'); UPDATE credentials SET revoked_at = NULL;-- "quoted" \\ 100%`;
      await post(`/credentials/${credentialId}/revoke`, service.keys.harbour).send({ reason }).expect(200);
      const revoked = await get(`/credentials/${credentialId}`, service.keys.harbour).expect(200);
      expect(revoked.body.status).to.include({ revoked: true, reason });

      expect(await tableNames()).to.deep.equal(tables);
      if (engine === "sqlite") expect((await sql`PRAGMA integrity_check`.execute(service.ctx.db)).rows).to.deep.equal([{ integrity_check: "ok" }]);
      expect(await service.ctx.db.selectFrom("api_keys").select("id").where("revoked_at", "is", null).execute()).to.have.length.greaterThan(2);
      expect(await service.ctx.db.selectFrom("credentials").select("id").where("revoked_at", "is not", null).execute()).to.have.length(1);
    });
  });

  it("student ids that map to one file name (Z 1, Z'1, Z_1, z_1) get distinct ZIP entries: no graduate's file replaces another's", async () => {
    const ids = ["Z 1", "Z'1", "Z_1", "z_1"];
    const rows = ids.map((studentId, i) => ({ ...evilRow, student_id: studentId, name_en: `Zip Graduate ${i}` }));
    const upload = await post("/batches", service.keys.harbour).set("content-type", "application/json").send(JSON.stringify(rows)).expect(202);
    await waitForState(async () => (await get(`/batches/${upload.body.id}`, service.keys.harbour)).body, ["published"]);
    const files = await downloadZip(service.app, service.keys.harbour, upload.body.id);
    const credentials = Object.entries(files).filter(([name]) => !name.startsWith("batch-"));
    expect(credentials.length).to.equal(ids.length);
    expect(new Set(credentials.map(([name]) => name.toLowerCase())).size).to.equal(ids.length);
    const inFiles = credentials.map(([, bytes]) => (JSON.parse(new TextDecoder().decode(bytes)) as { credentialSubject: { studentId: string } }).credentialSubject.studentId);
    expect(inFiles.sort()).to.deep.equal([...ids].sort());
  });

  it("rate-limits per client address, before authentication (per key: test/issuer-service/lifecycle.test.ts)", async () => {
    const limited = await startService(chain, "api-rate-ip", { worker: false, config: { rateLimitPerIp: 3 } });
    try {
      for (let i = 0; i < 3; i++) await request(limited.app).get("/api/v1/batches").set(auth("nope")).expect(401);
      await request(limited.app).get("/api/v1/batches").set(auth(limited.keys.harbour)).expect(429);
      await request(limited.app).get("/healthz").expect(429);
    } finally {
      await limited.stop();
    }
  });

  it("ignores X-Forwarded-For unless a proxy is declared, so a client cannot pick a fresh rate-limit bucket", async () => {
    const direct = await startService(chain, "api-rate-spoof", { worker: false, config: { rateLimitPerIp: 2 } });
    const proxied = await startService(chain, "api-rate-proxy", { worker: false, config: { rateLimitPerIp: 2, trustProxyHops: 1 } });
    try {
      for (const forwarded of ["203.0.113.1", "203.0.113.2"]) await request(direct.app).get("/healthz").set("x-forwarded-for", forwarded);
      await request(direct.app).get("/healthz").set("x-forwarded-for", "203.0.113.3").expect(429);
      for (const forwarded of ["203.0.113.1", "203.0.113.1"]) await request(proxied.app).get("/healthz").set("x-forwarded-for", forwarded);
      await request(proxied.app).get("/healthz").set("x-forwarded-for", "203.0.113.1").expect(429);
      await request(proxied.app).get("/healthz").set("x-forwarded-for", "203.0.113.2").expect((response) => {
        expect(response.status).to.not.equal(429);
      });
    } finally {
      await direct.stop();
      await proxied.stop();
    }
  });
});
