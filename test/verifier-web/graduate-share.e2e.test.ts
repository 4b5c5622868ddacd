/**
 * Encrypted share links end to end (SPEC §11): the built verifier (with shareServiceUrl) and the real issuer service
 * listening on loopback, a Hardhat node, Debian Chromium. A graduate creates a link under "My credential"; a fresh
 * browser opens it and sees VALID; the QR code decodes to the link; withdrawn and expired links say so.
 */
import { expect } from "chai";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Page } from "playwright-core";
import { runCliOrThrow } from "../../scripts/lib/runCli";
import { freePort } from "../../scripts/lib/localChain";
import { buildVerifier, serveVerifier, type VerifierServer } from "../../verifier-web/serve";
import { startChain, startService, type Chain, type Service } from "../issuer-service/harness";
import { decodeQrImage } from "../lib/decodeQrImage";
import { launchChromium, type Chromium } from "../../scripts/lib/launchChromium";

const SCREENSHOTS = join(__dirname, "..", "screenshots");
const STATUS = '[data-testid="verification-status"]';
const CSV = [
  "student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date,gpa",
  "SHR0001,Cheung Hoi Yan,張凱欣,Bachelor of Laws,法學士,Law,法律,First Class Honours,2026-06-30,3.88",
].join("\n");

describe("verifier web: encrypted share links (browser)", function () {
  this.timeout(300_000);

  let chain: Chain;
  let service: Service;
  let server: Server;
  let serviceUrl: string;
  let site: VerifierServer;
  let holderBrowser: Chromium;
  let employerBrowser: Chromium;
  let credential: string;

  async function open(page: Page, url: string): Promise<void> {
    await page.goto(url);
    await page.waitForSelector("body[data-ready]");
  }

  async function verdict(page: Page): Promise<string> {
    const status = await page.waitForSelector(`${STATUS}[data-status]`);
    return (await status.getAttribute("data-status")) ?? "";
  }

  /** Creates a link for `file` with GPA hidden, as the graduate does; returns the holder's page and the link. */
  async function createLink(days: number): Promise<{ page: Page; link: string }> {
    const page = await holderBrowser.context.newPage();
    await open(page, site.url);
    await page.click("#tab-holder");
    await page.setInputFiles("#holder-file-input", credential);
    await page.locator(".holder-file", { hasText: basename(credential) }).waitFor();
    await page.check('#holder-form input[value="/credentialSubject/gpa"]');
    await page.fill("#share-days", String(days));
    await page.click("#share-create");
    const link = await page.locator("#share-link").inputValue();
    return { page, link };
  }

  async function employerOpens(link: string): Promise<Page> {
    const page = await employerBrowser.context.newPage();
    await page.goto(link);
    await page.waitForSelector("body[data-ready]");
    return page;
  }

  before(async () => {
    chain = await startChain();
    const verifierPort = await freePort();
    const verifierOrigin = `http://127.0.0.1:${verifierPort}`;
    service = await startService(chain, "web-shares", { worker: false, config: { shareCorsOrigins: [verifierOrigin] } });
    server = service.app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

    writeFileSync(join(chain.dir, "graduates.csv"), `${CSV}\n`);
    await runCliOrThrow(["issue", "--input", join(chain.dir, "graduates.csv"), "--out", join(chain.dir, "issued"), "--dev-account", "1"], chain.env);
    const [file] = readdirSync(join(chain.dir, "issued")).filter((name) => name.endsWith(".json") && !name.startsWith("batch-"));
    credential = join(chain.dir, "issued", file as string);

    const deployment = JSON.parse(readFileSync(chain.deploymentPath, "utf8")) as { chainId: number; anchor: string; registry: string };
    const distDir = join(chain.dir, "dist");
    await buildVerifier(distDir);
    site = await serveVerifier({ port: verifierPort, distDir, config: { rpcUrl: chain.chain.url, deployment, shareServiceUrl: serviceUrl } });
    holderBrowser = await launchChromium();
    employerBrowser = await launchChromium();
  });

  after(async () => {
    await holderBrowser?.close();
    await employerBrowser?.close();
    await site?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await service?.stop();
    await chain?.stop();
  });

  it("a link created by the graduate opens VALID in another browser; the service holds only ciphertext; opens are counted", async () => {
    const { page, link } = await createLink(3);
    expect(link).to.match(new RegExp(`^${site.url.replace(/\/$/, "")}/#share=[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}$`));
    expect(await page.locator("#holder-share").innerText()).to.contain("Opened 0 times.");
    expect(await page.locator("#share-privacy").innerText()).to.contain("stores only encrypted copies");
    const rows = await service.ctx.db.selectFrom("shares").select("payload").execute();
    expect(rows).to.have.length(1);
    for (const secret of ["Cheung Hoi Yan", "張凱欣", "SHR0001", "3.88"]) expect(rows[0]?.payload?.includes(Buffer.from(secret))).to.equal(false);
    await page.screenshot({ path: join(SCREENSHOTS, "graduate-share-created.png"), fullPage: true });

    const employer = await employerOpens(link);
    expect(await verdict(employer)).to.equal("VALID");
    expect(await employer.locator(".hidden-list li").allInnerTexts()).to.deep.equal(["GPA"]);
    expect(await employer.locator("#result").innerText()).to.contain("Cheung Hoi Yan").and.not.to.contain("3.88");
    await employer.close();

    await page.click("#share-refresh");
    await page.locator("#share-opens", { hasText: "Opened 1 times." }).waitFor();
    await page.close();
  });

  it("shows a QR code that decodes to the link, downloadable as PNG and SVG", async () => {
    const { page, link } = await createLink(1);
    expect(await decodeQrImage(page, "#share-qr")).to.equal(link);

    const [png] = await Promise.all([page.waitForEvent("download"), page.click("#share-qr-png")]);
    expect(png.suggestedFilename()).to.equal("credential-share-qr.png");
    const pngPath = join(chain.dir, "qr.png");
    await png.saveAs(pngPath);
    expect(readFileSync(pngPath).subarray(1, 4).toString("latin1")).to.equal("PNG");
    const [svg] = await Promise.all([page.waitForEvent("download"), page.click("#share-qr-svg")]);
    const svgPath = join(chain.dir, "qr.svg");
    await svg.saveAs(svgPath);
    expect(readFileSync(svgPath, "utf8")).to.match(/^<svg[\s\S]*<\/svg>\s*$/);
    await page.close();
  });

  it("a withdrawn link and an expired link each say so clearly, in both languages", async () => {
    const withdrawn = await createLink(7);
    await withdrawn.page.click("#share-withdraw");
    expect(await withdrawn.page.locator("#share-withdrawn").innerText()).to.equal("Link withdrawn: it no longer opens.");
    let employer = await employerOpens(withdrawn.link);
    expect(await employer.locator("#input-message:not([hidden])").innerText()).to.equal("The graduate has withdrawn this share link.");
    await employer.click('[data-language="zh-Hant"]');
    expect(await employer.locator("#input-message").innerText()).to.equal("畢業生已撤回此分享連結。");
    await employer.click('[data-language="en"]');
    await employer.close();
    await withdrawn.page.close();

    const expired = await createLink(1);
    const id = /#share=([^.]+)\./.exec(expired.link)?.[1];
    await service.ctx.db.updateTable("shares").set({ expires_at_ms: Date.now() - 1 }).where("id", "=", id!).execute();
    await service.worker.runOnce();
    employer = await employerOpens(expired.link);
    expect(await employer.locator("#input-message:not([hidden])").innerText()).to.equal("This share link has expired. Ask the graduate for a new link.");
    await employer.close();

    await expired.page.close();

    // The right share with a wrong key: the ciphertext does not decrypt, and nothing else is shown.
    const active = await createLink(1);
    const wrongKey = active.link.replace(/\.[A-Za-z0-9_-]{43}$/, `.${"A".repeat(43)}`);
    employer = await employerOpens(wrongKey);
    expect(await employer.locator("#input-message:not([hidden])").innerText()).to.equal(
      "The share link is damaged: the credential could not be decrypted. Ask the graduate for a new link.",
    );
    expect(await employer.locator("#result").isVisible()).to.equal(false);
    await employer.close();
    await active.page.close();
  });

  it("credanchor share creates a link from the command line that the verifier opens VALID", async () => {
    const result = await runCliOrThrow(["share", credential, "--expires", "2d", "--service", serviceUrl, "--verifier", site.url, "--json"], chain.env);
    const share = JSON.parse(result.stdout) as { link: string; withdrawToken: string; expiresAt: string };
    expect(Date.parse(share.expiresAt) - Date.now()).to.be.closeTo(2 * 86_400_000, 60_000);
    expect(share.link).to.contain("#share=http");
    const employer = await employerOpens(share.link);
    expect(await verdict(employer)).to.equal("VALID");
    await employer.close();
  });
});
