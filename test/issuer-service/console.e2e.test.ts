import { expect } from "chai";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { buildConsole } from "../../issuer-service/console/buildConsole";
import { buildApp } from "../../issuer-service/app";
import { CHROMIUM_PATH, launchChromium, type Chromium } from "../../scripts/lib/launchChromium";
import { describeEachEngine, graduatesCsv, startChain, startService, type Chain, type Service } from "./harness";

const SCREENSHOTS = join(__dirname, "..", "screenshots");

describeEachEngine("issuer service: registrar console in Chromium", function () {
  this.timeout(180_000);
  let chain: Chain;
  let service: Service;
  let server: Server;
  let browser: Chromium;
  let url: string;

  before(async function () {
    if (!existsSync(CHROMIUM_PATH)) {
      console.warn(`Skipping the console browser test: ${CHROMIUM_PATH} is missing (apt-get install -y chromium).`);
      this.skip();
    }
    // Built fresh so the test exercises the console source as it is now, not an older dist/.
    await buildConsole();
    chain = await startChain();
    service = await startService(chain, "console");
    server = buildApp(service.config, service.ctx).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await service?.stop();
    await chain?.stop();
  });

  it("signs in, checks a CSV in the browser, follows the batch to published, downloads the ZIP, revokes and reissues", async () => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(url);
    await expect(await page.title()).to.equal("CredAnchor registrar console");

    await page.getByLabel("API key").fill("ca_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    await page.keyboard.press("Enter");
    await page.getByText("This API key was not accepted.").waitFor();

    await page.getByLabel("API key").fill(service.keys.harbour);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#workspace").waitFor({ state: "visible" });
    expect(await page.evaluate(() => sessionStorage.length)).to.equal(1);

    const dir = join(chain.dir, "console-files");
    mkdirSync(dir, { recursive: true });
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, graduatesCsv("BAD", 3).replace("2025-06-30", "2025-02-30"));
    await page.locator("#file").setInputFiles(bad);
    await page.getByText("1 problem(s) in bad.csv", { exact: false }).waitFor();
    expect(await page.locator("#row-errors li").first().textContent()).to.match(/^Row 2, award_date/);
    expect(await page.locator("#submit").isHidden()).to.equal(true);

    // The good file arrives by drag and drop onto the drop zone, as a registrar would do it.
    const csv = graduatesCsv("WEB", 12);
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "graduates.csv", { type: "text/csv" }));
      return transfer;
    }, csv);
    await page.locator("#drop-zone").dispatchEvent("dragover", { dataTransfer });
    await page.locator("#drop-zone").dispatchEvent("drop", { dataTransfer });
    await page.getByText("12 graduates in graduates.csv; every row is valid.").waitFor();
    await page.getByRole("button", { name: "Issue 12 credentials" }).click();
    await page.locator('#progress-text[data-state="published"]').waitFor({ timeout: 60_000 });
    expect(await page.locator("#progress").getAttribute("aria-valuetext")).to.equal("100%");
    expect(await page.locator("#progress-text").getAttribute("aria-live")).to.equal("polite");

    const downloadButton = page.getByRole("button", { name: /Download the credentials of batch/ }).first();
    await downloadButton.waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), downloadButton.click()]);
    const zipPath = join(dir, "batch.zip");
    await download.saveAs(zipPath);
    const files = Object.keys(unzipSync(new Uint8Array(readFileSync(zipPath))));
    expect(files.filter((name) => !name.startsWith("batch-"))).to.have.length(12);

    // Revoke one credential of the batch from the console, with a reason.
    const zipFiles = unzipSync(new Uint8Array(readFileSync(zipPath)));
    const credentialName = Object.keys(zipFiles).find((name) => !name.startsWith("batch-"))!;
    const credentialId = (JSON.parse(new TextDecoder().decode(zipFiles[credentialName])) as { id: string }).id;
    await page.getByLabel("Credential id (urn:uuid:…)").fill(credentialId);
    await page.getByRole("button", { name: "Look up" }).click();
    await page.getByText("Not revoked.").waitFor();
    await page.getByLabel("Reason (shown to verifiers)").fill("Issued to the wrong programme");
    await page.getByLabel("Reason code").selectOption("issued-in-error");
    await page.getByRole("button", { name: "Revoke", exact: true }).click();
    await page.getByText(/^Revoked on .*Issued to the wrong programme$/).waitFor();
    expect(await page.locator("#revoke-form").isHidden()).to.equal(true);

    // Reissue another credential with a corrected English name; the console follows the new batch to published.
    const otherName = Object.keys(zipFiles).filter((name) => !name.startsWith("batch-"))[1]!;
    const otherId = (JSON.parse(new TextDecoder().decode(zipFiles[otherName])) as { id: string }).id;
    await page.getByLabel("Credential id (urn:uuid:…)").fill(otherId);
    await page.getByRole("button", { name: "Look up" }).click();
    await page.getByText("Not revoked.").waitFor();
    await page.getByLabel("Name (English)").fill("Corrected Name");
    await page.getByRole("button", { name: "Reissue corrected credential" }).click();
    const queued = await page.getByText(/^Reissue queued as batch batch_/).textContent();
    const reissueBatch = /batch_[0-9a-f-]{36}/.exec(queued ?? "")![0];
    await page.waitForFunction(
      (id) => {
        const progress = document.getElementById("progress-text");
        return progress?.dataset.state === "published" && progress.textContent?.includes(id);
      },
      reissueBatch,
      { timeout: 60_000 },
    );
    await page.locator("#credential-status").getByText(/^Revoked on .*urn:uuid:/).waitFor();
    const replaced = await service.ctx.db.selectFrom("credentials").select("superseded_by").where("id", "=", otherId).executeTakeFirstOrThrow();
    expect(replaced.superseded_by).to.match(/^urn:uuid:/);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, "issuer-console-en.png"), fullPage: true });

    await page.getByRole("button", { name: "Switch the console to Traditional Chinese" }).click();
    expect(await page.title()).to.equal("CredAnchor 註冊處控制台");
    expect(await page.locator("html").getAttribute("lang")).to.equal("zh-Hant");
    expect(await page.locator("#progress-text").textContent()).to.include("已發佈");
    await page.screenshot({ path: join(SCREENSHOTS, "issuer-console-zh-Hant.png"), fullPage: true });

    // After a reload the key from sessionStorage signs in again; then, from the top of the page, Tab reaches the
    // skip link, the language toggle and the file chooser in document order.
    await page.reload();
    await page.locator("#workspace").waitFor({ state: "visible" });
    const focused: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      focused.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || ""));
    }
    expect(focused.slice(0, 4)).to.deep.equal(["A", "lang", "sign-out", "file"]);
    // The one expected failure is the 401 of the deliberately wrong key; anything else (a CSP violation, a missing
    // asset, a script error) fails the test.
    expect(problems.filter((text) => !text.includes("status of 401")), problems.join("\n")).to.deep.equal([]);
  });
});
