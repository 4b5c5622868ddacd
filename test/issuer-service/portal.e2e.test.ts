/**
 * The graduate portal in Chromium against the local OpenID providers (issue 17): graduate A cancels at the provider
 * (error=access_denied: nothing changes), signs in, finds the transcript of a second university by identity match,
 * claims a degree with the code from the registrar's download, hides the transcript's GPA and shares it, a second
 * browser opens the link in the verifier and sees VALID; A prints the degree, reads the access history; graduate B
 * reaches none of A's credentials or links by any URL or API; a Harbour student signs in through Harbour's own
 * sign-on and finds their degree by student id, then deactivates; A's session ends after the configured idle time,
 * and A signs out. Screenshots of every page at 1280 and 375 px in English and Traditional Chinese
 * (test/screenshots/portal-*).
 */
import { expect } from "chai";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { strFromU8 } from "fflate";
import type { BrowserContext, Page } from "playwright-core";
import { UNIVERSITY_SIGN_ON } from "../../issuer-service/idp/PERSONAS";
import type { LocalIdentityProvider } from "../../issuer-service/idp/startLocalIdentityProvider";
import { CHROMIUM_PATH, launchChromium, type Chromium } from "../../scripts/lib/launchChromium";
import { freePort } from "../../scripts/lib/localChain";
import { buildVerifier, serveVerifier, type VerifierServer } from "../../verifier-web/serve";
import { readCsv } from "../lib/readCsv";
import { downloadZip, graduatesCsv, issueCsv, startChain, startService, type Chain, type Service } from "./harness";
import { issueTranscripts, portalConfig, startPortalProvider } from "./portalSignIn";

const SCREENSHOTS = join(__dirname, "..", "screenshots");
const IDLE_MINUTES = 20;

