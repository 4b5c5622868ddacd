/**
 * Institution requests (issue 18 item 1) on the real app over both engines: two organisations with their own keys,
 * single and bulk requests with their links and QR codes, statuses, validation and limits, the audit log, and every
 * route refusing one organisation another's requests.
 */
import { expect } from "chai";
import QRCode from "qrcode";
import request from "supertest";
import { existsSync, readFileSync } from "node:fs";
import { REQUEST_ID } from "../../issuer-service/requests/institutionRequests";
import { createOrganisation } from "../../issuer-service/requests/organisations";
import { SecretBox } from "../../issuer-service/secrets/SecretBox";
import { readCsv } from "../lib/readCsv";
import { buildApp } from "../../issuer-service/app";
import { describeEachEngine, startChain, startService, type Chain, type Service } from "./harness";

const REQUEST = {
  message: "Please send your degree certificate for your application to the MSc in Data Science.",
  kinds: ["award"],
  university: "harbour",
  acceptsHidden: ["gpa", "dateOfBirth"],
  applicantReference: "APP-2027-0001",
  claimed: { name: "Chan Tai Man", award: "Bachelor of Science", university: "Harbour University", awardYear: "2025" },
  expiresInDays: 30,
};

const SECRETS_KEY = "5e".repeat(32);
const NEXT_SECRETS_KEY = "a7".repeat(32);
/** Written with a trailing slash, as an operator might: links do not get two. */
const PUBLIC_URL = "https://admissions.credanchor.example/";
const LINK_PREFIX = "https://admissions.credanchor.example/my/requests/";

