/**
 * Organisations' reviewers sign in to the inbox through OpenID Connect (issue 18 item 1) on the real app over both
 * engines: the local organisation sign-on (oidc-provider) with openid-client, reviewers registered per organisation,
 * sessions of their own that open the requests API as their one organisation, kept apart from graduates' sessions.
 */
import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { configFromEnv } from "../../issuer-service/config";
import type { LocalIdentityProvider } from "../../issuer-service/idp/startLocalIdentityProvider";
import { ORGANISATION_SIGN_ON } from "../../issuer-service/idp/PERSONAS";
import { PortalError } from "../../issuer-service/portal/PortalError";
import { createSession } from "../../issuer-service/portal/sessions";
import { SignIn } from "../../issuer-service/portal/signIn";
import { createOrganisation } from "../../issuer-service/requests/organisations";
import { addReviewer, removeReviewer } from "../../issuer-service/requests/reviewers";
import { describeEachEngine, startChain, startService, type Chain, type Service } from "./harness";
import { inboxConfig, passProvider, portalConfig, signInAs, signInReviewer, startPortalProvider, startReviewerSignIn, STAFF_SIGN_ON } from "./portalSignIn";

const REQUEST = { message: "Please send your degree.", kinds: ["award"], expiresInDays: 30 };
const [REVIEWER_A, STAFF_B] = ORGANISATION_SIGN_ON.personas.map((persona) => persona.login) as [string, string];