describe("graduate portal in Chromium (SQLite)", function () {
  this.timeout(400_000);
  let chain: Chain;
  let idp: LocalIdentityProvider;
  let service: Service;
  let server: Server;
  let portalUrl: string;
  let site: VerifierServer;
  let graduates: Chromium;
  let employer: Chromium;
  let code: string;

  before(async function () {
    if (!existsSync(CHROMIUM_PATH)) {
      console.warn(`Skipping the portal browser test: ${CHROMIUM_PATH} is missing (apt-get install -y chromium).`);
      this.skip();
    }
    chain = await startChain();
    const [portalPort, verifierPort] = [await freePort(), await freePort()];
    portalUrl = `http://127.0.0.1:${portalPort}`;
    const verifierUrl = `http://127.0.0.1:${verifierPort}/`;
    idp = await startPortalProvider(portalUrl);
    service = await startService(chain, "portal-e2e", {
      engine: "sqlite",
      config: { portal: portalConfig(idp, { verifierUrl, sessionIdleMinutes: IDLE_MINUTES }, portalUrl), shareCorsOrigins: [verifierUrl.slice(0, -1)] },
    });
    server = service.app.listen(portalPort, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));

    // Harbour's degrees: the first is claimed by code; the third is the Harbour sign-on persona's (by student id).
    const studentId = UNIVERSITY_SIGN_ON.personas[0]!.studentId!;
    const batch = await issueCsv(service.app, service.keys.harbour, graduatesCsv("E2E", 3).replace("E2E000003", studentId));
    const files = await downloadZip(service.app, service.keys.harbour, batch.id);
    const csv = Object.entries(files).find(([name]) => name.endsWith("-claim-codes.csv"))![1];
    code = readCsv(strFromU8(csv), ",")[1]![1]!;
    // Lion Rock's transcripts, with its graduate's identity-document number: the one persona chan-tai-man releases.
    const transcripts = await issueTranscripts(service.app, service.keys.lionrock, "dateOfBirth,gpa,marks");
    const identities = await fetch(`${portalUrl}/api/v1/batches/${transcripts}/identities`, {
      method: "POST",
      headers: { authorization: `Bearer ${service.keys.lionrock}`, "content-type": "text/csv" },
      body: "student_id,id_document_number\nHU2026001,A123456(3)\n",
    });
    expect(identities.status).to.equal(200);

    const deployment = JSON.parse(readFileSync(chain.deploymentPath, "utf8")) as { chainId: number; anchor: string; registry: string };
    const distDir = join(chain.dir, "dist");
    await buildVerifier(distDir);
    site = await serveVerifier({ port: verifierPort, distDir, config: { rpcUrl: chain.chain.url, deployment, shareServiceUrl: `${portalUrl}/` } });
    graduates = await launchChromium();
    employer = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await graduates?.close();
    await employer?.close();
    await site?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await service?.stop();
    await idp?.close();
    await chain?.stop();
  });

  /** The page at 375 px (never scrolling sideways) and 1280 px, in the language it is shown in. */
  async function shoot(page: Page, name: string): Promise<void> {
    const language = await page.evaluate(() => document.documentElement.lang);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} (${language}) at 375 px`).to.be.at.most(375);
    await page.screenshot({ path: join(SCREENSHOTS, `portal-${name}-${language}-375.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(SCREENSHOTS, `portal-${name}-${language}-1280.png`), fullPage: true });
  }

  /** Both languages of a page that can be asked for again (a GET), ending in English. */
  async function shootBoth(page: Page, name: string): Promise<void> {
    await shoot(page, name);
    await page.getByRole("link", { name: "繁體中文" }).click();
    await shoot(page, name);
    await page.getByRole("link", { name: "English" }).click();
  }

  /**
   * Signs `login` in through `provider` as a graduate would: the provider's sign-in page (any password) and consent,
   * each only when the provider asks (a browser it already knows goes straight back), until the account's page.
   */
  async function signIn(context: BrowserContext, login: string, provider = "Local test provider"): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${portalUrl}/my/login?lang=en`);
    await page.getByRole("link", { name: `Sign in with ${provider}` }).click();
    const home = new RegExp(`^${portalUrl}/my(\\?[^/]*)?$`);
    const loginField = page.locator('input[name="login"]');
    const consent = page.getByRole("button", { name: "Continue" });
    while (!home.test(page.url())) {
      await loginField.or(consent).or(page.locator("#main")).first().waitFor();
      if (await loginField.isVisible()) {
        await loginField.fill(login);
        await page.locator('input[name="password"]').fill("any password");
        await page.getByRole("button", { name: "Sign-in" }).click();
        await loginField.waitFor({ state: "detached" });
      } else if (await consent.isVisible()) {
        await consent.click();
        await consent.waitFor({ state: "detached" });
      }
      await page.waitForLoadState();
    }
    return page;
  }

  const accountOf = async (subject: string) => (await service.ctx.db.selectFrom("portal_accounts").select("id").where("subject", "=", subject).executeTakeFirstOrThrow()).id;

  it("takes graduate A from a cancelled sign-in to a degree claimed by code and a transcript found by identity match, shared with GPA hidden and seen VALID by an employer", async () => {
    const login = await graduates.context.newPage();
    await login.goto(`${portalUrl}/my/login`);
    await shootBoth(login, "login");
    // Cancelling at the provider: it answers error=access_denied; the portal says so in the reader's language, signs nobody in.
    for (const [language, text] of [["en", "Local test provider did not sign you in"], ["zh-Hant", "本機測試身份未有讓你登入"]] as const) {
      await login.goto(`${portalUrl}/my/login?lang=${language}`);
      await login.getByRole("link", { name: language === "en" ? "Sign in with Local test provider" : "以本機測試身份登入" }).click();
      await login.getByRole("link", { name: "[ Cancel ]" }).click();
      await login.getByRole("alert").getByText(text).waitFor();
      await shoot(login, "provider-refused");
    }
    await login.goto(`${portalUrl}/my?lang=en`);
    await login.waitForURL(/\/my\/login$/);
    expect(await service.ctx.db.selectFrom("portal_accounts").selectAll().execute()).to.have.length(0);
    await login.close();

    const a = await signIn(graduates.context, "chan-tai-man");
    await a.getByText("Identity match: 1 credential").waitFor();
    expect(await a.locator(".credential h3").allTextContents()).to.deep.equal(["Transcript · Bachelor of Science in Chemistry · Lion Rock University"]);
    await shootBoth(a, "signed-in");
    await a.getByLabel("Claim code").fill(code.toLowerCase().replace(/-/g, " "));
    await a.getByRole("button", { name: "Add", exact: true }).click();
    await a.getByText("Added to your account").waitFor();
    expect(await a.locator(".credential .chip").allTextContents()).to.deep.equal(["Valid", "Valid"]);
    await a.getByLabel("Claim code").fill(code);
    await a.getByRole("button", { name: "Add", exact: true }).click();
    await a.getByRole("alert").getByText("already been used").waitFor();
    await shoot(a, "claim-refused");
    await a.goto(`${portalUrl}/my`);
    await shootBoth(a, "home");

    await a.locator(".credential", { hasText: "Lion Rock University" }).getByRole("link", { name: "View" }).click();
    expect(await a.locator(".chip").textContent()).to.equal("Valid");
    expect(await a.locator("section.term").count()).to.be.greaterThan(1);
    await shootBoth(a, "transcript");
    await a.getByLabel("GPA").check();
    await a.getByLabel("The link works for").selectOption("30");
    await a.getByRole("button", { name: "Create link", exact: true }).click();
    const link = await a.locator("#share-link").inputValue();
    expect(link.startsWith(`${site.url}#share=`)).to.equal(true);
    await shoot(a, "share-created");

    const opened = await employer.context.newPage();
    await opened.goto(link);
    const verdict = await opened.waitForSelector('[data-testid="verification-status"][data-status]');
    expect(await verdict.getAttribute("data-status")).to.equal("VALID");
    expect(await opened.locator("body").textContent()).not.to.include("3.42");

    // The degree, printed with the QR code of a new link (GPA hidden), in each language.
    for (const language of ["en", "zh-Hant"] as const) {
      await a.goto(`${portalUrl}/my?lang=${language}`);
      await a.locator(".credential", { hasText: language === "en" ? "Harbour University" : "海港大學" }).locator("a.button").click();
      await a.locator('input[name="hide"][value="gpa"]').check();
      await a.locator('button[name="then"][value="print"]').click();
      await a.locator(".print-sheet").waitFor();
      expect(await a.locator(".print-sheet").textContent()).not.to.include("3.60");
      await shoot(a, "print");
    }
    await a.goto(`${portalUrl}/my?lang=en`);
    await a.locator(".credential", { hasText: "Harbour University" }).getByRole("link", { name: "View" }).click();
    await shootBoth(a, "credential");

    await a.goto(`${portalUrl}/my/history`);
    expect(await a.locator('tr[data-result="opened"]').count()).to.be.greaterThan(0);
    await shootBoth(a, "history");
  });

  it("lets graduate B reach none of A's credentials or links by any URL or form, and a Harbour student find their degree through Harbour's own sign-on", async () => {
    const aAccount = await accountOf("chan-tai-man");
    const aCredential = (await service.ctx.db.selectFrom("portal_bindings").innerJoin("holdings", (join) => join.onRef("holdings.university_id", "=", "portal_bindings.university_id").onRef("holdings.student_id", "=", "portal_bindings.student_id").onRef("holdings.kind", "=", "portal_bindings.kind")).select("holdings.credential_id").where("portal_bindings.account_id", "=", aAccount).execute()).map((row) => row.credential_id!);
    const aShare = (await service.ctx.db.selectFrom("portal_shares").select("share_id").where("account_id", "=", aAccount).executeTakeFirstOrThrow()).share_id;
    expect(aCredential).to.have.length(2);

    const bContext = await employer.context.browser()!.newContext();
    const b = await signIn(bContext, "lee-siu-ming");
    await b.getByText("No credentials yet").waitFor();
    expect(await b.locator("tr[data-share]").count()).to.equal(0);
    const csrf = await b.locator('input[name="_csrf"]').first().inputValue();
    for (const id of aCredential) {
      const url = `${portalUrl}/my/credentials/${encodeURIComponent(id)}`;
      expect((await b.goto(url))?.status()).to.equal(404);
      await b.getByText("There is nothing here for your account").waitFor();
      expect((await b.request.get(`${url}/download`)).status()).to.equal(404);
      expect((await b.request.get(`${url}/vc`)).status()).to.equal(404);
      expect((await b.request.post(`${url}/shares`, { form: { _csrf: csrf, days: "7", then: "print" } })).status()).to.equal(404);
    }
    await shoot(b, "not-found");
    expect((await b.request.post(`${portalUrl}/my/shares/${aShare}/withdraw`, { form: { _csrf: csrf } })).status()).to.equal(404);
    await b.goto(`${portalUrl}/my/history`);
    expect(await b.locator("tr[data-open]").count()).to.equal(0);
    expect(await service.ctx.db.selectFrom("shares").select("withdrawn_at_ms").where("id", "=", aShare).executeTakeFirstOrThrow()).to.deep.equal({ withdrawn_at_ms: null });
    // B leaves, in Chinese: deactivating B's account touches nothing of A's.
    await b.goto(`${portalUrl}/my?lang=zh-Hant`);
    await b.getByLabel("我明白此操作無法還原").check();
    await b.getByRole("button", { name: "停用帳戶" }).click();
    await b.getByText("你的帳戶已停用").waitFor();
    await shoot(b, "deactivated");
    expect(await service.ctx.db.selectFrom("portal_bindings").selectAll().where("account_id", "=", aAccount).execute()).to.have.length(2);
    await bContext.close();

    const cContext = await employer.context.browser()!.newContext();
    const c = await signIn(cContext, "siu-yan-ting", UNIVERSITY_SIGN_ON.label.en);
    await c.getByText("Harbour University sign-on confirmed your student ID: 1 credential").waitFor();
    expect(await c.locator(".credential h3").allTextContents()).to.deep.equal(["Bachelor of Science · Harbour University"]);
    await shootBoth(c, "student-matched");
    await c.getByLabel("I understand that this cannot be undone").check();
    await c.getByRole("button", { name: "Deactivate account" }).click();
    await c.getByText("Your account is deactivated").waitFor();
    await shoot(c, "deactivated");
    await cContext.close();
  });

  it("ends A's session once it has been idle for the configured time, and signs A out", async () => {
    const a = await graduates.context.newPage();
    await a.goto(`${portalUrl}/my`);
    await a.getByRole("heading", { name: "Your credentials" }).waitFor();
    // The session's last use is moved back past PORTAL_SESSION_IDLE_MINUTES rather than waiting that long.
    const account = await accountOf("chan-tai-man");
    await service.ctx.db.updateTable("portal_sessions").set({ seen_at_ms: Date.now() - IDLE_MINUTES * 60_000 - 1000 }).where("account_id", "=", account).execute();
    await a.reload();
    await a.waitForURL(/\/my\/login$/);
    expect(await service.ctx.db.selectFrom("portal_sessions").selectAll().where("account_id", "=", account).execute()).to.have.length(0);

    for (const [language, signOut, signedOut] of [["en", "Sign out", "You are signed out"], ["zh-Hant", "登出", "你已登出"]] as const) {
      const again = await signIn(graduates.context, "chan-tai-man");
      const credentialUrl = new URL((await again.locator(".credential a.button").first().getAttribute("href"))!, portalUrl).href;
      await again.goto(`${portalUrl}/my?lang=${language}`);
      await again.getByRole("button", { name: signOut }).click();
      await again.getByText(signedOut).waitFor();
      await shoot(again, "signed-out");
      await again.goto(credentialUrl);
      await again.waitForURL(/\/my\/login$/);
    }
  });
});
