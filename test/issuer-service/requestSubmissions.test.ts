/**
 * Graduates answering institution requests (issue 18 item 2) on the real app over both engines, signing in through
 * the local OpenID provider: the request page (verified name, the organisation's words marked as theirs), a submission
 * that stores only what was disclosed and still verifies on chain, withdrawal and expiry deleting the payload for
 * good, the history, and two graduates and two organisations kept apart on every route.
 */
import { expect } from "chai";
import { strFromU8 } from "fflate";
import request from "supertest";
import { verifyCredential } from "../../core/src/verifyCredential";
import type { LocalIdentityProvider } from "../../issuer-service/idp/startLocalIdentityProvider";
import { createOrganisation } from "../../issuer-service/requests/organisations";
import { purgeExpiredSubmissions } from "../../issuer-service/requests/submissions";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook } from "../../issuer-service/requests/webhooks";
import { readCsv } from "../lib/readCsv";
import { describeEachEngine, downloadZip, graduatesCsv, issueCsv, startChain, startService, type Chain, type Service } from "./harness";
import { issueTranscripts, passProvider, portalConfig, signInAs, startPortalProvider, type Graduate } from "./portalSignIn";
import { startWebhookReceiver } from "./startWebhookReceiver";

const ASK = {
  message: "Please send your degree certificate.\nYour GPA is optional.",
  kinds: ["award"],
  acceptsHidden: ["gpa"],
  claimed: { name: "Test Graduate 1", award: "Bachelor of Science", university: "", awardYear: "2025" },
  expiresInDays: 30,
};