describeEachEngine("inbox sign-in", function () {
  this.timeout(120_000);
  let chain: Chain;
  let idp: LocalIdentityProvider;
  let service: Service;
  let keyA: string;
  let keyB: string;
  /** A request of each organisation, made with its key. */
  let requestOfA: string;
  let requestOfB: string;

  before(async () => {
    chain = await startChain();
    idp = await startPortalProvider();
    service = await startService(chain, "inbox", { worker: false, config: { portal: portalConfig(idp), inbox: inboxConfig(idp, { sessionIdleMinutes: 20, sessionAbsoluteHours: 4 }) } });
    keyA = (await createOrganisation(service.ctx.db, "pacific-admissions", { en: "Pacific Institute Admissions Office", "zh-Hant": "太平洋學院招生處" }, "test")).key;
    keyB = (await createOrganisation(service.ctx.db, "kowloon-hr", { en: "Kowloon Trading HR", "zh-Hant": "九龍貿易人力資源部" }, "test")).key;
    await addReviewer(service.ctx.db, "pacific-admissions", { provider: STAFF_SIGN_ON, subject: REVIEWER_A, name: "Ho Wing Sze" });
    const create = async (key: string, reference: string) =>
      (await request(service.app).post("/api/v1/requests").set("authorization", `Bearer ${key}`).send({ ...REQUEST, applicantReference: reference })).body.id as string;
    requestOfA = await create(keyA, "A-0001");
    requestOfB = await create(keyB, "B-0001");
  });

  after(async () => {
    await service?.stop();
    await idp?.close();
    await chain?.stop();
  });

  const sessions = async () => (await service.ctx.db.selectFrom("organisation_sessions").select("token_hash").execute()).length;
  const auditOf = (action: string) => service.ctx.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();

  it("signs a registered reviewer in (PKCE, state, nonce): an httpOnly SameSite=Lax cookie, /inbox/session names the organisation, the API lists only its requests, audited", async () => {
    const { agent, authorization, callback } = await startReviewerSignIn(service.app, REVIEWER_A);
    expect(authorization.searchParams.get("code_challenge_method")).to.equal("S256");
    expect(authorization.searchParams.get("state")).to.have.length.greaterThan(20);
    expect(authorization.searchParams.get("nonce")).to.have.length.greaterThan(20);
    expect(callback.pathname).to.equal(`/inbox/callback/${STAFF_SIGN_ON}`);
    const done = await agent.get(`${callback.pathname}${callback.search}`);
    expect(done.status).to.equal(303);
    expect(done.headers.location).to.equal("/inbox/");
    const cookie = (done.headers["set-cookie"] as unknown as string[]).find((line) => line.startsWith("credanchor_inbox="))!;
    expect(cookie).to.match(/HttpOnly/).and.to.match(/SameSite=Lax/).and.to.match(/Path=\/;/);

    const session = await agent.get("/inbox/session");
    expect(session.status).to.equal(200);
    expect(session.headers["cache-control"]).to.equal("no-store");
    expect(session.body).to.deep.equal({
      organisation: { id: "pacific-admissions", name: { en: "Pacific Institute Admissions Office", "zh-Hant": "太平洋學院招生處" } },
      reviewer: { name: "Ho Wing Sze" },
      csrfToken: session.body.csrfToken,
    });
    expect(session.body.csrfToken).to.match(/^[\w-]{43}$/);
    const listed = await agent.get("/api/v1/requests");
    expect(listed.status).to.equal(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).to.deep.equal([requestOfA]);
    expect((await agent.get(`/api/v1/requests/${requestOfA}`)).status).to.equal(200);

    const [signedIn] = (await auditOf("inbox.signIn")).filter((entry) => entry.result === "ok");
    expect(signedIn!.target).to.match(/^reviewer:[0-9a-f]{16}$/);
    expect(JSON.parse(signedIn!.detail!)).to.deep.equal({ provider: STAFF_SIGN_ON, organisation: "pacific-admissions" });
    const list = (await auditOf("request.list")).at(-1)!;
    expect(JSON.parse(list.detail!)).to.deep.include({ organisation: "pacific-admissions", reviewerId: signedIn!.target!.slice("reviewer:".length) });
  });

  it("refuses an identity registered for no organisation: a page in both languages with the identity to register, 403, no session, audited", async () => {
    const before = await sessions();
    const { agent, callback } = await startReviewerSignIn(service.app, STAFF_B);
    const refused = await agent.get(`${callback.pathname}${callback.search}`);
    expect(refused.status).to.equal(403);
    expect(refused.type).to.equal("text/html");
    expect(refused.text).to.include("is not registered as a reviewer of any organisation").and.to.include("並未登記為任何機構的審閱人");
    expect(refused.text).to.include(`<code>${STAFF_B}</code>`).and.to.include(ORGANISATION_SIGN_ON.label["zh-Hant"]);
    expect(String(refused.headers["set-cookie"] ?? "")).not.to.include("credanchor_inbox=");
    expect(await sessions()).to.equal(before);
    expect((await agent.get("/inbox/session")).status).to.equal(401);
    expect((await agent.get("/api/v1/requests")).status).to.equal(401);
    expect((await auditOf("inbox.signIn")).at(-1)).to.include({ result: "NOT_A_REVIEWER", target: null });
  });

  it("answers a cancelled sign-in, a replayed callback and an unknown provider with the portal's reasons in both languages, and no session", async () => {
    const before = await sessions();
    const agent = request.agent(service.app);
    const start = await agent.get(`/inbox/login/${STAFF_SIGN_ON}`);
    const cancelled = await passProvider(start.headers.location!, REVIEWER_A, { cancel: true });
    const refused = await agent.get(`${cancelled.pathname}${cancelled.search}`);
    expect(refused.status).to.equal(401);
    expect(refused.text).to.include("did not sign you in").and.to.include(`${ORGANISATION_SIGN_ON.label["zh-Hant"]}未有讓你登入`);
    const replayed = await agent.get(`${cancelled.pathname}${cancelled.search}`);
    expect(replayed.status).to.equal(400);
    expect(replayed.text).to.include("expired or was already used");
    const unknown = await agent.get("/inbox/login/nobody-sso");
    expect(unknown.status).to.equal(404);
    expect(unknown.text).to.include("not offered here");
    expect(await sessions()).to.equal(before);
    expect((await auditOf("inbox.signIn")).slice(-2).map((entry) => entry.result)).to.deep.equal(["PROVIDER_REFUSED", "SIGN_IN_EXPIRED"]);
  });

  it("keeps organisations apart: B's reviewer lists only B's requests, and A's request, its QR code and submission are 404 as an unknown id", async () => {
    await addReviewer(service.ctx.db, "kowloon-hr", { provider: STAFF_SIGN_ON, subject: STAFF_B, name: "Cheung Ka Ho" });
    try {
      const { agent } = await signInReviewer(service.app, STAFF_B);
      expect((await agent.get("/inbox/session")).body.organisation.id).to.equal("kowloon-hr");
      expect((await agent.get("/api/v1/requests")).body.items.map((item: { id: string }) => item.id)).to.deep.equal([requestOfB]);
      for (const path of [`/${requestOfA}`, `/${requestOfA}/qr`, `/${requestOfA}/submission`]) {
        const answer = await agent.get(`/api/v1/requests${path}`);
        expect(answer.status, path).to.equal(404);
        expect(answer.body.error.code, path).to.equal("NOT_FOUND");
      }
    } finally {
      await removeReviewer(service.ctx.db, { provider: STAFF_SIGN_ON, subject: STAFF_B });
    }
  });

  it("keeps graduates' and reviewers' sessions apart: a graduate's session is 401 on organisation routes, a reviewer's opens no portal page", async () => {
    const graduate = await signInAs(service.app, "chan-tai-man");
    expect((await graduate.agent.get("/api/v1/requests")).status).to.equal(401);
    expect((await graduate.agent.get("/inbox/session")).status).to.equal(401);
    // A graduate's session token, wherever it is sent, is no reviewer's.
    const { token } = await createSession(service.ctx.db, { provider: "local", subject: "chan-tai-man" }, undefined);
    for (const cookie of [`credanchor_inbox=${token}`, `credanchor_session=${token}`]) {
      expect((await request(service.app).get("/api/v1/requests").set("cookie", cookie)).status, cookie).to.equal(401);
      expect((await request(service.app).get("/inbox/session").set("cookie", cookie)).status, cookie).to.equal(401);
    }

    const reviewer = await signInReviewer(service.app, REVIEWER_A);
    const portal = await reviewer.agent.get("/my");
    expect(portal.status).to.equal(303);
    expect(portal.headers.location).to.equal("/my/login");
  });

  it("changes anything through the session only with its CSRF token in X-CSRF-Token (403 CSRF_REJECTED otherwise); the request is the organisation's", async () => {
    const { agent, csrf } = await signInReviewer(service.app, REVIEWER_A);
    const body = { ...REQUEST, applicantReference: "A-CSRF" };
    const without = await agent.post("/api/v1/requests").send(body);
    expect(without.status).to.equal(403);
    expect(without.body.error.code).to.equal("CSRF_REJECTED");
    expect(without.body.error.message["zh-Hant"]).to.include("X-CSRF-Token");
    expect((await agent.post("/api/v1/requests").set("x-csrf-token", `${csrf.slice(1)}x`).send(body)).status).to.equal(403);
    expect((await agent.post("/inbox/logout")).status).to.equal(403);
    expect(await service.ctx.db.selectFrom("requests").select("id").where("applicant_reference", "=", "A-CSRF").execute()).to.have.length(0);
    const created = await agent.post("/api/v1/requests").set("x-csrf-token", csrf).send(body);
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body.organisation.id).to.equal("pacific-admissions");
  });

  it("ends a session when unused for the idle limit, when older than the absolute limit, and when the reviewer's registration is removed", async () => {
    const expire = async (change: Record<string, number>) => {
      const { agent } = await signInReviewer(service.app, REVIEWER_A);
      const count = await sessions();
      await service.ctx.db.updateTable("organisation_sessions").set(change).execute();
      expect((await agent.get("/inbox/session")).status).to.equal(401);
      expect((await agent.get("/api/v1/requests")).status).to.equal(401);
      expect(await sessions(), "the ended session is deleted").to.equal(count - 1);
    };
    await expire({ seen_at_ms: Date.now() - 20 * 60_000 - 1000 });
    await expire({ created_at_ms: Date.now() - 4 * 3_600_000 - 1000 });

    const { agent } = await signInReviewer(service.app, REVIEWER_A);
    expect(await removeReviewer(service.ctx.db, { provider: STAFF_SIGN_ON, subject: REVIEWER_A })).to.equal(true);
    expect((await agent.get("/inbox/session")).status).to.equal(401);
    expect(await sessions()).to.equal(0);
    await addReviewer(service.ctx.db, "pacific-admissions", { provider: STAFF_SIGN_ON, subject: REVIEWER_A, name: "Ho Wing Sze" });
  });

  it("never finishes a sign-in started for the portal as a reviewer's, even through the same provider: SIGN_IN_TAMPERED", async () => {
    const providers = service.config.inbox.providers;
    const started = await new SignIn(service.ctx.db, providers, "portal").start(STAFF_SIGN_ON);
    const state = new URL(started.url).searchParams.get("state")!;
    const callback = new URL(`${providers[0]!.redirectUri}?code=any&state=${state}`);
    const finished = await new SignIn(service.ctx.db, providers, "inbox").finish(STAFF_SIGN_ON, callback, started.loginToken).catch((error: unknown) => error);
    expect(finished).to.be.instanceOf(PortalError).and.to.have.property("code", "SIGN_IN_TAMPERED");
  });

  it("signs out with the CSRF token: 204, the cookie cleared, the session gone from the database, audited", async () => {
    const { agent, csrf } = await signInReviewer(service.app, REVIEWER_A);
    const count = await sessions();
    const out = await agent.post("/inbox/logout").set("x-csrf-token", csrf);
    expect(out.status).to.equal(204);
    expect(String(out.headers["set-cookie"])).to.match(/credanchor_inbox=;/);
    expect(await sessions()).to.equal(count - 1);
    expect((await agent.get("/inbox/session")).status).to.equal(401);
    expect((await agent.get("/api/v1/requests")).status).to.equal(401);
    expect((await auditOf("inbox.signOut")).at(-1)).to.include({ result: "ok" });
  });
});

