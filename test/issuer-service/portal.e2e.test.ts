/**
 * The graduate portal in Chromium against the local OpenID provider (issue 17): graduate A signs in, finds the
 * degree of a second university by identity match, claims a degree with the code from the registrar's download, sees it VALID, hides GPA and shares a link that a second browser
 * opens in the verifier and sees VALID; graduate B signs in and reaches none of A's credentials or links by URL; A
 * signs out. Screenshots of every page at 1280 and 375 px in English and Traditional Chinese (test/screenshots/).
 */
import { expect } from "chai";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { strFromU8 } from "fflate";
import type { BrowserContext, Page } from "playwright-core";
import type { LocalIdentityProvider } from "../../issuer-service/idp/startLocalIdentityProvider";
import { CHROMIUM_PATH, launchChromium, type Chromium } from "../../scripts/lib/launchChromium";
import { freePort } from "../../scripts/lib/localChain";
import { buildVerifier, serveVerifier, type VerifierServer } from "../../verifier-web/serve";
import { readCsv } from "../lib/readCsv";
import { downloadZip, graduatesCsv, issueCsv, startChain, startService, type Chain, type Service } from "./harness";
import { portalConfig, startPortalProvider } from "./portalSignIn";

const SCREENSHOTS = join(__dirname, "..", "screenshots");

describe("graduate portal in Chromium (SQLite)", function () {
  this.timeout(300_000);
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
      config: { portal: portalConfig(idp, { verifierUrl }, portalUrl), shareCorsOrigins: [verifierUrl.slice(0, -1)] },
    });
    server = service.app.listen(portalPort, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));

    const batch = await issueCsv(service.app, service.keys.harbour, graduatesCsv("E2E", 3));
    const files = await downloadZip(service.app, service.keys.harbour, batch.id);
    const csv = Object.entries(files).find(([name]) => name.endsWith("-claim-codes.csv"))![1];
    code = readCsv(strFromU8(csv), ",")[1]![1]!;
    // Lion Rock records its graduate's identity-document number, the one persona chan-tai-man releases.
    const other = await issueCsv(service.app, service.keys.lionrock, graduatesCsv("E2L", 1));
    const identities = await fetch(`${portalUrl}/api/v1/batches/${other.id}/identities`, {
      method: "POST",
      headers: { authorization: `Bearer ${service.keys.lionrock}`, "content-type": "text/csv" },
      body: "student_id,id_document_number\nE2L000001,A123456(3)\n",
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

  async function signIn(context: BrowserContext, login: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${portalUrl}/my`);
    await page.waitForURL(/\/my\/login$/);
    await page.getByRole("link", { name: "Sign in with Local test provider" }).click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(/\/my(\?[^/]*)?$/);
    return page;
  }

  it("takes graduate A from sign-in to a claimed, shared credential the employer sees VALID; graduate B reaches none of it", async () => {
    const login = await graduates.context.newPage();
    await login.goto(`${portalUrl}/my/login`);
    await shootBoth(login, "login");
    await login.close();

    const a = await signIn(graduates.context, "chan-tai-man");
    await a.getByText("Identity match: 1 credential").waitFor();
    expect(await a.locator(".credential h3").allTextContents()).to.deep.equal(["Bachelor of Science · Lion Rock University"]);
    await shootBoth(a, "signed-in");
    await a.getByLabel("Claim code").fill(code.toLowerCase().replace(/-/g, " "));
    await a.getByRole("button", { name: "Add", exact: true }).click();
    await a.getByText("Added to your account").waitFor();
    expect(await a.locator(".credential .chip").allTextContents()).to.deep.equal(["Valid", "Valid"]);
    await a.getByLabel("Claim code").fill(code);
    await a.getByRole("button", { name: "Add", exact: true }).click();
    await a.getByRole("alert").getByText("already been used").waitFor();
    await a.goto(`${portalUrl}/my`);
    await shootBoth(a, "home");

    await a.locator(".credential", { hasText: "Harbour University" }).getByRole("link", { name: "View" }).click();
    const credentialUrl = a.url();
    expect(await a.locator(".chip").textContent()).to.equal("Valid");
    await shootBoth(a, "credential");
    await a.getByLabel("GPA").check();
    await a.getByLabel("The link works for").selectOption("30");
    await a.getByRole("button", { name: "Create link" }).click();
    const link = await a.locator("#share-link").inputValue();
    expect(link.startsWith(`${site.url}#share=`)).to.equal(true);
    await shoot(a, "share-created");

    const opened = await employer.context.newPage();
    await opened.goto(link);
    const verdict = await opened.waitForSelector('[data-testid="verification-status"][data-status]');
    expect(await verdict.getAttribute("data-status")).to.equal("VALID");
    expect(await opened.locator("body").textContent()).not.to.include("3.60");

    await a.goto(`${portalUrl}/my?lang=zh-Hant`);
    await a.locator("tr[data-share] td", { hasText: "有效" }).first().waitFor();
    await shoot(a, "home-shared");
    await a.goto(`${portalUrl}/my?lang=en`);
    await shoot(a, "home-shared");

    // Graduate B, in a separate browser context of its own, by every URL A's pages use.
    const bContext = await employer.context.browser()!.newContext();
    const b = await signIn(bContext, "lee-siu-ming");
    await b.getByText("No credentials yet").waitFor();
    expect(await b.locator("tr[data-share]").count()).to.equal(0);
    const denied = await b.goto(credentialUrl);
    expect(denied?.status()).to.equal(404);
    await b.getByText("There is nothing here for your account").waitFor();
    await shoot(b, "not-found");
    expect((await b.request.get(`${credentialUrl}/download`)).status()).to.equal(404);
    await bContext.close();

    await a.getByRole("button", { name: "Sign out" }).click();
    await a.getByText("You are signed out").waitFor();
    await shoot(a, "signed-out");
    await a.goto(credentialUrl);
    await a.waitForURL(/\/my\/login$/);
  });
});
