/**
 * Issue 18's journey in Chromium: an admissions office creates 20 requests from an applicants CSV through the API;
 * two graduates open their links signed out, sign in through the local OpenID provider, see who asks and for what,
 * and send three answers — a degree with GPA hidden, a revoked degree, and a transcript whose claimed name is not
 * the transcript's. The office's webhook receiver gets three signed deliveries and refuses a replayed one. The inbox
 * (/inbox/, signed in with the organisation key, then by a reviewer through the staff sign-on) verifies the three in
 * the browser against the chain: VALID, revoked, VALID with the name a mismatch; its filters, CSV export and the
 * reviewer's own node follow. Withdrawal and expiry delete the
 * payloads in the database file. Screenshots of the request page, the history and the inbox at 1280 and 375 px in
 * English and Traditional Chinese (test/screenshots/).
 */
import { expect } from "chai";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { strFromU8 } from "fflate";
import type { Locator, Page } from "playwright-core";
import request from "supertest";
import { buildSpa } from "../../issuer-service/buildSpa";
import type { LocalIdentityProvider } from "../../issuer-service/idp/startLocalIdentityProvider";
import { createOrganisation } from "../../issuer-service/requests/organisations";
import { addReviewer } from "../../issuer-service/requests/reviewers";
import { DELIVERY_HEADER, SIGNATURE_HEADER } from "../../issuer-service/requests/webhooks";
import { CHROMIUM_PATH, launchChromium, type Chromium } from "../../scripts/lib/launchChromium";
import { freePort } from "../../scripts/lib/localChain";
import { readCsv } from "../lib/readCsv";
import { downloadZip, graduatesCsv, issueCsv, startChain, startService, type Chain, type Service } from "./harness";
import { inboxConfig, issueTranscripts, portalConfig, STAFF_SIGN_ON, startPortalProvider } from "./portalSignIn";
import { startWebhookReceiver, type WebhookReceiver } from "./startWebhookReceiver";

const SCREENSHOTS = join(__dirname, "..", "screenshots");

