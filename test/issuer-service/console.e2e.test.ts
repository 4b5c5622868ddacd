import { expect } from "chai";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { CHROMIUM_PATH, type Chromium } from "../../scripts/lib/launchChromium";
import request from "supertest";
import { runCliOrThrow } from "../../scripts/lib/runCli";
import { checkNarrowAndShoot } from "./checkNarrowAndShoot";
import { graduatesCsv, issueCsv, waitForState, type Chain, type Service } from "./harness";
import { type ConsoleBackend, startConsoleBackend } from "./startConsoleBackend";

const WIDE = { width: 1280, height: 900 };

/** Anchoring on the test chain takes seconds; a batch is waited for this long before the test fails. */
const PUBLISH_MS = 60_000;

/** Clicks Search (which reads the list again) until `done` holds. */
async function searchUntil(page: Page, done: () => Promise<boolean>): Promise<void> {
  for (;;) {
    const read = page.waitForResponse((response) => response.url().includes("/api/v1/credentials?"));
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await read;
    await page.locator("#credentials-range").waitFor();
    if (await done()) return;
  }
}

describe("issuer service: registrar console in Chromium", function () {
  // Above the sum of the journey's own waits (two publications of up to PUBLISH_MS each, Chromium at two widths):
  // with two test shards on two cores it once ran past 180 s, while it takes 12-20 s alone.
  this.timeout(360_000);
  let started: ConsoleBackend | undefined;
  let chain: Chain;
  let service: Service;
  let backend: { url: string; key: string; keyLabel: string };
  let browser: Chromium;
  let dir: string;

  before(async function () {
    if (!existsSync(CHROMIUM_PATH)) {
      console.warn(`Skipping the console browser test: ${CHROMIUM_PATH} is missing (apt-get install -y chromium).`);
      this.skip();
    }
    started = await startConsoleBackend("console");
    ({ chain, service, browser } = started);
    backend = { url: started.url, key: service.keys.harbour, keyLabel: "test" };
    dir = mkdtempSync(join(tmpdir(), "credanchor-console-"));
  });
  after(async () => {
    await started?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("takes a registrar from a file with an error row to issued, searched, revoked and corrected credentials, at 1280 and 375 px", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(WIDE);
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(backend.url);
    expect(await page.title()).to.equal("CredAnchor registrar console");

    // Sign in: a wrong key is refused in words, the right one opens the console on the batches.
    await page.getByLabel("API key").fill("ca_0000000000000000_wrong");
    await page.keyboard.press("Enter");
    await page.getByText("This API key was not accepted.").waitFor();
    await page.getByLabel("API key").fill(backend.key);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Batches" }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).to.equal(1);

    // 1. A file with one bad date: the problem is listed once, with row, column, the value and the fix.
    await page.getByRole("link", { name: "Issue", exact: true }).click();
    const bad = join(dir, "graduates.csv");
    writeFileSync(bad, graduatesCsv("WEB", 60).replace("2025-06-30", "2025-02-30"));
    await page.locator("#file").setInputFiles(bad);
    await page.getByText("1 problem(s) in graduates.csv").waitFor();
    const cells = await page.locator(".row-problems tbody tr").first().locator("td").allTextContents();
    expect(cells.slice(0, 3)).to.deep.equal(["2", "award_date", "2025-02-30"]);
    expect(cells[3]).to.equal('award_date "2025-02-30" is not a real date written as YYYY-MM-DD.');
    expect(cells[4]).to.equal("Write the date as YYYY-MM-DD, for example 2026-06-30.");
    expect(await page.locator(".row-problems tbody tr").count()).to.equal(1);
    expect(await page.locator("#issue").count()).to.equal(0);
    await checkNarrowAndShoot(page, "row-errors-en");

    // 2. The fixed file, dropped on the drop zone: the preview shows the first rows as an employer will read them.
    const good = graduatesCsv("WEB", 60);
    const transfer = await page.evaluateHandle((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], "graduates.csv", { type: "text/csv" }));
      return data;
    }, good);
    await page.locator("#drop-zone").dispatchEvent("dragover", { dataTransfer: transfer });
    await page.locator("#drop-zone").dispatchEvent("drop", { dataTransfer: transfer });
    await page.getByText("60 graduates in graduates.csv; every row is valid.").waitFor();
    expect(await page.locator(".preview-card").count()).to.equal(5);
    expect(await page.locator(".preview-card__name").first().textContent()).to.equal("Test Graduate 1 · 測試畢業生1");
    expect(await page.locator(".preview-card").first().textContent()).to.include("30 June 2025");
    await checkNarrowAndShoot(page, "preview-en");

    // 3. Issue: the console follows the batch to published and links to its credentials.
    await page.getByRole("button", { name: "Issue 60 credentials" }).click();
    await page.getByText("60 credentials are published.").waitFor({ timeout: PUBLISH_MS });
    await page.getByRole("link", { name: "Batches", exact: true }).click();
    await page.locator("table.stack tbody tr").first().getByText("graduates", { exact: true }).waitFor();
    expect(await page.locator("table.stack tbody tr").first().locator(".chip").allTextContents()).to.deep.equal(["60 valid"]);
    await checkNarrowAndShoot(page, "batches-en");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the credentials of batch graduates" }).click()]);
    const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
    expect(Object.keys(zip).filter((name) => !name.startsWith("batch-"))).to.have.length(60);

    // The batch's credentials, 50 a page.
    await page.getByRole("link", { name: "Credentials of batch graduates" }).click();
    await page.getByText("Credentials 1–50 of 60").waitFor();
    expect(await page.locator("table.stack tbody tr").count()).to.equal(50);
    await page.getByRole("button", { name: "Next 50" }).click();
    await page.getByText("Credentials 51–60 of 60").waitFor();
    expect(await page.locator("table.stack tbody tr").count()).to.equal(10);
    await page.getByRole("button", { name: "Previous 50" }).click();
    await page.getByText("Credentials 1–50 of 60").waitFor();
    await checkNarrowAndShoot(page, "credentials-en");

    // 4. Search by student id, open the credential.
    await page.getByRole("link", { name: "Credentials", exact: true }).click();
    await page.getByLabel("Search").fill("WEB000003");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByText("Credentials 1–1 of 1").waitFor();
    await page.getByRole("link", { name: "Test Graduate 3" }).click();
    await page.getByRole("heading", { name: "Test Graduate 3" }).waitFor();
    expect(await page.locator(".facts .chip").textContent()).to.include("valid");
    const credentialId = (await page.locator(".facts code").textContent()) ?? "";
    expect(credentialId).to.match(/^urn:uuid:/);

    // 5. Revoke: the dialog says what will happen on chain; Cancel changes nothing, the confirmed revocation shows.
    await page.getByRole("button", { name: "Revoke this credential…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    expect(await dialog.textContent()).to.include(`records the revocation of ${credentialId} on chain`);
    await checkNarrowAndShoot(page, "revoke-dialog-en");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await page.locator(".facts .chip").textContent()).to.include("valid");
    await page.getByRole("button", { name: "Revoke this credential…" }).click();
    await dialog.getByRole("button", { name: "Revoke on chain" }).click();
    // The reason is required: an empty one keeps the dialog open.
    expect(await dialog.isVisible()).to.equal(true);
    await dialog.getByLabel("Reason (shown to verifiers)").fill("Issued to the wrong programme");
    await dialog.getByLabel("Reason code").selectOption("issued-in-error");
    await dialog.getByRole("button", { name: "Revoke on chain" }).click();
    await page.getByText("Reason: Issued to the wrong programme (Issued in error)").waitFor();
    expect(await page.locator(".facts .chip").textContent()).to.include("revoked");
    await checkNarrowAndShoot(page, "credential-en");

    // 6. The same file again is refused for every student who holds or held a credential; the revoked one is named.
    await page.getByRole("link", { name: "Issue", exact: true }).click();
    await page.locator("#file").setInputFiles({ name: "graduates.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
    await page.getByText("60 problem(s) in graduates.csv").waitFor();
    const revokedRow = page.locator(".row-problems tbody tr").filter({ hasText: "WEB000003" });
    expect(await revokedRow.locator("td").nth(0).textContent()).to.equal("4");
    expect(await revokedRow.locator("td").nth(3).textContent()).to.include(credentialId);
    expect(await revokedRow.locator("td").nth(4).textContent()).to.include("reissue after a revocation");
    await revokedRow.getByRole("link", { name: "Open the credential" }).waitFor();
    expect(await page.getByText("choose “corrects credentials already issued”").count()).to.equal(1);
    expect(await page.locator("#issue").count()).to.equal(0);

    // 7. A correction supersedes: one row with a corrected English name, uploaded as a correction.
    await page.getByLabel("corrects credentials already issued").check();
    const correction = graduatesCsv("WEB", 5).split("\n").filter((line, index) => index === 0 || line.startsWith("WEB000005")).join("\n").replace("Test Graduate 5", "Test Graduate Five");
    await page.locator("#file").setInputFiles({ name: "correction.csv", mimeType: "text/csv", buffer: Buffer.from(`${correction}\n`) });
    await page.getByText("1 corrections in correction.csv; every row is valid.").waitFor();
    expect(await page.locator(".preview-card__name").textContent()).to.equal("Test Graduate Five · 測試畢業生5");
    await page.getByRole("button", { name: "Issue 1 corrected credentials" }).click();
    await page.getByText("1 credentials are published.").waitFor({ timeout: PUBLISH_MS });
    await page.getByRole("link", { name: "Credentials", exact: true }).click();
    await page.getByLabel("Search").fill("WEB000005");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    // The old credential turns superseded once the replacement is confirmed and its revocation recorded on chain;
    // Search again reads the list again until it has.
    await searchUntil(page, async () => (await page.locator("tbody .chip").allTextContents()).sort().join() === "superseded,valid");
    await page.getByRole("link", { name: "Test Graduate 5", exact: true }).click();
    await page.getByText("Replaced by").waitFor();
    expect(await page.locator(".facts .chip").textContent()).to.include("superseded");
    await checkNarrowAndShoot(page, "superseded-en");
    const supersededPage = await page.evaluate(() => location.hash);

    // Reissue with a correction: the dialog lists the change and what happens on chain; cancelled, nothing is sent.
    await page.getByRole("link", { name: "Credentials", exact: true }).click();
    await page.getByLabel("Search").fill("WEB000004");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByRole("link", { name: "Test Graduate 4", exact: true }).click();
    await page.getByText("Reissue or correct…").click();
    await page.getByLabel("Name (English)").fill("Test Graduate Four");
    await page.getByRole("button", { name: "Reissue…" }).click();
    const reissue = await dialog.textContent();
    expect(reissue).to.include("Name (English): “Test Graduate 4” becomes “Test Graduate Four”");
    expect(reissue).to.include("revoked on chain as superseded");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await page.locator(".facts .chip").textContent()).to.include("valid");

    // Admin views: the audit log shows the revocation; a new auditor key is shown once.
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.locator("table.stack tbody tr").filter({ hasText: "credential.revoke" }).waitFor();
    await checkNarrowAndShoot(page, "audit-en");
    await page.getByRole("link", { name: "API keys" }).click();
    await page.getByLabel("Label").fill("Audit team");
    await page.getByLabel("auditor (read only)").check();
    await page.getByRole("button", { name: "Create key" }).click();
    const auditorKey = (await page.locator(".secret").textContent()) ?? "";
    expect(auditorKey).to.match(/^ca_/);
    await page.locator("table.stack tbody tr").filter({ hasText: "Audit team" }).waitFor();
    expect(await page.locator("table.stack tbody tr").filter({ hasText: backend.keyLabel }).textContent()).to.include("the key you are signed in with");
    await checkNarrowAndShoot(page, "keys-en");

    // 8. The same views in Traditional Chinese, one date format per language.
    await page.evaluate((hash) => (location.hash = hash), supersededPage);
    await page.getByText("Replaced by").waitFor();
    await page.getByRole("button", { name: "繁體中文" }).click();
    expect(await page.title()).to.equal("CredAnchor 註冊處控制台");
    expect(await page.locator("html").getAttribute("lang")).to.equal("zh-Hant");
    expect(await page.locator(".history time").first().textContent()).to.match(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} UTC$/);
    await checkNarrowAndShoot(page, "superseded-zh-Hant");
    await page.getByRole("link", { name: "批次", exact: true }).click();
    await page.getByRole("heading", { name: "批次" }).waitFor();
    const graduatesRow = page.locator("table.stack tbody tr").filter({ has: page.getByText("graduates", { exact: true }) });
    // The view shows the list it had (from the first visit, all valid) until the fresh page of batches arrives.
    await graduatesRow.locator(".chip", { hasText: "已被取代 1" }).waitFor();
    expect(await graduatesRow.locator(".chip").allTextContents()).to.deep.equal(["有效 58", "已撤銷 1", "已被取代 1"]);
    await checkNarrowAndShoot(page, "batches-zh-Hant");
    await page.getByRole("link", { name: "簽發", exact: true }).click();
    await page.locator("#file").setInputFiles(bad);
    await page.locator(".row-problems").waitFor();
    expect(await page.locator(".row-problems tbody td").nth(4).textContent()).to.equal("請以 YYYY-MM-DD 格式填寫日期，例如 2026-06-30。");
    await checkNarrowAndShoot(page, "row-errors-zh-Hant");
    await page.getByRole("link", { name: "證書", exact: true }).click();
    await page.locator("table.stack tbody tr").first().waitFor();
    await checkNarrowAndShoot(page, "credentials-zh-Hant");

    // After a reload the key from sessionStorage signs in again; Tab reaches the skip link, the language switch,
    // sign-out and the sections in document order.
    await page.reload();
    await page.locator("#views").waitFor({ state: "visible" });
    const focused: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      focused.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute("href") || ""));
    }
    expect(focused).to.deep.equal(["skip", "lang-en", "lang-zh-Hant", "sign-out", "#/upload", "#/batches"]);

    // An auditor's key sees no action it cannot take: no upload, no key management, no revoke button.
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API key").fill(auditorKey);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Batches" }).waitFor();
    expect(await page.locator("#nav a:visible").allTextContents()).to.deep.equal(["Batches", "Credentials", "Audit log"]);
    expect(await page.getByRole("button", { name: "Revoke batch" }).count()).to.equal(0);
    await page.evaluate((id) => (location.hash = `#/credential/${encodeURIComponent(id)}`), credentialId);
    await page.getByText("History").waitFor();
    expect(await page.locator(".actions").count()).to.equal(0);
    // Expected failures only: the 401 of the wrong key and the 422s of the refused files. Anything else (a CSP
    // violation, a missing asset, a script error) fails the test.
    expect(
      problems.filter((text) => !/status of (401|422)/.test(text)),
      problems.join("\n"),
    ).to.deep.equal([]);
  });

  it("shows a credential the consortium council revoked on chain as revoked by the council, in both languages, at 1280 and 375 px", async () => {
    const batch = await issueCsv(service.app, backend.key, graduatesCsv("CNL", 2));
    const auth = { authorization: `Bearer ${backend.key}` };
    const [held] = (await request(service.app).get(`/api/v1/credentials?batch=${batch.id}`).set(auth).expect(200)).body.items as { id: string }[];
    const file = join(dir, "council-target.json");
    writeFileSync(file, JSON.stringify((await request(service.app).get(`/api/v1/credentials/${held!.id}`).set(auth).expect(200)).body.credential));
    await runCliOrThrow(["governance", "propose", "revoke-credential", file, "--reason", "Degree rescinded by the council"], chain.env);
    await waitForState(async () => (await request(service.app).get(`/api/v1/credentials/${held!.id}`).set(auth)).body, ["revoked"]);

    const page = await browser.context.newPage();
    await page.setViewportSize(WIDE);
    await page.goto(backend.url);
    await page.getByLabel("API key").fill(backend.key);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Batches" }).waitFor();
    await page.evaluate((id) => (location.hash = `#/credential/${encodeURIComponent(id)}`), held!.id);
    await page.getByText("By the consortium council, on the blockchain").waitFor();
    expect(await page.locator("main").innerText()).to.contain("Degree rescinded by the council");
    await checkNarrowAndShoot(page, "council-revoked-en");
    await page.locator("#lang-zh-Hant").click();
    await page.getByText("由聯盟理事會於區塊鏈上執行").waitFor();
    await checkNarrowAndShoot(page, "council-revoked-zh-Hant");
    await page.locator("#lang-en").click();
    await page.close();
  });
});
