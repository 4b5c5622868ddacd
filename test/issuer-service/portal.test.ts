/**
 * The graduate portal (issue 17) on the real app over both engines, signing in through the local OpenID provider
 * (oidc-provider) with openid-client: sessions, claim codes from the registrar's download, the account's credentials
 * and share links, two accounts kept apart on every route, and every fault answered with a page that changes nothing.
 */
import { expect } from "chai";
import { strFromU8 } from "fflate";
import QRCode from "qrcode";
import request from "supertest";
import { readVcExport } from "../../core/src/exportVc";
import type { LocalIdentityProvider } from "../../issuer-service/idp/startLocalIdentityProvider";
import { UNIVERSITY_SIGN_ON } from "../../issuer-service/idp/PERSONAS";
import { base64UrlToBytes } from "../../core/src/share/base64Url";
import { decryptShare } from "../../core/src/share/shareCrypto";
import { parseShareFragment } from "../../core/src/share/shareLink";
import { parseAnyCredential } from "../../core/src/kinds/parseAnyCredential";
import { checkDisclosureRules } from "../../core/src/kinds/checkDisclosureRules";
import { readCsv } from "../lib/readCsv";
import { describeEachEngine, downloadZip, graduatesCsv, issueCsv, startChain, startService, type Chain, type Service } from "./harness";
import { issueTranscripts, passProvider, portalConfig, signInAs, startPortalProvider, type Graduate } from "./portalSignIn";