describe("institution requests and the inbox in Chromium (SQLite)", function () {
  this.timeout(300_000);
  let chain: Chain;
  let idp: LocalIdentityProvider;
  let service: Service;
  let server: Server;
  let origin: string;
  let browser: Chromium;
  let organisationKey: string;
  let receiver: WebhookReceiver;
  let secret = "";
  const codes = new Map<string, string>();

  before(async function () {
    if (!existsSync(CHROMIUM_PATH)) {
      console.warn(`Skipping the requests browser test: ${CHROMIUM_PATH} is missing (apt-get install -y chromium).`);
      this.skip();
    }
    // Built fresh, so the test exercises the inbox's source as it is now; before the app that serves it is made.
    await buildSpa("inbox");
    chain = await startChain();
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    idp = await startPortalProvider(origin);
    service = await startService(chain, "requests-e2e", {
      engine: "sqlite",
      config: { publicUrl: origin, portal: portalConfig(idp, {}, origin), inbox: inboxConfig(idp, {}, origin), webhookAllowInternal: true, webhookRetryBaseMs: 50, secretsKey: "3c".repeat(32) },
    });
    server = service.app.listen(port, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    for (const batchId of [(await issueCsv(service.app, service.keys.harbour, graduatesCsv("REQ", 2))).id, await issueTranscripts(service.app, service.keys.harbour, "gpa,marks")]) {
      const files = await downloadZip(service.app, service.keys.harbour, batchId);
      const [, ...rows] = readCsv(strFromU8(Object.entries(files).find(([name]) => name.endsWith("-claim-codes.csv"))![1]), ",");
      for (const [student, code] of rows) codes.set(student!, code!);
    }
    organisationKey = (await createOrganisation(service.ctx.db, "pacific-admissions", { en: "Pacific Institute Admissions Office", "zh-Hant": "太平洋學院招生處" }, "e2e")).key;
    await addReviewer(service.ctx.db, "pacific-admissions", { provider: STAFF_SIGN_ON, subject: "ho-wing-sze", name: "Ho Wing Sze" });
    receiver = await startWebhookReceiver(() => secret);
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (receiver ? receiver.server.close(resolve) : resolve(undefined)));
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await service?.stop();
    await idp?.close();
    await chain?.stop();
  });

  /** The page in English and Chinese at 375 px (never scrolling sideways) and 1280 px; ends in English. */
  async function screenshots(page: Page, name: string, switchTo: (language: "en" | "zh-Hant") => Promise<unknown> = (language) => page.goto(`${page.url().split("?")[0]}?lang=${language}`)): Promise<void> {
    for (const language of ["zh-Hant", "en"] as const) {
      await switchTo(language);
      for (const width of [375, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} ${language} at ${width} px`).to.be.at.most(width);
        await page.screenshot({ path: join(SCREENSHOTS, `requests-${name}-${language}-${width}.png`), fullPage: true });
      }
    }
  }

  /** A graduate opens their link signed out, signs in, claims their credentials, and comes back to the request. */
  async function openAsGraduate(link: string, login: string, students: string[]): Promise<Page> {
    const page = await (await browser.context.browser()!.newContext()).newPage();
    await page.goto(link);
    await page.getByRole("link", { name: "Sign in to see the request" }).click();
    await page.getByRole("link", { name: "Sign in with Local test provider" }).click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(link);
    for (const student of students) {
      await page.goto(`${origin}/my`);
      await page.getByLabel("Claim code").fill(codes.get(student)!);
      await page.getByRole("button", { name: "Add", exact: true }).click();
      await page.getByText("Added to your account").waitFor();
    }
    await page.goto(link);
    return page;
  }

  const credentialOf = async (student: string) => (await service.ctx.db.selectFrom("credentials").select("id").where("student_id", "=", student).executeTakeFirstOrThrow()).id;
  const payloadOf = async (id: string) => (await service.ctx.db.selectFrom("request_submissions").select("payload").where("request_id", "=", id).executeTakeFirstOrThrow()).payload;
  const until = async (done: () => boolean | Promise<boolean>) => {
    while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 50));
  };

  /** Ticks the credential (by its id), and whatever hidden claims, and sends. */
  async function send(page: Page, credentialId: string, hide: string[] = []): Promise<void> {
    await page.locator(`input[name="credential"][value="${credentialId}"]`).check();
    for (const claim of hide) await page.getByRole("checkbox", { name: claim }).check();
    await page.getByRole("button", { name: "Send to Pacific Institute Admissions Office" }).click();
    await page.getByText("You sent 1 credential(s)").waitFor();
  }

  /** The inbox row of a request. */
  const row = (inbox: Page, id: string): Locator => inbox.locator(`tr[data-request="${id}"]`);

  it("20 requests from a CSV; three answers, signed webhooks, the inbox's verdicts and claims check; withdrawal and expiry delete the payload", async () => {
    const hook = await request(service.app).put("/api/v1/requests/webhook").set("authorization", `Bearer ${organisationKey}`).send({ url: receiver.url });
    expect(hook.status, hook.text).to.equal(200);
    secret = hook.body.secret as string;

    const applicants = Array.from({ length: 20 }, (_, i) => `APP-${String(i + 1).padStart(2, "0")},Test Graduate ${i + 1},Bachelor of Science,Harbour University,2025`);
    const bulk = await request(service.app)
      .post("/api/v1/requests/bulk")
      .set({ authorization: `Bearer ${organisationKey}` })
      .send({
        message: "Please send your degree certificate or transcript for your application to the MSc in Data Science (September 2027 intake).",
        kinds: ["award", "transcript"],
        acceptsHidden: ["gpa", "dateOfBirth"],
        expiresInDays: 30,
        applicants: `Reference,Claimed name,Claimed award,Claimed university,Claimed year\n${applicants.join("\n")}\n`,
      });
    expect(bulk.status, bulk.text).to.equal(201);
    // The id from the link: the CSV's id cell is formula-safe, so an id starting with "-" arrives as "'-…".
    const links = new Map(readCsv(bulk.text, ",").slice(1).map(([reference, , link]) => [reference!, { id: link!.split("/").at(-1)!, link: link! }]));
    expect(links.size).to.equal(20);
    const [first, second, third] = ["APP-01", "APP-02", "APP-03"].map((reference) => links.get(reference)!) as [{ id: string; link: string }, { id: string; link: string }, { id: string; link: string }];

    // Chan Tai Man answers APP-01 with the degree, GPA hidden, and APP-03 with the transcript (claimed: Test Graduate 3).
    const a = await openAsGraduate(first.link, "chan-tai-man", ["REQ000001", "HU2026001"]);
    await a.getByRole("heading", { name: "Pacific Institute Admissions Office asks for your credentials" }).waitFor();
    expect(await a.locator("[data-organisation-words]").textContent()).to.include("MSc in Data Science");
    await screenshots(a, "request");
    await send(a, await credentialOf("REQ000001"), ["GPA"]);
    await screenshots(a, "request-sent");
    const sent = JSON.parse((await payloadOf(first.id))!) as { credentialSubject: Record<string, unknown> }[];
    expect(sent[0]!.credentialSubject).not.to.have.property("gpa");
    await a.goto(third.link);
    await send(a, await credentialOf("HU2026001"));

    // Lee Siu Ming's degree is revoked after it was added to the account; he sends it anyway.
    const b = await openAsGraduate(second.link, "lee-siu-ming", ["REQ000002"]);
    const revoked = await credentialOf("REQ000002");
    const revoke = await request(service.app)
      .post(`/api/v1/credentials/${revoked}/revoke`)
      .set("authorization", `Bearer ${service.keys.harbour}`)
      .send({ reason: "Issued in error", reasonCode: "issued-in-error" });
    expect(revoke.status, revoke.text).to.equal(200);
    await b.reload();
    await send(b, revoked);

    // Three signed deliveries, one per answer; a replay of one of them is refused by the receiver.
    await until(() => receiver.taken.length === 3);
    const events = receiver.taken.map(({ body }) => JSON.parse(body) as { type: string; requestId: string; applicantReference: string });
    expect(events.map((event) => [event.type, event.applicantReference])).to.have.deep.members([
      ["submission.created", "APP-01"],
      ["submission.created", "APP-03"],
      ["submission.created", "APP-02"],
    ]);
    const replayed = receiver.taken[0]!;
    const replay = await fetch(receiver.url, {
      method: "POST",
      headers: { "content-type": "application/json", [SIGNATURE_HEADER]: replayed.headers[SIGNATURE_HEADER] as string, [DELIVERY_HEADER]: replayed.headers[DELIVERY_HEADER] as string },
      body: replayed.body,
    });
    expect(replay.status, "a replayed delivery").to.equal(409);
    expect(receiver.taken).to.have.length(3);

    // The inbox's configuration: the chain as browsers reach it, and the page may connect to that node.
    const config = await request(service.app).get("/inbox/config.json");
    expect(config.body).to.deep.include({ rpcUrl: service.config.rpcUrl, providers: [{ id: STAFF_SIGN_ON, label: { en: "Pacific Institute staff sign-on", "zh-Hant": "太平洋科技學院職員登入" } }] });
    expect(config.body.deployment.anchor).to.equal(service.ctx.chain.deployment.anchor);
    expect(config.headers["content-security-policy"]).to.include(`connect-src 'self' ${new URL(service.config.rpcUrl).origin}`);

    // The inbox: signed in with the organisation key, every submission verified in this browser.
    const inbox = await (await browser.context.browser()!.newContext({ locale: "en-GB" })).newPage();
    const problems: string[] = [];
    inbox.on("pageerror", (error) => problems.push(error.message));
    await inbox.setViewportSize({ width: 1280, height: 900 });
    await inbox.goto(`${origin}/inbox/`);
    // The inbox switches language in the page, not by URL.
    const inLanguage = async (language: "en" | "zh-Hant") => inbox.getByRole("button", { name: language === "en" ? "EN" : "繁體中文" }).click();
    await inbox.getByRole("link", { name: "Sign in with Pacific Institute staff sign-on" }).waitFor();
    await screenshots(inbox, "inbox-sign-in", inLanguage);
    await inbox.getByLabel("Organisation API key").fill("co_0000000000000000_wrongwrongwrongwrongwrongwrongwrongwrongwro");
    await inbox.getByRole("button", { name: "Sign in" }).click();
    await inbox.getByText("This organisation key was not accepted.").waitFor();
    await inbox.getByLabel("Organisation API key").fill(organisationKey);
    await inbox.getByRole("button", { name: "Sign in" }).click();
    await inbox.getByText("All 3 submissions verified in this browser.").waitFor();
    expect(await inbox.locator("#who").textContent()).to.equal("Pacific Institute Admissions Office");
    expect(await inbox.locator("tbody tr").count()).to.equal(20);

    const valid = row(inbox, first.id);
    expect(await valid.locator(".submitted").getAttribute("data-status")).to.equal("VALID");
    expect(await valid.locator("[data-headline]").textContent()).to.equal("Valid — issued by Harbour University, unchanged and not revoked");
    for (const field of ["name", "award", "university", "year"]) expect(await valid.locator(`[data-claim="${field}"]`).getAttribute("data-outcome"), field).to.equal("match");

    const revokedRow = row(inbox, second.id);
    expect(await revokedRow.locator(".submitted").getAttribute("data-status")).to.equal("INVALID");
    expect(await revokedRow.locator("[data-headline]").textContent()).to.match(/^Revoked on \d+ \w+ \d{4} — issued in error$/);
    expect(await revokedRow.locator("[data-claim]").count(), "no claims compared with a revoked credential").to.equal(0);

    const transcript = row(inbox, third.id);
    expect(await transcript.locator(".submitted").getAttribute("data-status")).to.equal("VALID");
    expect(await transcript.locator("[data-claim=name]").getAttribute("data-outcome")).to.equal("mismatch");
    expect(await transcript.locator("[data-claim=university]").getAttribute("data-outcome")).to.equal("match");
    expect(await transcript.textContent()).to.include("Chan Tai Man");

    // Every submission read was the organisation's, and audited.
    const reads = await service.ctx.db.selectFrom("audit_log").select("target").where("action", "=", "request.submission.read").execute();
    expect(reads.map((read) => read.target)).to.include.members([first.id, second.id, third.id].map((id) => `request:${id}`));

    // Filters, and the CSV of what is on screen.
    await inbox.getByLabel("Status").selectOption("submitted");
    expect(await inbox.locator("tbody tr").count()).to.equal(3);
    await inbox.getByLabel("Applicant reference or claimed name").fill("test graduate 3");
    expect(await inbox.locator("tbody tr").count()).to.equal(1);
    await inbox.getByLabel("Applicant reference or claimed name").fill("");
    const download = inbox.waitForEvent("download");
    await inbox.getByRole("button", { name: "Export what is shown (CSV)" }).click();
    const [header, ...lines] = readCsv(readFileSync((await (await download).path())!, "utf8"), ",");
    expect(header![0]).to.equal("Applicant reference / 申請人參考編號");
    const byReference = new Map(lines.map((line) => [line[0], line]));
    expect([...byReference.keys()].sort()).to.deep.equal(["APP-01", "APP-02", "APP-03"]);
    expect(byReference.get("APP-01")!.slice(1, 6)).to.deep.equal(["REQ000001", "Test Graduate 1 / 測試畢業生1", "Bachelor of Science / 理學士", "2025-06-30", "VALID / 有效"]);
    expect(byReference.get("APP-02")![5]).to.match(/^INVALID: Revoked on/);
    await inbox.getByLabel("Status").selectOption("");

    // A reviewer's own node (kept in this browser) decides the verdicts: one that does not answer gives ERROR.
    await inbox.getByText("Settings").click();
    await inbox.getByLabel("Blockchain node (RPC URL)").fill("ftp://127.0.0.1/");
    await inbox.getByRole("button", { name: "Use this node" }).click();
    await inbox.getByText("Enter an https:// address (http:// only for a node on this computer).").waitFor();
    await inbox.getByLabel("Blockchain node (RPC URL)").fill(`http://127.0.0.1:${await freePort()}`);
    await inbox.getByRole("button", { name: "Use this node" }).click();
    await valid.locator('.submitted[data-status="ERROR"]').waitFor();
    expect(await valid.locator("[data-headline]").textContent()).to.equal("Could not check: blockchain unreachable");
    await inbox.getByRole("button", { name: "Use the service's node" }).click();
    await valid.locator('.submitted[data-status="VALID"]').waitFor();
    await screenshots(inbox, "inbox", inLanguage);
    expect(problems).to.deep.equal([]);

    // A reviewer signs in through the organisation's staff sign-on instead: the same inbox, under their name.
    const reviewer = await (await browser.context.browser()!.newContext({ locale: "en-GB" })).newPage();
    await reviewer.goto(`${origin}/inbox/`);
    await reviewer.getByRole("link", { name: "Sign in with Pacific Institute staff sign-on" }).click();
    await reviewer.locator('input[name="login"]').fill("ho-wing-sze");
    await reviewer.locator('input[name="password"]').fill("any password");
    await reviewer.getByRole("button", { name: "Sign-in" }).click();
    await reviewer.getByRole("button", { name: "Continue" }).click();
    await reviewer.getByText("All 3 submissions verified in this browser.").waitFor();
    expect(await reviewer.locator("#who").textContent()).to.equal("Ho Wing Sze · Pacific Institute Admissions Office");
    expect(await reviewer.evaluate(() => sessionStorage.length), "no key in the page").to.equal(0);
    await reviewer.getByRole("button", { name: "Sign out" }).click();
    await reviewer.getByRole("link", { name: "Sign in with Pacific Institute staff sign-on" }).waitFor();
    expect(await service.ctx.db.selectFrom("organisation_sessions").select("token_hash").execute()).to.have.length(0);

    // Withdrawal and expiry delete the payloads; the inbox says so.
    await a.goto(first.link);
    await a.getByRole("button", { name: "Withdraw what I sent" }).click();
    await a.getByText("You withdrew what you sent").waitFor();
    expect(await payloadOf(first.id)).to.equal(null);
    await a.goto(`${origin}/my/requests`);
    expect(await a.locator(`tr[data-request="${first.id}"]`).textContent()).to.include("Withdrawn");
    await screenshots(a, "history");
    await until(() => receiver.taken.length === 4);
    expect(JSON.parse(receiver.taken[3]!.body)).to.include({ type: "submission.withdrawn", requestId: first.id });

    await service.ctx.db.updateTable("requests").set({ expires_at_ms: Date.now() - 1 }).where("id", "=", second.id).execute();
    await until(async () => (await payloadOf(second.id)) === null);
    await b.reload();
    await b.getByText("This request closed on").waitFor();
    await screenshots(b, "request-expired");
    await inbox.getByRole("button", { name: "Refresh" }).click();
    await inbox.getByText("All 1 submissions verified in this browser.").waitFor();
    expect(await row(inbox, first.id).textContent()).to.include("The applicant withdrew the submission; it has been deleted.");
    expect(await row(inbox, second.id).textContent()).to.include("The request expired; its submission has been deleted.");
    const statuses = await request(service.app).get("/api/v1/requests?limit=100").set("authorization", `Bearer ${organisationKey}`);
    const byId = new Map((statuses.body.items as { id: string; status: string }[]).map((item) => [item.id, item.status]));
    expect([byId.get(first.id), byId.get(second.id), byId.get(third.id), byId.get(links.get("APP-04")!.id)]).to.deep.equal(["withdrawn", "expired", "submitted", "sent"]);
  });
});
