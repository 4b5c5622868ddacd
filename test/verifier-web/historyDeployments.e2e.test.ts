/**
 * The verifier page after the consortium redeploys (issue 20): `credanchor deploy --force` keeps the old contracts
 * under `history`, and the page, given that history in its config.json, still verifies credentials anchored on them,
 * one by one and in bulk, while a credential anchored on contracts the consortium does not list is
 * ANCHOR_WRONG_CONTRACT. Built site, Debian Chromium, real CLI; screenshots go to test/screenshots/.
 */
import { expect } from "chai";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Wallet } from "ethers";
import type { Page } from "playwright-core";
import { DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import type { Deployment } from "../../core/src/Deployment";
import { protocolCatalogues } from "../../core/src/i18n/protocolCatalogues";
import { freePort, startLocalChain, type LocalChain } from "../../scripts/lib/localChain";
import { runCliOrThrow } from "../../scripts/lib/runCli";
import { launchChromium, type Chromium } from "../../scripts/lib/launchChromium";
import { buildVerifier, serveVerifier, siteDeployment, type VerifierServer, type VerifierSiteConfig } from "../../verifier-web/serve";
import { en } from "../../verifier-web/src/messages/en";
import { zhHant } from "../../verifier-web/src/messages/zh-Hant";

const SCREENSHOTS = join(__dirname, "..", "screenshots");
const STATUS = '[data-testid="verification-status"]';
const HEADER = "student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date";
const HARBOUR = new Wallet(DEV_PRIVATE_KEYS[1] as string).address;

describe("verifier web: credentials anchored on earlier deployments (browser)", function () {
  this.timeout(300_000);

  let chain: LocalChain;
  let dir: string;
  let distDir: string;
  let config: VerifierSiteConfig;
  let first: Deployment;
  let site: VerifierServer;
  let browser: Chromium;
  /** Anchored on the first deployment, before `deploy --force`: listed under history. */
  let early: string[];
  /** Anchored on the current deployment. */
  let current: string;
  /** Anchored on contracts deployed to another file, which the consortium never listed. */
  let stray: string;

  /** Accredits Harbour on the deployment of `env` and issues `count` credentials there; the credential files. */
  async function issueOn(env: Record<string, string>, name: string, count: number): Promise<string[]> {
    await runCliOrThrow(["accredit", HARBOUR, "--name-en", "Harbour University", "--name-zh", "海港大學", "--domain", "harbour.example.edu"], env);
    const rows = Array.from({ length: count }, (_, i) => `${name.toUpperCase()}${i + 1},Graduate ${i + 1},畢業生${i + 1},Bachelor of Arts,文學士,History,歷史,Pass,2026-06-30`);
    writeFileSync(join(dir, `${name}.csv`), `${HEADER}\n${rows.join("\n")}\n`);
    await runCliOrThrow(["issue", "--input", join(dir, `${name}.csv`), "--out", join(dir, name), "--dev-account", "1"], env);
    return readdirSync(join(dir, name))
      .filter((file) => file.endsWith(".json") && !file.startsWith("batch-"))
      .sort()
      .map((file) => join(dir, name, file));
  }

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), "credanchor-web-history-"));
    chain = await startLocalChain(await freePort());
    const deploymentFile = join(dir, "deployment.json");
    const env = { CREDANCHOR_RPC: chain.url, CREDANCHOR_DEPLOYMENT: deploymentFile };
    await runCliOrThrow(["deploy"], env);
    first = JSON.parse(readFileSync(deploymentFile, "utf8")) as Deployment;
    early = await issueOn(env, "early", 2);
    await runCliOrThrow(["deploy", "--force"], env);
    [current] = (await issueOn(env, "current", 1)) as [string];
    const strayEnv = { ...env, CREDANCHOR_DEPLOYMENT: join(dir, "elsewhere.json") };
    await runCliOrThrow(["deploy"], strayEnv);
    [stray] = (await issueOn(strayEnv, "stray", 1)) as [string];

    config = { rpcUrl: chain.url, deployment: siteDeployment(JSON.parse(readFileSync(deploymentFile, "utf8")) as Deployment) };
    distDir = join(dir, "dist");
    await buildVerifier(distDir);
    site = await serveVerifier({ port: 0, distDir, config });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    await chain?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh page of the given width and language on `url`, loaded and ready for input. */
  async function openAt(width: number, lang: "en" | "zh-Hant", url: string = site.url): Promise<Page> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(url);
    await page.waitForSelector("body[data-ready]");
    await page.click(`[data-language="${lang}"]`);
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `history-${name}.png`), fullPage: true });

  it("the deployment file keeps the first contracts under history, and the config names them", () => {
    expect(config.deployment.anchor).to.not.equal(first.anchor);
    expect(config.deployment.history).to.deep.equal([{ anchor: first.anchor, registry: first.registry }]);
  });

  it("verifies a credential anchored before deploy --force as VALID, and one on an unlisted contract as ANCHOR_WRONG_CONTRACT, at 1280 and 375 px in both languages", async () => {
    const cases = [
      { name: "early", file: early[0] as string, status: "VALID", anchor: "VALID", code: "OK" },
      { name: "current", file: current, status: "VALID", anchor: "VALID", code: "OK" },
      { name: "unlisted", file: stray, status: "INVALID", anchor: "INVALID", code: "ANCHOR_WRONG_CONTRACT" },
    ];
    for (const width of [1280, 375]) {
      for (const lang of ["en", "zh-Hant"] as const) {
        for (const expected of cases) {
          const label = `${expected.name} ${lang} ${width}`;
          const page = await openAt(width, lang);
          try {
            await page.setInputFiles("#file-input", expected.file);
            const status = await page.waitForSelector(`${STATUS}[data-status]`);
            expect(await status.getAttribute("data-status"), label).to.equal(expected.status);
            const anchor = page.locator('.check[data-check="ANCHOR"]');
            expect(await anchor.getAttribute("data-check-status"), label).to.equal(expected.anchor);
            expect(await anchor.getAttribute("data-code"), label).to.equal(expected.code);
            if (expected.status === "INVALID") {
              // Same chain, other contracts: never "another blockchain".
              expect(await page.locator("#verdict-title").innerText(), label).to.equal(protocolCatalogues[lang]["headline.ANCHOR_OTHER_CONTRACT"]);
            }
            await shot(page, `${expected.name}-${lang}-${width}`);
            expect(await page.evaluate(() => document.documentElement.scrollWidth), label).to.be.at.most(width);
          } finally {
            await page.close();
          }
        }
      }
    }
  });

  it("verifies the three kinds in one bulk run, each row with its own verdict", async () => {
    const page = await openAt(1280, "en");
    try {
      await page.setInputFiles("#file-input", [...early, current, stray]);
      await page.waitForFunction(() => document.querySelector("#bulk-summary")?.textContent !== "");
      const rows = await page.$$eval("#bulk-body tr", (trs) =>
        trs.map((tr) => ({ file: tr.children[0]?.textContent ?? "", status: tr.getAttribute("data-status"), code: tr.getAttribute("data-code") })),
      );
      const byFile = new Map(rows.map((row) => [row.file, row]));
      for (const file of [...early, current]) expect(byFile.get(basename(file))?.status, file).to.equal("VALID");
      expect(byFile.get(basename(stray))).to.include({ status: "INVALID", code: "ANCHOR_WRONG_CONTRACT" });
      expect(await page.locator("#bulk-summary").innerText()).to.equal("3 valid, 1 invalid, 0 could not be checked");
      await shot(page, "bulk-en-1280");
    } finally {
      await page.close();
    }
  });

  it("names the earlier contracts it accepts in the footer, in both languages", async () => {
    for (const [lang, catalogue] of [["en", en], ["zh-Hant", zhHant]] as const) {
      const page = await openAt(375, lang);
      try {
        const footer = await page.locator("#deployment-history").innerText();
        expect(footer, lang).to.equal(catalogue["web.footer.history"].replace("{anchors}", first.anchor));
        await shot(page, `footer-${lang}-375`);
      } finally {
        await page.close();
      }
    }
  });

  it("refuses a config.json whose history entry is malformed, naming the entry, and verifies nothing", async () => {
    const malformed = await serveVerifier({
      port: 0,
      distDir,
      config: { ...config, deployment: { ...config.deployment, history: [{ anchor: first.anchor, registry: "0x1234" }] } },
    });
    const page = await browser.context.newPage();
    try {
      await page.goto(malformed.url);
      const problem = page.locator("#config-problem:not([hidden])");
      await problem.waitFor();
      expect(await problem.innerText()).to.contain("config.json is invalid").and.to.contain("deployment.history[0].registry must be an address");
      expect(await page.locator("#choose-button").isDisabled()).to.equal(true);
      await shot(page, "config-invalid-en-1280");
    } finally {
      await page.close();
      await malformed.close();
    }
  });
});