describeEachEngine("graduate portal", function () {
  this.timeout(180_000);
  let chain: Chain;
  let idp: LocalIdentityProvider;
  let service: Service;
  /** Claim codes of the harbour batch by student id. */
  let codes: Map<string, string>;

  before(async () => {
    chain = await startChain();
    idp = await startPortalProvider();
    service = await startService(chain, "portal", { config: { portal: portalConfig(idp, { claimAttemptsPerHour: 8 }) } });
    const batch = await issueCsv(service.app, service.keys.harbour, graduatesCsv("PTL", 6));
    const files = await downloadZip(service.app, service.keys.harbour, batch.id);
    const name = Object.keys(files).find((file) => file.endsWith("-claim-codes.csv"))!;
    const [header, ...rows] = readCsv(strFromU8(files[name]!), ",");
    expect(header).to.deep.equal(["student_id", "claim_code", "expires_at"]);
    codes = new Map(rows.map(([student, code]) => [student!, code!]));
  });

  after(async () => {
    await service?.stop();
    await idp?.close();
    await chain?.stop();
  });

  const claim = (graduate: Graduate, code: string) => graduate.agent.post("/my/claim").type("form").send({ _csrf: graduate.csrf, code });

  it("signs a graduate in with the provider: a fresh httpOnly SameSite=Lax session cookie, the account's page, the sign-in audited", async () => {
    const agent = request.agent(service.app);
    expect((await agent.get("/my")).headers.location).to.equal("/my/login");
    const start = await agent.get("/my/login/local");
    const authorization = new URL(start.headers.location!);
    expect(authorization.searchParams.get("code_challenge_method")).to.equal("S256");
    expect(authorization.searchParams.get("state")).to.have.length.greaterThan(20);
    expect(authorization.searchParams.get("nonce")).to.have.length.greaterThan(20);
    const back = await passProvider(authorization.href, "chan-tai-man");
    const done = await agent.get(`${back.pathname}${back.search}`);
    const cookie = done.headers["set-cookie"] as unknown as string[];
    const session = cookie.find((line) => line.startsWith("credanchor_session="))!;
    expect(session).to.match(/HttpOnly/).and.to.match(/SameSite=Lax/).and.to.match(/Path=\/my/);
    expect(session).not.to.match(/Secure/);
    const page = await agent.get("/my");
    expect(page.status).to.equal(200);
    expect(page.text).to.include("Local test provider").and.to.include("No credentials yet");
    const audit = await service.ctx.db.selectFrom("audit_log").selectAll().where("action", "=", "portal.signIn").execute();
    expect(audit.at(-1)).to.include({ result: "ok" });
    expect(JSON.stringify(audit)).not.to.include("Chan");
  });

  it("binds a credential with its claim code once: the account lists it as valid on chain, the code does not work again", async () => {
    const graduate = await signInAs(service.app, "chan-tai-man");
    const added = await claim(graduate, codes.get("PTL000001")!.toLowerCase());
    expect(added.status, added.text.slice(0, 400)).to.equal(303);
    const page = await graduate.agent.get(added.headers.location!);
    expect(page.text).to.include("Added to your account").and.to.include("chip--VALID").and.to.include("Test Graduate 1");
    const again = await claim(graduate, codes.get("PTL000001")!);
    expect(again.status).to.equal(409);
    expect(again.text).to.include("already been used");
    expect(await service.ctx.db.selectFrom("portal_bindings").selectAll().execute()).to.have.length(1);
  });

  const credentialIdOf = async (studentId: string) =>
    (await service.ctx.db.selectFrom("credentials").select("id").where("student_id", "=", studentId).executeTakeFirstOrThrow()).id;
  const shareLinkOf = (page: string) => /id="share-link"[^>]*value="([^"]+)"/.exec(page)![1]!.replace(/&amp;/g, "&");
  /** The share resource a new link's fragment points at (the link's form is `#share=<resource URL>.<key>`). */
  const shareResourceOf = (page: string) => new URL((parseShareFragment(new URL(shareLinkOf(page)).hash.replace(/^#share=/, ""))!.location as { url: string }).url);

  it("shares a credential with GPA hidden: the link opens it without GPA, the account lists the link with its opens, withdrawal ends it", async () => {
    const graduate = await signInAs(service.app, "chan-tai-man");
    const id = await credentialIdOf("PTL000001");
    const view = await graduate.agent.get(`/my/credentials/${id}`);
    expect(view.status).to.equal(200);
    expect(view.text).to.include("chip--VALID").and.to.include("First Class Honours");
    const download = await graduate.agent.get(`/my/credentials/${id}/download`);
    expect(download.headers["content-disposition"]).to.include("PTL000001.json");
    expect(JSON.parse(download.text)).to.have.property("id", id);
    const created = await graduate.agent.post(`/my/credentials/${id}/shares`).type("form").send(`_csrf=${graduate.csrf}&hide=gpa&days=7`);
    expect(created.status, created.text.slice(0, 400)).to.equal(201);
    expect(created.text).to.include("data:image/png;base64,");
    const link = new URL(shareLinkOf(created.text));
    const reference = parseShareFragment(link.hash.replace(/^#share=/, ""))!;
    const resource = new URL((reference.location as { url: string }).url);
    const opened = await request(service.app).get(resource.pathname);
    expect(opened.status).to.equal(200);
    const shared = JSON.parse(await decryptShare(base64UrlToBytes(opened.body.payload), reference.key));
    expect(shared.credentialSubject).not.to.have.property("gpa");
    expect(shared.proof.hiddenClaims).to.have.property("/credentialSubject/gpa");
    const home = await graduate.agent.get("/my");
    const shareId = resource.pathname.split("/").pop()!;
    expect(home.text).to.match(new RegExp(`data-share="${shareId}"[\\s\\S]*?<td[^>]*>1</td>[\\s\\S]*?Active`));
    const withdrawn = await graduate.agent.post(`/my/shares/${shareId}/withdraw`).type("form").send({ _csrf: graduate.csrf });
    expect(withdrawn.status).to.equal(303);
    expect((await request(service.app).get(resource.pathname)).status).to.equal(410);
    expect((await graduate.agent.get("/my")).text).to.match(new RegExp(`data-share="${shareId}"[\\s\\S]*?Withdrawn`));
  });

  it("downloads a credential as a VC export in the page's language that verifies as the original, and prints it with the QR code of a new share link", async () => {
    const graduate = await signInAs(service.app, "chan-tai-man");
    const id = await credentialIdOf("PTL000001");
    const vc = await graduate.agent.get(`/my/credentials/${id}/vc?lang=zh-Hant`);
    expect(vc.status).to.equal(200);
    expect(vc.headers["content-disposition"]).to.include("PTL000001-vc.json");
    const exported = JSON.parse(vc.text);
    expect(exported.type).to.include("OpenBadgeCredential");
    expect(exported.name).to.equal("理學士");
    expect(JSON.parse(readVcExport(vc.text)!)).to.have.property("id", id);
    const page = await graduate.agent.get(`/my/credentials/${id}?lang=en`);
    expect(page.text).to.include(`/my/credentials/${encodeURIComponent(id)}/vc?lang=en`).and.to.include("Create link and print or save as PDF");

    const printed = await graduate.agent.post(`/my/credentials/${id}/shares`).type("form").send(`_csrf=${graduate.csrf}&hide=gpa&days=30&then=print`);
    expect(printed.status, printed.text.slice(0, 400)).to.equal(201);
    expect(printed.text).to.include('class="print-sheet"').and.to.include("Test Graduate 1").and.to.include("Print or save as PDF");
    expect(printed.text).not.to.include("3.60");
    const link = shareLinkOf(printed.text);
    const qr = /<img src="(data:image\/png;base64,[^"]+)"/.exec(printed.text)![1];
    expect(qr).to.equal(await QRCode.toDataURL(link, { errorCorrectionLevel: "L", margin: 4, scale: 4 }));
    const opened = await request(service.app).get(shareResourceOf(printed.text).pathname);
    const shared = JSON.parse(await decryptShare(base64UrlToBytes(opened.body.payload), parseShareFragment(new URL(link).hash.replace(/^#share=/, ""))!.key));
    expect(shared.credentialSubject).not.to.have.property("gpa");
    expect((await graduate.agent.get("/my")).text).to.include(`data-share="${shareResourceOf(printed.text).pathname.split("/").pop()}"`);
  });

  it("keeps an access history: each attempt to open each link with its time and outcome and nothing of the viewer, and the account's own activity; another account sees none of it", async () => {
    const graduate = await signInAs(service.app, "chan-tai-man");
    const id = await credentialIdOf("PTL000001");
    const created = await graduate.agent.post(`/my/credentials/${id}/shares`).type("form").send(`_csrf=${graduate.csrf}&hide=gpa&days=7`);
    const resource = shareResourceOf(created.text);
    const shareId = resource.pathname.split("/").pop()!;
    const viewer = { "user-agent": "EmployerBrowser/9.9", "x-forwarded-for": "203.0.113.77" };
    const before = Date.now();
    expect((await request(service.app).get(resource.pathname).set(viewer)).status).to.equal(200);
    expect((await request(service.app).get(resource.pathname).set(viewer)).status).to.equal(200);
    await graduate.agent.post(`/my/shares/${shareId}/withdraw`).type("form").send({ _csrf: graduate.csrf });
    expect((await request(service.app).get(resource.pathname).set(viewer)).status).to.equal(410);

    const stored = await service.ctx.db.selectFrom("share_opens").selectAll().where("share_id", "=", shareId).orderBy("opened_at_ms").execute();
    expect(stored.map((row) => row.result)).to.deep.equal(["opened", "opened", "withdrawn"]);
    expect(Object.keys(stored[0]!).sort()).to.deep.equal(["opened_at_ms", "result", "share_id"]);
    expect(Number(stored[0]!.opened_at_ms)).to.be.within(before, Date.now());

    const history = await graduate.agent.get("/my/history?lang=en");
    expect(history.status).to.equal(200);
    const rows = [...history.text.matchAll(new RegExp(`data-open="${shareId}" data-result="(\\w+)"`, "g"))].map((match) => match[1]);
    expect(rows).to.deep.equal(["withdrawn", "opened", "opened"]);
    expect(history.text).to.include("Refused: the link was withdrawn").and.to.include("Bachelor of Science · Harbour University").and.to.include("GPA");
    expect(history.text).not.to.include("EmployerBrowser").and.not.to.include("203.0.113.77");
    for (const action of ["portal.signIn", "portal.claim", "portal.share.create", "portal.share.withdraw"]) expect(history.text).to.include(`data-action="${action}"`);
    expect((await graduate.agent.get("/my/history?lang=zh-Hant")).text).to.include("已拒絕：連結已撤回").and.to.include("撤回分享連結");
    await graduate.agent.get("/my?lang=en");

    const other = await signInAs(service.app, "lee-siu-ming");
    const theirs = await other.agent.get("/my/history");
    expect(theirs.text).to.include("None of your share links has been opened yet");
    expect(theirs.text).not.to.include(shareId);
    expect((await request(service.app).get("/my/history")).headers.location).to.equal("/my/login");
  });

  it("keeps two accounts apart on every route: the other graduate reaches none of A's credentials or links", async () => {
    const a = await signInAs(service.app, "chan-tai-man");
    const b = await signInAs(service.app, "lee-siu-ming");
    const id = await credentialIdOf("PTL000001");
    const created = await a.agent.post(`/my/credentials/${id}/shares`).type("form").send({ _csrf: a.csrf, days: "7" });
    const shareId = shareResourceOf(created.text).pathname.split("/").pop()!;
    const home = await b.agent.get("/my");
    expect(home.text).to.include("No credentials yet").and.to.include("You have not shared anything yet");
    expect(home.text).not.to.include(id);
    expect((await b.agent.get(`/my/credentials/${id}`)).status).to.equal(404);
    expect((await b.agent.get(`/my/credentials/${id}/download`)).status).to.equal(404);
    expect((await b.agent.get(`/my/credentials/${id}/vc`)).status).to.equal(404);
    expect((await b.agent.post(`/my/credentials/${id}/shares`).type("form").send({ _csrf: b.csrf, days: "7", then: "print" })).status).to.equal(404);
    expect((await b.agent.post(`/my/credentials/${id}/shares`).type("form").send({ _csrf: b.csrf, days: "7" })).status).to.equal(404);
    expect((await b.agent.post(`/my/shares/${shareId}/withdraw`).type("form").send({ _csrf: b.csrf })).status).to.equal(404);
    // B's token on A's session, and A's forms without a token: refused, nothing changes.
    expect((await a.agent.post(`/my/shares/${shareId}/withdraw`).type("form").send({ _csrf: b.csrf })).status).to.equal(403);
    expect((await a.agent.post(`/my/credentials/${id}/shares`).type("form").send({ days: "7" })).status).to.equal(403);
    expect((await a.agent.post("/my/claim").type("form").send({ code: codes.get("PTL000002") })).status).to.equal(403);
    const share = await service.ctx.db.selectFrom("shares").select(["withdrawn_at_ms"]).where("id", "=", shareId).executeTakeFirstOrThrow();
    expect(share.withdrawn_at_ms).to.equal(null);
    expect((await a.agent.get("/my")).text).to.include(`data-share="${shareId}"`);
    // Signed out: every page sends back to sign-in.
    const anonymous = request(service.app);
    expect((await anonymous.get(`/my/credentials/${id}`)).headers.location).to.equal("/my/login");
    expect((await anonymous.get(`/my/credentials/${id}/download`)).headers.location).to.equal("/my/login");
    expect((await anonymous.get(`/my/credentials/${id}/vc`)).headers.location).to.equal("/my/login");
  });

  it("holds a transcript claimed by code: listed as a transcript, shown term by term, shared with its GPA section hidden (still within its kind's rules), exported as CLR", async () => {
    const batchId = await issueTranscripts(service.app, service.keys.harbour, "gpa,marks");
    const files = await downloadZip(service.app, service.keys.harbour, batchId);
    const [, ...rows] = readCsv(strFromU8(Object.entries(files).find(([name]) => name.endsWith("-claim-codes.csv"))![1]), ",");
    const transcriptCode = rows.find(([student]) => student === "HU2026001")![1]!;

    const graduate = await signInAs(service.app, "lee-siu-ming");
    expect((await claim(graduate, transcriptCode)).status).to.equal(303);
    const home = await graduate.agent.get("/my?lang=en");
    expect(home.text).to.include("Transcript · Bachelor of Science in Chemistry · Harbour University");
    const id = (await service.ctx.db.selectFrom("credentials").select("id").where("batch_id", "=", batchId).where("student_id", "=", "HU2026001").executeTakeFirstOrThrow()).id;
    const page = await graduate.agent.get(`/my/credentials/${id}`);
    expect(page.text).to.include("chip--VALID").and.to.include('<section class="term"').and.to.include('value="gpa"').and.to.include('value="marks"');
    expect(page.text).not.to.include('value="dateOfBirth"');
    expect((await graduate.agent.post(`/my/credentials/${id}/shares`).type("form").send({ _csrf: graduate.csrf, days: "7", hide: "honours" })).status).to.equal(400);

    const created = await graduate.agent.post(`/my/credentials/${id}/shares`).type("form").send({ _csrf: graduate.csrf, days: "7", hide: "gpa" });
    expect(created.status, created.text.slice(0, 300)).to.equal(201);
    const opened = await request(service.app).get(shareResourceOf(created.text).pathname);
    const shared = parseAnyCredential(await decryptShare(base64UrlToBytes(opened.body.payload), parseShareFragment(new URL(shareLinkOf(created.text)).hash.replace(/^#share=/, ""))!.key));
    checkDisclosureRules(shared);
    expect(Object.keys(shared.proof.hiddenClaims ?? {})).to.include("/credentialSubject/cumulativeGpa").and.to.include("/credentialSubject/terms/0/gpa");
    expect(shared.credentialSubject).not.to.have.property("cumulativeGpa");
    expect((await graduate.agent.get("/my?lang=en")).text).to.match(/Transcript · [^<]*<\/td>\s*<td[^>]*>GPA<\/td>/);

    const vc = await graduate.agent.get(`/my/credentials/${id}/vc`);
    expect(vc.headers["content-disposition"]).to.include("HU2026001-transcript-vc.json");
    expect(JSON.parse(vc.text).type).to.include("ClrCredential");
  });

  it("refuses a tampered state, a replayed callback and a provider answering error=access_denied (both languages), and names a provider that is down; no session results", async () => {
    const agent = request.agent(service.app);
    const start = await agent.get("/my/login/local");
    const back = await passProvider(start.headers.location!, "chan-tai-man");
    const tampered = new URL(back);
    tampered.searchParams.set("state", "x".repeat(43));
    const refused = await agent.get(`${tampered.pathname}${tampered.search}`);
    expect(refused.status).to.equal(400);
    expect(refused.text).to.include("state does not match");
    expect((await agent.get("/my")).headers.location).to.equal("/my/login");

    const again = request.agent(service.app);
    const second = await again.get("/my/login/local");
    const secondBack = await passProvider(second.headers.location!, "chan-tai-man");
    expect((await again.get(`${secondBack.pathname}${secondBack.search}`)).status).to.equal(303);
    const replayed = await again.get(`${secondBack.pathname}${secondBack.search}`);
    expect(replayed.status).to.equal(400);
    expect(replayed.text).to.include("expired or was already used");

    // The graduate cancels at the provider, which answers the callback with error=access_denied.
    const cancelled = request.agent(service.app);
    const cancelStart = await cancelled.get("/my/login/local");
    const denied = await passProvider(cancelStart.headers.location!, "chan-tai-man", { cancel: true });
    expect(denied.searchParams.get("error")).to.equal("access_denied");
    const accounts = (await service.ctx.db.selectFrom("portal_accounts").select("id").execute()).length;
    const refusedEn = await cancelled.get(`${denied.pathname}${denied.search}`);
    expect(refusedEn.status).to.equal(401);
    expect(refusedEn.text).to.include("Local test provider did not sign you in").and.to.include("Nothing was changed");
    const zhStart = await cancelled.get("/my/login/local");
    const zhDenied = await passProvider(zhStart.headers.location!, "chan-tai-man", { cancel: true });
    const refusedZh = await cancelled.get(`${zhDenied.pathname}${zhDenied.search}`).set("accept-language", "zh-Hant");
    expect(refusedZh.text).to.include("本機測試身份未有讓你登入");
    expect((await cancelled.get("/my")).headers.location).to.equal("/my/login");
    expect((await service.ctx.db.selectFrom("portal_accounts").select("id").execute()).length).to.equal(accounts);

    const down = await startService(chain, "portal-down", {
      worker: false,
      config: { portal: { providers: [{ ...portalConfig(idp).providers![0]!, issuer: "http://127.0.0.1:9/" }] } },
    });
    try {
      const answer = await request(down.app).get("/my/login/local").set("accept-language", "zh-HK");
      expect(answer.status).to.equal(503);
      expect(answer.text).to.include("暫時無法連接本機測試身份");
      expect(await down.ctx.db.selectFrom("portal_logins").selectAll().execute()).to.have.length(0);
    } finally {
      await down.stop();
    }
  });

  it("answers an unknown, an expired and a revoked credential's claim code with its own message and binds nothing", async () => {
    const graduate = await signInAs(service.app, "lee-siu-ming");
    const unknown = await claim(graduate, "AAAAA-AAAAA-AAAAA-AAAAA");
    expect(unknown.status).to.equal(400);
    expect(unknown.text).to.include("claim code is not known");

    const expiring = codes.get("PTL000003")!;
    await service.ctx.db.updateTable("claim_codes").set({ expires_at_ms: Date.now() - 1 }).where("student_id", "=", "PTL000003").execute();
    const expired = await claim(graduate, expiring);
    expect(expired.status).to.equal(410);
    expect(expired.text).to.include("has expired");

    const revokedId = await credentialIdOf("PTL000004");
    const revoke = await request(service.app)
      .post(`/api/v1/credentials/${revokedId}/revoke`)
      .set("authorization", `Bearer ${service.keys.harbour}`)
      .send({ reason: "Issued in error", reasonCode: "issued-in-error" });
    expect(revoke.status, JSON.stringify(revoke.body)).to.equal(200);
    const revoked = await claim(graduate, codes.get("PTL000004")!);
    expect(revoked.status).to.equal(409);
    expect(revoked.text).to.include("has revoked").and.to.include("Issued in error");
    const code = await service.ctx.db.selectFrom("claim_codes").select("used_at_ms").where("student_id", "=", "PTL000004").executeTakeFirstOrThrow();
    expect(code.used_at_ms).to.equal(null);
    expect(await service.ctx.db.selectFrom("portal_bindings").selectAll().where("student_id", "in", ["PTL000003", "PTL000004"]).execute()).to.have.length(0);
    const audit = await service.ctx.db.selectFrom("audit_log").select(["result"]).where("action", "=", "portal.claim").execute();
    expect(audit.map((entry) => entry.result)).to.include.members(["CLAIM_CODE_INVALID", "CLAIM_CODE_EXPIRED", "CLAIM_REVOKED"]);
  });

  it("limits claim-code guessing per account and audits every attempt", async () => {
    const graduate = await signInAs(service.app, "lee-siu-ming");
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await claim(graduate, `ZZZZZ-ZZZZZ-ZZZZZ-ZZZ${String(i).padStart(2, "0")}`)).status);
    expect(statuses).to.include(429);
    const limited = await claim(graduate, codes.get("PTL000005")!);
    expect(limited.status).to.equal(429);
    expect(limited.text).to.include("Too many claim codes");
    expect(await service.ctx.db.selectFrom("claim_codes").select("used_at_ms").where("student_id", "=", "PTL000005").executeTakeFirstOrThrow()).to.deep.equal({ used_at_ms: null });
  });

  it("ends a session at sign-out, after the idle timeout and after the absolute timeout", async () => {
    const graduate = await signInAs(service.app, "chan-tai-man");
    const out = await graduate.agent.post("/my/logout").type("form").send({ _csrf: graduate.csrf });
    expect(out.text).to.include("You are signed out");
    expect((await graduate.agent.get("/my")).headers.location).to.equal("/my/login");

    const idle = await signInAs(service.app, "chan-tai-man");
    const minutes = service.config.portal.sessionIdleMinutes;
    await service.ctx.db.updateTable("portal_sessions").set({ seen_at_ms: Date.now() - minutes * 60_000 - 1000 }).execute();
    expect((await idle.agent.get("/my")).headers.location).to.equal("/my/login");

    const old = await signInAs(service.app, "chan-tai-man");
    const hours = service.config.portal.sessionAbsoluteHours;
    await service.ctx.db.updateTable("portal_sessions").set({ created_at_ms: Date.now() - hours * 3_600_000 - 1000 }).execute();
    expect((await old.agent.get("/my")).headers.location).to.equal("/my/login");
  });

  it("matches credentials by identity-document number at sign-in (kept only as a keyed hash); a provider that withholds it binds nothing", async () => {
    const other = await issueCsv(service.app, service.keys.lionrock, graduatesCsv("LRK", 2));
    const upload = (csv: string) =>
      request(service.app).post(`/api/v1/batches/${other.id}/identities`).set("authorization", `Bearer ${service.keys.lionrock}`).set("content-type", "text/csv").send(csv);
    const bad = await upload("student_id,id_document_number\nLRK000001,A123456(3)\nPTL000001,Z9999999\n");
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.body)).to.include("row3.student_id").and.not.to.include("Z9999999");
    expect(await service.ctx.db.selectFrom("identity_hashes").selectAll().execute()).to.have.length(0);
    const good = await upload("student_id,id_document_number\r\nLRK000001, a123456(3) \r\nLRK000002,B7654321\r\n");
    expect(good.status, JSON.stringify(good.body)).to.equal(200);
    expect(good.body.recorded).to.equal(2);
    const stored = JSON.stringify(await service.ctx.db.selectFrom("identity_hashes").selectAll().execute());
    const audit = JSON.stringify(await service.ctx.db.selectFrom("audit_log").selectAll().execute());
    for (const text of [stored, audit, JSON.stringify(service.logs)]) expect(text).not.to.match(/A123456|B7654321/);
    expect((await request(service.app).post(`/api/v1/batches/${other.id}/identities`).set("authorization", `Bearer ${service.keys.harbour}`).set("content-type", "text/csv").send("x")).status).to.equal(404);

    const chan = request.agent(service.app);
    const start = await chan.get("/my/login/local");
    const back = await passProvider(start.headers.location!, "chan-tai-man");
    const done = await chan.get(`${back.pathname}${back.search}`);
    expect(done.headers.location).to.equal("/my?matched=1");
    const page = await chan.get(done.headers.location!);
    expect(page.text).to.include("Identity match: 1 credential").and.to.include("Lion Rock University").and.to.include("Test Graduate 1");
    const lrk = await credentialIdOf("LRK000001");
    expect((await chan.get(`/my/credentials/${lrk}`)).status).to.equal(200);

    const lee = request.agent(service.app);
    const leeStart = await lee.get("/my/login/local");
    const leeBack = await passProvider(leeStart.headers.location!, "lee-siu-ming");
    const leeDone = await lee.get(`${leeBack.pathname}${leeBack.search}`);
    expect(leeDone.headers.location).to.equal("/my?identity=withheld");
    expect((await lee.get(leeDone.headers.location!).set("accept-language", "zh-Hant")).text).to.include("未有提供你的身份證明文件號碼");
    expect((await lee.get(`/my/credentials/${lrk}`)).status).to.equal(404);
    const bound = await service.ctx.db.selectFrom("portal_bindings").select(["account_id", "method"]).where("student_id", "=", "LRK000001").execute();
    expect(bound).to.have.length(1);
    expect(bound[0]!.method).to.equal("identity");
  });

  it("binds what a university's own sign-on vouches for: its student id at that university only, never another university's same id; a sign-on that withholds it binds nothing", async () => {
    const studentId = UNIVERSITY_SIGN_ON.personas[0]!.studentId!;
    // The same student id at two universities: only the sign-on's own university's credential is this graduate's.
    const harbour = await issueCsv(service.app, service.keys.harbour, graduatesCsv("SSO", 2).replace("SSO000001", studentId));
    const lionrock = await issueCsv(service.app, service.keys.lionrock, graduatesCsv("SSL", 1).replace("SSL000001", studentId));
    const ours = await service.ctx.db.selectFrom("credentials").select("id").where("batch_id", "=", harbour.id).where("student_id", "=", studentId).executeTakeFirstOrThrow();
    const theirs = await service.ctx.db.selectFrom("credentials").select("id").where("batch_id", "=", lionrock.id).executeTakeFirstOrThrow();

    const student = await signInAs(service.app, "siu-yan-ting", "harbour-sso");
    expect(student.landing).to.equal("/my?student=1");
    const page = await student.agent.get(student.landing);
    expect(page.text).to.include("Harbour University sign-on confirmed your student ID: 1 credential").and.to.include(`data-credential="${ours.id}"`);
    expect(page.text).not.to.include(theirs.id);
    expect((await student.agent.get(`/my/credentials/${theirs.id}`)).status).to.equal(404);
    expect((await student.agent.get(`/my/credentials/${ours.id}`)).status).to.equal(200);
    const bound = await service.ctx.db.selectFrom("portal_bindings").select(["university_id", "method"]).where("student_id", "=", studentId).execute();
    expect(bound).to.deep.equal([{ university_id: "harbour", method: "studentId" }]);
    // Signing in again adds nothing new and says so.
    expect((await signInAs(service.app, "siu-yan-ting", "harbour-sso")).landing).to.equal("/my?student=0");
    const audit = await service.ctx.db.selectFrom("audit_log").selectAll().where("action", "=", "portal.studentIdMatch").orderBy("id").execute();
    expect(audit.map((entry) => JSON.parse(String(entry.detail)))).to.deep.equal([{ university: "harbour", bound: 1 }, { university: "harbour", bound: 0 }]);
    expect(JSON.stringify(audit)).not.to.include(studentId);

    const visitor = await signInAs(service.app, "no-student-id", "harbour-sso");
    expect(visitor.landing).to.equal("/my?student=withheld");
    const withheld = await visitor.agent.get(visitor.landing).set("accept-language", "zh-Hant");
    expect(withheld.text).to.include("海港大學單一登入未有提供你的學生編號").and.to.include("尚未有證書");
  });

  it("deactivates an account for good: its links are withdrawn, its credentials unbound, its sessions ended, and it cannot sign in again", async () => {
    const graduate = await signInAs(service.app, "chan-tai-man");
    const id = await credentialIdOf("PTL000001");
    const created = await graduate.agent.post(`/my/credentials/${id}/shares`).type("form").send({ _csrf: graduate.csrf, days: "7" });
    const resource = shareResourceOf(created.text);
    expect((await graduate.agent.post("/my/account/deactivate").type("form").send({ _csrf: graduate.csrf })).status).to.equal(400);
    expect((await request(service.app).get(resource.pathname)).status).to.equal(200);
    const done = await graduate.agent.post("/my/account/deactivate").type("form").send({ _csrf: graduate.csrf, confirm: "yes" });
    expect(done.text).to.include("Your account is deactivated");
    expect((await request(service.app).get(resource.pathname)).status).to.equal(410);
    expect((await graduate.agent.get("/my")).headers.location).to.equal("/my/login");
    const account = await service.ctx.db.selectFrom("portal_accounts").select(["id", "deactivated_at"]).where("subject", "=", "chan-tai-man").executeTakeFirstOrThrow();
    expect(account.deactivated_at).to.be.a("string");
    expect(await service.ctx.db.selectFrom("portal_bindings").selectAll().where("account_id", "=", account.id).execute()).to.have.length(0);
    expect(await service.ctx.db.selectFrom("portal_sessions").selectAll().where("account_id", "=", account.id).execute()).to.have.length(0);
    const again = request.agent(service.app);
    const start = await again.get("/my/login/local");
    const back = await passProvider(start.headers.location!, "chan-tai-man");
    const refused = await again.get(`${back.pathname}${back.search}`);
    expect(refused.status).to.equal(403);
    expect(refused.text).to.include("deactivated");
    expect((await again.get("/my")).headers.location).to.equal("/my/login");
  });
});