describeEachEngine("institution requests: graduates submit", function () {
  this.timeout(180_000);
  let chain: Chain;
  let idp: LocalIdentityProvider;
  let service: Service;
  let orgA: string;
  let orgB: string;
  let a: Graduate;
  let b: Graduate;
  const credentialOf: Record<string, string> = {};

  before(async () => {
    chain = await startChain();
    idp = await startPortalProvider();
    service = await startService(chain, "submissions", { config: { portal: portalConfig(idp), webhookRetryBaseMs: 50, webhookAllowInternal: true, secretsKey: "3c".repeat(32) } });
    const batch = await issueCsv(service.app, service.keys.harbour, graduatesCsv("SUB", 3));
    const files = await downloadZip(service.app, service.keys.harbour, batch.id);
    const [, ...rows] = readCsv(strFromU8(files[Object.keys(files).find((file) => file.endsWith("-claim-codes.csv"))!]!), ",");
    const codes = new Map(rows.map(([student, code]) => [student!, code!]));
    orgA = (await createOrganisation(service.ctx.db, "pacific-admissions", { en: "Pacific Institute Admissions Office", "zh-Hant": "太平洋學院招生處" }, "test")).key;
    orgB = (await createOrganisation(service.ctx.db, "kowloon-hr", { en: "Kowloon Trading HR", "zh-Hant": "九龍貿易人力資源部" }, "test")).key;
    a = await signInAs(service.app, "chan-tai-man");
    b = await signInAs(service.app, "lee-siu-ming");
    for (const [graduate, student] of [[a, "SUB000001"], [b, "SUB000002"]] as const) {
      const claimed = await graduate.agent.post("/my/claim").type("form").send({ _csrf: graduate.csrf, code: codes.get(student) });
      expect(claimed.status, claimed.text.slice(0, 300)).to.equal(303);
      credentialOf[student] = (await service.ctx.db.selectFrom("credentials").select("id").where("student_id", "=", student).executeTakeFirstOrThrow()).id;
    }
  });

  after(async () => {
    await service?.stop();
    await idp?.close();
    await chain?.stop();
  });

  const ask = async (key: string, body: object = {}) => {
    const created = await request(service.app).post("/api/v1/requests").set("authorization", `Bearer ${key}`).send({ ...ASK, applicantReference: `R-${Math.random()}`, ...body });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    return created.body as { id: string; link: string };
  };
  const org = (key: string, path: string) => request(service.app).get(`/api/v1/requests/${path}`).set("authorization", `Bearer ${key}`);
  const submit = (graduate: Graduate, id: string, form: string) => graduate.agent.post(`/my/requests/${id}/submit`).type("form").send(`_csrf=${encodeURIComponent(graduate.csrf)}&${form}`);
  const withdraw = (graduate: Graduate, id: string) => graduate.agent.post(`/my/requests/${id}/withdraw`).type("form").send({ _csrf: graduate.csrf });
  const payloadOf = async (id: string) => (await service.ctx.db.selectFrom("request_submissions").selectAll().where("request_id", "=", id).executeTakeFirstOrThrow()).payload;

  it("asks a signed-out visitor to sign in, then leads them back to the request", async () => {
    const { id, link } = await ask(orgA);
    const agent = request.agent(service.app);
    const first = await agent.get(new URL(link).pathname);
    expect(first.status).to.equal(200);
    expect(first.text).to.include("Sign in to see the request").and.not.to.include("Pacific Institute");
    const start = await agent.get("/my/login/local");
    const back = await passProvider(start.headers.location!, "chan-tai-man");
    await agent.get(`${back.pathname}${back.search}`);
    const home = await agent.get("/my");
    expect(home.status).to.equal(303);
    expect(home.headers.location).to.equal(`/my/requests/${id}`);
    expect((await agent.get("/my")).status, "only once").to.equal(200);
  });

  it("shows who asks under the verified name, their words marked as theirs, and what for, in both languages; the request becomes opened", async () => {
    const { id } = await ask(orgA);
    expect((await org(orgA, id)).body.status).to.equal("sent");
    const page = await a.agent.get(`/my/requests/${id}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.include("Pacific Institute Admissions Office asks for your credentials").and.to.include("Name verified by CredAnchor");
    expect(page.text).to.match(/Written by Pacific Institute Admissions Office, not by CredAnchor[\s\S]*<blockquote class="organisation-words" data-organisation-words>Please send your degree certificate.\nYour GPA is optional.<\/blockquote>/);
    expect(page.text).to.include("Degree or award certificate").and.to.include(`value="${credentialOf.SUB000001}"`).and.to.include('name="hide" value="gpa"');
    expect(page.text).not.to.include(credentialOf.SUB000002);
    const chinese = await a.agent.get(`/my/requests/${id}?lang=zh-Hant`);
    expect(chinese.text).to.include("太平洋學院招生處請你提交學歷證明").and.to.include("以下文字由太平洋學院招生處撰寫，並非 CredAnchor 的文字").and.to.include("學位或資歷證書");
    await a.agent.get("/my?lang=en");
    const opened = await org(orgA, id);
    expect(opened.body.status).to.equal("opened");
    expect(opened.body.openedAt).to.be.a("string");
  });

  it("submits a credential with GPA hidden: only the disclosed document is stored, the organisation reads it and it verifies on chain", async () => {
    const { id } = await ask(orgA);
    const sent = await submit(a, id, `credential=${credentialOf.SUB000001}&hide=gpa`);
    expect(sent.status, sent.text.slice(0, 500)).to.equal(303);
    const page = await a.agent.get(sent.headers.location!);
    expect(page.text).to.include("You sent 1 credential(s)").and.to.include("You hid: GPA").and.to.include("Withdraw what I sent");
    const stored = await payloadOf(id);
    expect(stored).not.to.include('"gpa"');
    const status = await org(orgA, id);
    expect(status.body).to.include({ status: "submitted" });
    expect(status.body.submission).to.include({ credentials: 1, withdrawnAt: null });
    const read = await org(orgA, `${id}/submission`);
    expect(read.status).to.equal(200);
    const [document] = read.body.credentials as { credentialSubject: Record<string, unknown>; proof: { hiddenClaims: Record<string, string> } }[];
    expect(document!.credentialSubject).not.to.have.property("gpa");
    expect(document!.proof.hiddenClaims).to.have.property("/credentialSubject/gpa");
    const report = await verifyCredential(JSON.stringify(document), { reader: service.ctx.chain.reader, deployment: service.ctx.chain.deployment });
    expect(report.status).to.equal("VALID");
    const again = await submit(a, id, `credential=${credentialOf.SUB000001}`);
    expect(again.status).to.equal(409);
    expect(again.text).to.include("You have already answered this request.");
  });

  it("answers a transcript request with the transcript's GPA section hidden whole; an award-only request does not offer the transcript", async () => {
    const batchId = await issueTranscripts(service.app, service.keys.harbour, "gpa,marks");
    const files = await downloadZip(service.app, service.keys.harbour, batchId);
    const [, ...rows] = readCsv(strFromU8(files[Object.keys(files).find((file) => file.endsWith("-claim-codes.csv"))!]!), ",");
    const claimed = await a.agent.post("/my/claim").type("form").send({ _csrf: a.csrf, code: rows.find(([student]) => student === "HU2026001")![1] });
    expect(claimed.status, claimed.text.slice(0, 300)).to.equal(303);
    const transcript = (await service.ctx.db.selectFrom("credentials").select("id").where("batch_id", "=", batchId).where("student_id", "=", "HU2026001").executeTakeFirstOrThrow()).id;
    const awardOnly = await ask(orgA);
    expect((await a.agent.get(`/my/requests/${awardOnly.id}`)).text).not.to.include(`value="${transcript}"`);
    expect((await submit(a, awardOnly.id, `credential=${transcript}`)).status).to.equal(422);
    const { id } = await ask(orgA, { kinds: ["transcript"] });
    expect((await a.agent.get(`/my/requests/${id}`)).text).to.include(`value="${transcript}"`).and.not.to.include(`value="${credentialOf.SUB000001}"`);
    expect((await submit(a, id, `credential=${transcript}&hide=gpa`)).status).to.equal(303);
    const [document] = (await org(orgA, `${id}/submission`)).body.credentials as { credentialSubject: Record<string, unknown>; proof: { hiddenClaims: Record<string, string> } }[];
    expect(document!.credentialSubject).not.to.have.property("cumulativeGpa");
    expect(Object.keys(document!.proof.hiddenClaims)).to.include("/credentialSubject/cumulativeGpa").and.to.include("/credentialSubject/terms/0/gpa");
    expect(Object.keys(document!.proof.hiddenClaims).some((pointer) => pointer.endsWith("/mark"))).to.equal(false);
    const report = await verifyCredential(JSON.stringify(document), { reader: service.ctx.chain.reader, deployment: service.ctx.chain.deployment });
    expect(report.status).to.equal("VALID");
  });

  it("refuses what the request does not allow, with a page that says why and stores nothing", async () => {
    const { id } = await ask(orgA);
    const nothing = await submit(a, id, "");
    expect(nothing.status).to.equal(400);
    expect(nothing.text).to.include("Tick at least one credential to send.");
    expect((await submit(a, id, `credential=${credentialOf.SUB000001}&hide=name`)).status).to.equal(400);
    const hidden = await submit(a, id, `credential=${credentialOf.SUB000001}&hide=dateOfBirth`);
    expect(hidden.status).to.equal(422);
    const notAccepted = await ask(orgA, { acceptsHidden: [] });
    const refused = await submit(a, notAccepted.id, `credential=${credentialOf.SUB000001}&hide=gpa`);
    expect(refused.status).to.equal(422);
    expect(refused.text).to.include("This request does not accept that hidden.");
    const elsewhere = await ask(orgA, { university: "lionrock" });
    const page = await a.agent.get(`/my/requests/${elsewhere.id}`);
    expect(page.text).to.include("You hold no credential of the kind they ask for").and.not.to.include(`value="${credentialOf.SUB000001}"`);
    const wrong = await submit(a, elsewhere.id, `credential=${credentialOf.SUB000001}`);
    expect(wrong.status).to.equal(422);
    const noCsrf = await a.agent.post(`/my/requests/${id}/submit`).type("form").send(`credential=${credentialOf.SUB000001}`);
    expect(noCsrf.status).to.equal(403);
    const rows = await service.ctx.db.selectFrom("request_submissions").select("request_id").where("request_id", "in", [id, notAccepted.id, elsewhere.id]).execute();
    expect(rows).to.deep.equal([]);
  });

  it("keeps two graduates apart: B cannot open, answer, withdraw or list A's answered request, nor send A's credential anywhere", async () => {
    const { id } = await ask(orgA);
    expect((await submit(a, id, `credential=${credentialOf.SUB000001}`)).status).to.equal(303);
    expect((await b.agent.get(`/my/requests/${id}`)).status).to.equal(404);
    expect((await submit(b, id, `credential=${credentialOf.SUB000002}`)).status).to.equal(404);
    expect((await withdraw(b, id)).status).to.equal(404);
    expect((await b.agent.get("/my/requests")).text).not.to.include(id);
    expect((await a.agent.get("/my/requests")).text).to.include(`data-request="${id}"`);
    const other = await ask(orgA);
    const stolen = await submit(b, other.id, `credential=${credentialOf.SUB000001}`);
    expect(stolen.status).to.equal(404);
    expect(await service.ctx.db.selectFrom("request_submissions").select("request_id").where("request_id", "=", other.id).execute()).to.deep.equal([]);
    expect(await payloadOf(id)).to.be.a("string");
  });

  it("keeps two organisations apart: B's key cannot read A's submission", async () => {
    const { id } = await ask(orgA);
    await submit(b, id, `credential=${credentialOf.SUB000002}`);
    expect((await org(orgB, `${id}/submission`)).status).to.equal(404);
    expect((await org(orgA, `${id}/submission`)).status).to.equal(200);
  });

  it("withdraws a submission: its payload is deleted at once, the organisation gets 410 and sees withdrawn, and it stays final", async () => {
    const { id } = await ask(orgA);
    await submit(a, id, `credential=${credentialOf.SUB000001}`);
    expect(await payloadOf(id)).to.be.a("string");
    const withdrawn = await withdraw(a, id);
    expect(withdrawn.status).to.equal(303);
    expect(await payloadOf(id)).to.equal(null);
    expect((await a.agent.get(`/my/requests/${id}`)).text).to.include("You withdrew what you sent");
    const read = await org(orgA, `${id}/submission`);
    expect(read.status).to.equal(410);
    expect(read.body.error.code).to.equal("SUBMISSION_WITHDRAWN");
    expect((await org(orgA, id)).body.status).to.equal("withdrawn");
    expect((await org(orgA, "?status=withdrawn")).body.items.map((item: { id: string }) => item.id)).to.include(id);
    expect((await withdraw(a, id)).status).to.equal(409);
    expect((await submit(a, id, `credential=${credentialOf.SUB000001}`)).status).to.equal(409);
  });

  it("deletes the payload when the request expires (the worker's sweep); nothing can be withdrawn or read after", async () => {
    const { id } = await ask(orgA);
    await submit(b, id, `credential=${credentialOf.SUB000002}`);
    await service.ctx.db.updateTable("requests").set({ expires_at_ms: Date.now() - 1 }).where("id", "=", id).execute();
    for (let payload = await payloadOf(id); payload !== null; payload = await payloadOf(id)) await new Promise((resolve) => setTimeout(resolve, 50));
    const read = await org(orgA, `${id}/submission`);
    expect(read.status).to.equal(410);
    expect(read.body.error.code).to.equal("REQUEST_EXPIRED");
    expect((await b.agent.get(`/my/requests/${id}`)).text).to.include("This request closed on");
    expect((await withdraw(b, id)).status).to.equal(410);
  });

  it("audits every view, submission and withdrawal under the account, with no credential content", async () => {
    const { id } = await ask(orgA);
    await a.agent.get(`/my/requests/${id}`);
    await submit(a, id, `credential=${credentialOf.SUB000001}&hide=gpa`);
    await withdraw(a, id);
    const entries = await service.ctx.db.selectFrom("audit_log").selectAll().where("action", "like", "portal.request.%").execute();
    const mine = entries.filter((entry) => entry.detail !== null && JSON.parse(entry.detail).request === id);
    expect(mine.map((entry) => entry.action)).to.include.members(["portal.request.view", "portal.request.submit", "portal.request.withdraw"]);
    expect(mine.every((entry) => entry.target!.startsWith("account:"))).to.equal(true);
    // The details and targets, not the whole rows: a timestamp's milliseconds could spell a GPA.
    const written = JSON.stringify(entries.map((entry) => [entry.target, entry.detail]));
    expect(written).not.to.include("Test Graduate").and.not.to.include("3.60");
  });

  const until = async (done: () => boolean) => {
    while (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const setHook = async (key: string, url: string) => {
    const set = await request(service.app).put("/api/v1/requests/webhook").set("authorization", `Bearer ${key}`).send({ url });
    expect(set.status, JSON.stringify(set.body)).to.equal(200);
    return set.body.secret as string;
  };
  const deliveries = async (key: string) => (await org(key, "webhook/deliveries")).body.items as { id: string; event: string; requestId: string; attempts: number; deliveredAt: string | null; lastStatus: number | null }[];

  it("signs a webhook delivery on submission and on withdrawal; the receiver checks both and refuses a replay, a changed body and an old timestamp", async () => {
    let secret = "";
    const receiver = await startWebhookReceiver(() => secret);
    try {
      secret = await setHook(orgA, receiver.url);
      expect(secret).to.match(/^whsec_/);
      expect((await org(orgA, "webhook")).body.webhook).to.include({ url: receiver.url }).and.not.to.have.property("secret");
      const { id } = await ask(orgA);
      await submit(a, id, `credential=${credentialOf.SUB000001}`);
      await withdraw(a, id);
      await until(() => receiver.taken.length === 2);
      const bodies = receiver.taken.map((delivery) => JSON.parse(delivery.body) as { type: string; requestId: string; applicantReference: string });
      expect(bodies.map((body) => [body.type, body.requestId])).to.deep.equal([["submission.created", id], ["submission.withdrawn", id]]);
      expect(receiver.taken[0]!.body).not.to.include("credentialSubject");
      const [first] = receiver.taken;
      const replay = (headers: Record<string, string>, body: string) => fetch(receiver.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
      const original = { [SIGNATURE_HEADER]: first!.headers[SIGNATURE_HEADER] as string, [DELIVERY_HEADER]: first!.headers[DELIVERY_HEADER] as string };
      expect((await replay(original, first!.body)).status, "replayed as it was").to.equal(409);
      expect((await replay(original, first!.body.replace("submission.created", "submission.withdrawn"))).status, "body changed").to.equal(401);
      const old = Math.floor(Date.now() / 1000) - 600;
      expect((await replay({ ...original, [SIGNATURE_HEADER]: signWebhook(secret, old, first!.body), [DELIVERY_HEADER]: "dlv_new" }, first!.body)).status, "outside the window").to.equal(401);
      const log = await deliveries(orgA);
      expect(log.slice(0, 2).map((delivery) => [delivery.event, delivery.attempts, delivery.lastStatus, delivery.deliveredAt !== null])).to.deep.equal([
        ["submission.withdrawn", 1, 204, true],
        ["submission.created", 1, 204, true],
      ]);
      expect(await deliveries(orgB)).to.deep.equal([]);
      expect((await org(orgB, "webhook")).body.webhook).to.equal(null);
    } finally {
      await request(service.app).delete("/api/v1/requests/webhook").set("authorization", `Bearer ${orgA}`);
      receiver.server.close();
    }
  });

  it("retries a failing endpoint with exponential backoff, durably in the database, until it takes the delivery", async () => {
    let secret = "";
    const receiver = await startWebhookReceiver(() => secret, 2);
    try {
      secret = await setHook(orgB, receiver.url);
      const { id } = await ask(orgB);
      await submit(b, id, `credential=${credentialOf.SUB000002}`);
      await until(() => receiver.taken.length === 1);
      const [first, second, third] = receiver.attempts;
      expect(second! - first!).to.be.at.least(50);
      expect(third! - second!).to.be.at.least(100);
      const [delivery] = await deliveries(orgB);
      expect(delivery).to.include({ event: "submission.created", requestId: id, attempts: 3, lastStatus: 204 });
      const stored = await service.ctx.db.selectFrom("webhook_deliveries").selectAll().where("id", "=", delivery!.id).executeTakeFirstOrThrow();
      expect(stored.next_attempt_at_ms).to.equal(null);
    } finally {
      await request(service.app).delete("/api/v1/requests/webhook").set("authorization", `Bearer ${orgB}`);
      receiver.server.close();
    }
  });

  it("queues each delivery in the transaction of what it reports: when the delivery cannot be written, no submission, withdrawal or expiry is either", async () => {
    const { db } = service.ctx;
    // The second write of each change fails: its delivery's table is not there.
    const withoutDeliveries = async (run: () => Promise<void>) => {
      await db.schema.alterTable("webhook_deliveries").renameTo("webhook_deliveries_away").execute();
      try {
        await run();
      } finally {
        await db.schema.alterTable("webhook_deliveries_away").renameTo("webhook_deliveries").execute();
      }
    };
    const queued = async (id: string) => (await db.selectFrom("webhook_deliveries").select("event").where("request_id", "=", id).orderBy("created_at_ms").execute()).map((row) => row.event);
    // Port 9 (discard) refuses: the deliveries stay in the log, retried, which is all this test needs.
    await setHook(orgA, "http://127.0.0.1:9/hooks/credanchor");
    try {
      const { id } = await ask(orgA);
      await withoutDeliveries(async () => {
        expect((await submit(a, id, `credential=${credentialOf.SUB000001}`)).status).to.equal(500);
        expect(await db.selectFrom("request_submissions").select("request_id").where("request_id", "=", id).execute(), "no submission").to.deep.equal([]);
      });
      expect((await submit(a, id, `credential=${credentialOf.SUB000001}`)).status).to.equal(303);
      expect(await queued(id)).to.deep.equal(["submission.created"]);

      await withoutDeliveries(async () => {
        expect((await withdraw(a, id)).status).to.equal(500);
        expect(await payloadOf(id), "not withdrawn").not.to.equal(null);
      });
      expect((await withdraw(a, id)).status).to.equal(303);
      expect(await payloadOf(id)).to.equal(null);
      expect(await queued(id)).to.deep.equal(["submission.created", "submission.withdrawn"]);

      const expiring = await ask(orgA);
      expect((await submit(b, expiring.id, `credential=${credentialOf.SUB000002}`)).status).to.equal(303);
      await withoutDeliveries(async () => {
        await db.updateTable("requests").set({ expires_at_ms: Date.now() - 1 }).where("id", "=", expiring.id).execute();
        const sweep = await purgeExpiredSubmissions(db).then(() => "swept", (error: Error) => error.message);
        expect(sweep).not.to.equal("swept");
        expect(await payloadOf(expiring.id), "not deleted").not.to.equal(null);
      });
      // The worker's sweep, or this one, deletes it now; either way its expiry is announced once.
      await purgeExpiredSubmissions(db);
      expect(await payloadOf(expiring.id)).to.equal(null);
      expect(await queued(expiring.id)).to.deep.equal(["submission.created", "submission.expired"]);
    } finally {
      await request(service.app).delete("/api/v1/requests/webhook").set("authorization", `Bearer ${orgA}`);
    }
  });
});