describeEachEngine("institution requests API", function (engine) {
  this.timeout(120_000);
  let chain: Chain;
  let service: Service;
  let keyA: string;
  let keyB: string;

  before(async () => {
    chain = await startChain();
    service = await startService(chain, "requests", { worker: false, config: { secretsKey: SECRETS_KEY, publicUrl: PUBLIC_URL } });
    keyA = (await createOrganisation(service.ctx.db, "pacific-admissions", { en: "Pacific Institute Admissions Office", "zh-Hant": "太平洋學院招生處" }, "test")).key;
    keyB = (await createOrganisation(service.ctx.db, "kowloon-hr", { en: "Kowloon Trading HR", "zh-Hant": "九龍貿易人力資源部" }, "test")).key;
  });

  after(async () => {
    await service?.stop();
    await chain?.stop();
  });

  // Every call names a Host of its sender's choosing; links must stay on the configured public URL.
  const forged = { host: "attacker.example", "x-forwarded-host": "attacker.example", "x-forwarded-proto": "http" };
  const api = (key: string) => ({
    post: (path: string, body: object) => request(service.app).post(`/api/v1/requests${path}`).set({ authorization: `Bearer ${key}`, ...forged }).send(body),
    get: (path: string) => request(service.app).get(`/api/v1/requests${path}`).set({ authorization: `Bearer ${key}`, ...forged }),
  });

  it("creates a request under the organisation's verified name: its link, status sent, the organisation's words kept as given", async () => {
    const created = await api(keyA).post("", REQUEST);
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body).to.include({ status: "sent", message: REQUEST.message, applicantReference: "APP-2027-0001", university: "harbour", openedAt: null });
    expect(created.body.organisation).to.deep.equal({ id: "pacific-admissions", name: { en: "Pacific Institute Admissions Office", "zh-Hant": "太平洋學院招生處" } });
    expect(created.body.kinds).to.deep.equal(["award"]);
    expect(created.body.acceptsHidden).to.deep.equal(["gpa", "dateOfBirth"]);
    expect(created.body.claimed).to.deep.equal(REQUEST.claimed);
    expect(created.body.link, "on the public URL, not the forged Host").to.equal(`${LINK_PREFIX}${created.body.id}`);
    expect(Date.parse(created.body.expiresAt) - Date.parse(created.body.createdAt)).to.equal(30 * 86_400_000);
    const read = await api(keyA).get(`/${created.body.id}`);
    expect(read.status).to.equal(200);
    expect(read.body).to.deep.equal(created.body);
  });

  it("serves the request's QR code: the PNG of its link", async () => {
    const created = await api(keyA).post("", { ...REQUEST, applicantReference: "APP-QR" });
    const qr = await api(keyA).get(`/${created.body.id}/qr`).buffer(true).parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => callback(null, Buffer.concat(chunks)));
    });
    expect(qr.status).to.equal(200);
    expect(qr.headers["content-type"]).to.equal("image/png");
    expect(created.body.link).to.equal(`${LINK_PREFIX}${created.body.id}`);
    expect(Buffer.compare(qr.body as Buffer, await QRCode.toBuffer(created.body.link as string, { errorCorrectionLevel: "M", margin: 2, width: 320 }))).to.equal(0);
  });

  it("creates 20 requests from an applicants CSV and answers a CSV of their links, each one a request of the organisation", async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `APP-B${String(i + 1).padStart(3, "0")},Applicant ${i + 1},Bachelor of Arts,Lion Rock University,2024`);
    const { applicantReference: _reference, claimed: _claimed, ...template } = REQUEST;
    const answer = await api(keyA).post("/bulk", { ...template, applicants: `\uFEFFReference,Claimed name,Claimed award,Claimed university,Claimed year\r\n${rows.join("\r\n")}\r\n` });
    expect(answer.status, answer.text).to.equal(201);
    expect(answer.headers["content-type"]).to.match(/^text\/csv/);
    const [header, ...links] = readCsv(answer.text, ",");
    expect(header).to.deep.equal(["applicant_reference", "request_id", "link", "expires_at"]);
    expect(links.map(([reference]) => reference)).to.deep.equal(rows.map((row) => row.split(",")[0]));
    // Ids never start with "-", which the CSV would have to quote against formula injection ('-…).
    expect(links.filter(([, id, link]) => !REQUEST_ID.test(id!) || link !== `${LINK_PREFIX}${id}`), "every id as stored, every link on the public URL").to.deep.equal([]);
    const twelfth = await api(keyA).get(`/${links[11]![1]}`);
    expect(twelfth.body).to.include({ applicantReference: "APP-B012", link: links[11]![2], status: "sent" });
    expect(twelfth.body.claimed).to.deep.equal({ name: "Applicant 12", award: "Bachelor of Arts", university: "Lion Rock University", awardYear: "2024" });
  });

  it("refuses a bulk upload with any bad row, naming each problem in both languages, and stores nothing", async () => {
    const before = await service.ctx.db.selectFrom("requests").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    const { applicantReference: _reference, claimed: _claimed, ...template } = REQUEST;
    const answer = await api(keyA).post("/bulk", { ...template, applicants: "reference,name,year\nX-1,A,2024\n,B,2024\nX-1,C,24\n" });
    expect(answer.status).to.equal(422);
    expect(answer.body.errors.map((error: { row: number; code: string }) => `${error.row}:${error.code}`)).to.deep.equal(["2:REFERENCE_INVALID", "3:AWARD_YEAR_INVALID", "3:REFERENCE_DUPLICATE"]);
    expect(answer.body.errors[1].message["zh-Hant"]).to.include("第 3 位申請人");
    const noReference = await api(keyA).post("/bulk", { ...template, applicants: "name,year\nA,2024\n" });
    expect(noReference.body.errors[0].code).to.equal("APPLICANTS_MISSING");
    const after = await service.ctx.db.selectFrom("requests").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).to.equal(Number(before.n));
  });

  it("validates every field at the boundary: unknown fields, kinds, hidden sections, expiry, year; and limits the body", async () => {
    const problems = async (body: object) => {
      const answer = await api(keyA).post("", body);
      expect(answer.status).to.equal(400);
      return (answer.body.error.fields as { field: string }[]).map((field) => field.field);
    };
    expect(await problems({ ...REQUEST, organisationName: "Harbour University" })).to.deep.equal(["body.organisationName"]);
    expect(await problems({ ...REQUEST, kinds: [] })).to.deep.equal(["body.kinds"]);
    expect(await problems({ ...REQUEST, kinds: ["diploma"] })).to.deep.equal(["body.kinds.0"]);
    expect(await problems({ ...REQUEST, acceptsHidden: ["name"] })).to.deep.equal(["body.acceptsHidden.0"]);
    expect(await problems({ ...REQUEST, expiresInDays: 181 })).to.deep.equal(["body.expiresInDays"]);
    expect(await problems({ ...REQUEST, claimed: { awardYear: "last year" } })).to.deep.equal(["body.claimed.awardYear"]);
    expect(await problems({ ...REQUEST, message: " " })).to.deep.equal(["body.message"]);
    const large = await api(keyA).post("", { ...REQUEST, message: "x".repeat(20_000) });
    expect(large.status).to.equal(413);
  });

  it("refuses a webhook on an internal address (this host, the cloud metadata service, a name resolving to loopback) and stores none", async () => {
    for (const url of ["http://127.0.0.1:9/hook", "http://169.254.169.254/latest", "http://localhost:9/hook", "https://[::1]/hook"]) {
      const answer = await request(service.app).put("/api/v1/requests/webhook").set("authorization", `Bearer ${keyA}`).send({ url });
      expect(answer.status, url).to.equal(400);
      expect(answer.body.error.code, url).to.equal("WEBHOOK_TARGET_INTERNAL");
    }
    expect((await api(keyA).get("/webhook")).body.webhook).to.equal(null);
  });

  it("keeps the webhook secret sealed: the database holds only its sealed form, which opens under the key for this organisation alone", async () => {
    const set = await request(service.app).put("/api/v1/requests/webhook").set("authorization", `Bearer ${keyA}`).send({ url: "https://93.184.216.34/hooks/credanchor" });
    expect(set.status, JSON.stringify(set.body)).to.equal(200);
    const secret = set.body.secret as string;
    expect(secret).to.match(/^whsec_/);
    const row = await service.ctx.db.selectFrom("organisation_webhooks").selectAll().where("organisation_id", "=", "pacific-admissions").executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.to.include(secret.slice("whsec_".length));
    expect(new SecretBox(SECRETS_KEY).open(row.secret, "pacific-admissions")).to.equal(secret);
    if (engine === "sqlite") {
      // The database file and its write-ahead log as a copy of them (a backup, a stolen disk) would hold them.
      const files = ["", "-wal"].map((suffix) => `${service.config.databasePath}${suffix}`).filter((path) => existsSync(path));
      const copy = files.map((path) => readFileSync(path).toString("latin1")).join("");
      expect(copy).to.include(row.secret);
      expect(copy).not.to.include(secret.slice("whsec_".length));
    }
  });

  it("answers 503 SECRETS_KEY_MISSING on every webhook route of a service without a secrets key, and stores nothing", async () => {
    const keyless = buildApp(service.config, { ...service.ctx, secrets: undefined });
    for (const call of [
      request(keyless).put("/api/v1/requests/webhook").send({ url: "https://93.184.216.34/hooks/other" }),
      request(keyless).get("/api/v1/requests/webhook"),
      request(keyless).get("/api/v1/requests/webhook/deliveries"),
      request(keyless).delete("/api/v1/requests/webhook"),
    ]) {
      const answer = await call.set("authorization", `Bearer ${keyB}`);
      expect(answer.status).to.equal(503);
      expect(answer.body.error.code).to.equal("SECRETS_KEY_MISSING");
      expect(answer.body.error.message["zh-Hant"]).to.include("ISSUER_SECRETS_KEY_FILE");
    }
    expect(await service.ctx.db.selectFrom("organisation_webhooks").selectAll().where("organisation_id", "=", "kowloon-hr").execute()).to.deep.equal([]);
  });

  it("seals at start a secret an older version stored in clear, and seals again under the new key of a rotation", async () => {
    await service.ctx.db.insertInto("organisation_webhooks").values({ organisation_id: "kowloon-hr", url: "https://93.184.216.34/hooks/old", secret: "whsec_stored_in_clear", created_at: new Date().toISOString() }).execute();
    const stored = async () => (await service.ctx.db.selectFrom("organisation_webhooks").select("secret").where("organisation_id", "=", "kowloon-hr").executeTakeFirstOrThrow()).secret;
    await service.stop();
    service = await startService(chain, "requests", { worker: false, config: { secretsKey: SECRETS_KEY, publicUrl: PUBLIC_URL } });
    const sealed = await stored();
    expect(sealed).to.match(/^sealed:v1:/);
    expect(new SecretBox(SECRETS_KEY).open(sealed, "kowloon-hr")).to.equal("whsec_stored_in_clear");
    await service.stop();
    service = await startService(chain, "requests", { worker: false, config: { secretsKey: NEXT_SECRETS_KEY, secretsPreviousKey: SECRETS_KEY, publicUrl: PUBLIC_URL } });
    const rotated = await stored();
    expect(new SecretBox(NEXT_SECRETS_KEY).isCurrent(rotated)).to.equal(true);
    expect(new SecretBox(NEXT_SECRETS_KEY).open(rotated, "kowloon-hr")).to.equal("whsec_stored_in_clear");
    expect(service.logs.map((entry) => entry.event)).to.include("webhook.secretsResealed");
    await service.ctx.db.deleteFrom("organisation_webhooks").where("organisation_id", "=", "kowloon-hr").execute();
  });

  it("answers the request as an OpenID4VP 1.0 authorization request (a fresh nonce each time) to its organisation only, audited", async () => {
    const created = (await api(keyA).post("", { ...REQUEST, applicantReference: "OID4VP-1" })).body as { id: string; expiresAt: string };
    const first = await api(keyA).get(`/${created.id}/openid4vp`);
    expect(first.status).to.equal(200);
    expect(first.body).to.include({ response_type: "vp_token", exp: Math.floor(Date.parse(created.expiresAt) / 1000) });
    expect(first.body.dcql_query.credentials.map((credential: { id: string; format: string }) => [credential.id, credential.format])).to.deep.equal([["award", "ldp_vc"]]);
    expect((await api(keyA).get(`/${created.id}/openid4vp`)).body.nonce).not.to.equal(first.body.nonce);
    expect(JSON.stringify(first.body)).not.to.include("OID4VP-1");
    expect((await api(keyB).get(`/${created.id}/openid4vp`)).status).to.equal(404);
    const audited = await service.ctx.db.selectFrom("audit_log").select("result").where("action", "=", "request.openid4vp").where("target", "=", `request:${created.id}`).orderBy("id").execute();
    expect(audited.map((entry) => entry.result)).to.deep.equal(["ok", "ok", "NOT_FOUND"]);
  });

  it("lists the organisation's requests newest first, page by page, and by status; an expired request says expired", async () => {
    const ids: string[] = [];
    for (const reference of ["L-1", "L-2", "L-3"]) ids.push((await api(keyB).post("", { ...REQUEST, applicantReference: reference })).body.id);
    const first = await api(keyB).get("?limit=2");
    expect(first.body.items.map((item: { applicantReference: string }) => item.applicantReference)).to.deep.equal(["L-3", "L-2"]);
    const second = await api(keyB).get(`?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((item: { applicantReference: string }) => item.applicantReference)).to.deep.equal(["L-1"]);
    expect(second.body.nextCursor).to.equal(null);
    await service.ctx.db.updateTable("requests").set({ expires_at_ms: Date.now() - 1000 }).where("id", "=", ids[0]!).execute();
    expect((await api(keyB).get(`/${ids[0]}`)).body.status).to.equal("expired");
    expect((await api(keyB).get("?status=expired")).body.items.map((item: { id: string }) => item.id)).to.deep.equal([ids[0]]);
    expect((await api(keyB).get("?status=sent")).body.items.map((item: { id: string }) => item.id)).to.deep.equal([ids[2], ids[1]]);
    expect((await api(keyB).get("?status=lost")).status).to.equal(400);
  });

  it("keeps two organisations apart on every route: the other's request is not found, never listed, no QR", async () => {
    const mine = (await api(keyA).post("", { ...REQUEST, applicantReference: "PRIVATE-A" })).body.id as string;
    expect((await api(keyB).get(`/${mine}`)).status).to.equal(404);
    expect((await api(keyB).get(`/${mine}/qr`)).status).to.equal(404);
    const listed = [];
    for (let cursor: string | null = ""; cursor !== null; ) {
      const page = await api(keyB).get(`?limit=100${cursor === "" ? "" : `&cursor=${cursor}`}`);
      listed.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    expect(listed.length).to.be.greaterThan(0);
    expect(listed.every((item: { organisation: { id: string } }) => item.organisation.id === "kowloon-hr")).to.equal(true);
    expect((await api(keyA).get(`/${mine}`)).status).to.equal(200);
  });

  it("takes only organisation keys: none, a wrong one, a revoked one and a university's API key are 401; an organisation key opens no university route", async () => {
    const none = await request(service.app).get("/api/v1/requests");
    expect(none.status).to.equal(401);
    // The refusal names what this route takes, not a university's API key.
    expect(none.body.error.message).to.deep.equal({
      en: "Signing in to the organisation inbox, or a valid organisation key (Authorization: Bearer co_…), is required.",
      "zh-Hant": "須登入機構收件匣，或提供有效的機構金鑰（Authorization: Bearer co_…）。",
    });
    expect((await request(service.app).get("/api/v1/batches")).body.error.message.en).to.equal("A valid API key (Authorization: Bearer <key>) is required.");
    expect((await api(`${keyA.slice(0, -4)}AAAA`).get("")).status).to.equal(401);
    expect((await api(service.keys.harbour).get("")).status).to.equal(401);
    expect((await request(service.app).get("/api/v1/batches").set("authorization", `Bearer ${keyA}`)).status).to.equal(401);
    const { key } = await createOrganisation(service.ctx.db, "revoked-org", { en: "Revoked", "zh-Hant": "已撤銷" }, "old");
    await service.ctx.db.updateTable("organisation_keys").set({ revoked_at: new Date().toISOString() }).where("organisation_id", "=", "revoked-org").execute();
    expect((await api(key).get("")).status).to.equal(401);
  });

  it("audits every view and change with the organisation and key, and no applicant details", async () => {
    const created = (await api(keyA).post("", { ...REQUEST, applicantReference: "AUDIT-1" })).body.id as string;
    await api(keyA).get(`/${created}`);
    await api(keyB).get(`/${created}`);
    const entries = await service.ctx.db.selectFrom("audit_log").selectAll().where("action", "like", "request.%").execute();
    const reads = entries.filter((entry) => entry.target === `request:${created}`);
    expect(reads.map((entry) => [entry.result, JSON.parse(entry.detail!).organisation])).to.deep.equal([
      ["ok", "pacific-admissions"],
      ["NOT_FOUND", "kowloon-hr"],
    ]);
    expect(JSON.stringify(entries)).not.to.include("Chan Tai Man").and.not.to.include("AUDIT-1");
  });
});

describeEachEngine("institution requests API rate limit", function () {
  this.timeout(120_000);
  let chain: Chain;
  let service: Service;

  before(async () => {
    chain = await startChain();
    service = await startService(chain, "requests-limit", { worker: false, config: { rateLimitPerKey: 3 } });
  });

  after(async () => {
    await service?.stop();
    await chain?.stop();
  });

  it("limits each organisation key on its own: the fourth call in a minute is 429, another organisation's key still passes", async () => {
    const { key: first } = await createOrganisation(service.ctx.db, "org-one", { en: "One", "zh-Hant": "一" }, "k");
    const { key: second } = await createOrganisation(service.ctx.db, "org-two", { en: "Two", "zh-Hant": "二" }, "k");
    const list = (key: string) => request(service.app).get("/api/v1/requests").set("authorization", `Bearer ${key}`);
    for (let i = 0; i < 3; i++) expect((await list(first)).status).to.equal(200);
    expect((await list(first)).status).to.equal(429);
    expect((await list(second)).status).to.equal(200);
  });
});