describe("inbox sign-in configuration", () => {
  const provider = (redirectUri: string) => ({
    id: "acme-sso",
    label: { en: "Acme staff sign-on", "zh-Hant": "Acme 職員登入" },
    issuer: "https://sso.acme.example",
    clientId: "credanchor-inbox",
    clientSecretEnv: "ACME_SECRET",
    redirectUri,
  });
  const withFile = (name: string, entries: object[], run: (file: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), "inbox-providers-"));
    try {
      writeFileSync(join(dir, name), JSON.stringify(entries));
      run(join(dir, name));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it("reads INBOX_PROVIDERS_FILE as the portal reads its file (the secret from the environment), each redirect URI ending in its own callback path", () => {
    withFile("inbox.json", [provider("https://service.example/inbox/callback/acme-sso")], (file) => {
      const config = configFromEnv({ INBOX_PROVIDERS_FILE: file, ACME_SECRET: "from-the-environment" });
      expect(config.inbox.providers).to.have.length(1);
      expect(config.inbox.providers[0]).to.include({ id: "acme-sso", clientSecret: "from-the-environment" });
      expect(config.inbox.providers[0]!.scopes).to.deep.equal(["openid"]);
      expect(config.portal.providers).to.deep.equal([]);
    });
    withFile("wrong.json", [provider("https://service.example/my/callback/acme-sso")], (file) => {
      expect(() => configFromEnv({ INBOX_PROVIDERS_FILE: file, ACME_SECRET: "s" })).to.throw(/redirectUri must end with \/inbox\/callback\/<id>/);
      expect(() => configFromEnv({ PORTAL_PROVIDERS_FILE: file, ACME_SECRET: "s" })).not.to.throw();
    });
    withFile("portal.json", [provider("https://service.example/inbox/callback/acme-sso")], (file) => {
      expect(() => configFromEnv({ PORTAL_PROVIDERS_FILE: file, ACME_SECRET: "s" })).to.throw(/redirectUri must end with \/my\/callback\/<id>/);
    });
  });
});
