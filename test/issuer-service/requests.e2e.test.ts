/**
 * Institution requests in Chromium (issue 18, as far as requests and submissions go): an admissions office creates 20
 * requests from an applicants CSV through the API; two graduates open their links signed out, sign in through the
 * local OpenID provider, see who asks and for what, and send — one hiding GPA; one withdraws and the payload is gone
 * from the database file; the other's request expires and the sweep deletes it too. Screenshots of the request page
 * and the history at 1280 and 375 px in English and Traditional Chinese (test/screenshots/).
 */
import { expect } from "chai";
import { existsSync, mkdirSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { strFromU8 } from "fflate";
import type { Page } from "playwright-core";
import request from "supertest";
import type { LocalIdentityProvider } from "../../issuer-service/idp/startLocalIdentityProvider";
import { createOrganisation } from "../../issuer-service/requests/organisations";
import { CHROMIUM_PATH, launchChromium, type Chromium } from "../../scripts/lib/launchChromium";
import { freePort } from "../../scripts/lib/localChain";
import { readCsv } from "../lib/readCsv";
import { downloadZip, graduatesCsv, issueCsv, startChain, startService, type Chain, type Service } from "./harness";
import { portalConfig, startPortalProvider } from "./portalSignIn";

const SCREENSHOTS = join(__dirname, "..", "screenshots");

describe("institution requests in Chromium (SQLite)", function () {
  this.timeout(300_000);
  let chain: Chain;
  let idp: LocalIdentityProvider;
  let service: Service;
  let server: Server;
  let origin: string;
  let browser: Chromium;
  let organisationKey: string;
  const codes = new Map<string, string>();

  before(async function () {
    if (!existsSync(CHROMIUM_PATH)) {
      console.warn(`Skipping the requests browser test: ${CHROMIUM_PATH} is missing (apt-get install -y chromium).`);
      this.skip();
    }
    chain = await startChain();
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    idp = await startPortalProvider(origin);
    service = await startService(chain, "requests-e2e", { engine: "sqlite", config: { publicUrl: origin, portal: portalConfig(idp, {}, origin) } });
    server = service.app.listen(port, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const batch = await issueCsv(service.app, service.keys.harbour, graduatesCsv("REQ", 2));
    const files = await downloadZip(service.app, service.keys.harbour, batch.id);
    const [, ...rows] = readCsv(strFromU8(Object.entries(files).find(([name]) => name.endsWith("-claim-codes.csv"))![1]), ",");
    for (const [student, code] of rows) codes.set(student!, code!);
    organisationKey = (await createOrganisation(service.ctx.db, "pacific-admissions", { en: "Pacific Institute Admissions Office", "zh-Hant": "太平洋學院招生處" }, "e2e")).key;
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await service?.stop();
    await idp?.close();
    await chain?.stop();
  });

  /** The page in English and Chinese at 375 px (never scrolling sideways) and 1280 px; ends in English. */
  async function screenshots(page: Page, name: string): Promise<void> {
    for (const language of ["zh-Hant", "en"] as const) {
      await page.goto(`${page.url().split("?")[0]}?lang=${language}`);
      for (const width of [375, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} ${language} at ${width} px`).to.be.at.most(width);
        await page.screenshot({ path: join(SCREENSHOTS, `requests-${name}-${language}-${width}.png`), fullPage: true });
      }
    }
  }

  /** A graduate opens their link signed out, signs in, claims their degree, and comes back to the request. */
  async function openAsGraduate(link: string, login: string, student: string): Promise<Page> {
    const page = await (await browser.context.browser()!.newContext()).newPage();
    await page.goto(link);
    await page.getByRole("link", { name: "Sign in to see the request" }).click();
    await page.getByRole("link", { name: "Sign in with Local test provider" }).click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(link);
    await page.goto(`${origin}/my`);
    await page.getByLabel("Claim code").fill(codes.get(student)!);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByText("Added to your account").waitFor();
    await page.goto(link);
    return page;
  }

  const payloadOf = async (id: string) => (await service.ctx.db.selectFrom("request_submissions").select("payload").where("request_id", "=", id).executeTakeFirstOrThrow()).payload;

  it("20 requests from a CSV; two graduates answer theirs, one hiding GPA; withdrawal and expiry delete the payload", async () => {
    const applicants = Array.from({ length: 20 }, (_, i) => `APP-${String(i + 1).padStart(2, "0")},Test Graduate ${i + 1},Bachelor of Science,Harbour University,2025`);
    const bulk = await request(service.app)
      .post("/api/v1/requests/bulk")
      .set({ authorization: `Bearer ${organisationKey}` })
      .send({
        message: "Please send your degree certificate for your application to the MSc in Data Science (September 2027 intake).",
        kinds: ["award"],
        acceptsHidden: ["gpa", "dateOfBirth"],
        expiresInDays: 30,
        applicants: `Reference,Claimed name,Claimed award,Claimed university,Claimed year\n${applicants.join("\n")}\n`,
      });
    expect(bulk.status, bulk.text).to.equal(201);
    const links = new Map(readCsv(bulk.text, ",").slice(1).map(([reference, id, link]) => [reference!, { id: id!, link: link! }]));
    expect(links.size).to.equal(20);

    const first = links.get("APP-01")!;
    const a = await openAsGraduate(first.link, "chan-tai-man", "REQ000001");
    await a.getByRole("heading", { name: "Pacific Institute Admissions Office asks for your credentials" }).waitFor();
    expect(await a.locator("[data-organisation-words]").textContent()).to.include("MSc in Data Science");
    await screenshots(a, "request");
    await a.getByRole("checkbox", { name: /Bachelor of Science · Harbour University/ }).check();
    await a.getByRole("checkbox", { name: "GPA" }).check();
    await a.getByRole("button", { name: "Send to Pacific Institute Admissions Office" }).click();
    await a.getByText("You sent 1 credential(s)").waitFor();
    await screenshots(a, "request-sent");
    const sent = JSON.parse((await payloadOf(first.id))!) as { credentialSubject: Record<string, unknown> }[];
    expect(sent[0]!.credentialSubject).not.to.have.property("gpa");

    const second = links.get("APP-02")!;
    const b = await openAsGraduate(second.link, "lee-siu-ming", "REQ000002");
    await b.getByRole("checkbox", { name: /Bachelor of Science · Harbour University/ }).check();
    await b.getByRole("button", { name: "Send to Pacific Institute Admissions Office" }).click();
    await b.getByText("You sent 1 credential(s)").waitFor();
    expect(JSON.parse((await payloadOf(second.id))!)[0].credentialSubject).to.have.property("gpa");

    await a.getByRole("button", { name: "Withdraw what I sent" }).click();
    await a.getByText("You withdrew what you sent").waitFor();
    expect(await payloadOf(first.id)).to.equal(null);
    await a.goto(`${origin}/my/requests`);
    expect(await a.locator(`tr[data-request="${first.id}"]`).textContent()).to.include("Withdrawn");
    await screenshots(a, "history");

    await service.ctx.db.updateTable("requests").set({ expires_at_ms: Date.now() - 1 }).where("id", "=", second.id).execute();
    for (let payload = await payloadOf(second.id); payload !== null; payload = await payloadOf(second.id)) await new Promise((resolve) => setTimeout(resolve, 50));
    await b.reload();
    await b.getByText("This request closed on").waitFor();
    await screenshots(b, "request-expired");
    const statuses = await request(service.app).get("/api/v1/requests?limit=100").set("authorization", `Bearer ${organisationKey}`);
    const byId = new Map((statuses.body.items as { id: string; status: string }[]).map((item) => [item.id, item.status]));
    expect([byId.get(first.id), byId.get(second.id), byId.get(links.get("APP-03")!.id)]).to.deep.equal(["withdrawn", "expired", "sent"]);
  });
});
