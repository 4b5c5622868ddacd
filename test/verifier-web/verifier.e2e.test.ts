/**
 * The verifier web site end to end, as an employer uses it: the BUILT site served by serveVerifier, Debian Chromium
 * driven by playwright-core, and a Hardhat node with credentials issued, revoked and disclosed through the real CLI.
 * Screenshots of every state go to test/screenshots/ (git-ignored) for a person to look at.
 */
import { expect } from "chai";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createServer, get } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { Wallet } from "ethers";
import { zipSync } from "fflate";
import type { Page } from "playwright-core";
import QRCode from "qrcode";
import { DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import { protocolCatalogues } from "../../core/src/i18n/protocolCatalogues";
import { en as webEn } from "../../verifier-web/src/messages/en";
import { zhHant as webZhHant } from "../../verifier-web/src/messages/zh-Hant";
import { freePort, startLocalChain, type LocalChain } from "../../scripts/lib/localChain";
import { runCliOrThrow } from "../../scripts/lib/runCli";
import { buildVerifier, serveVerifier, type VerifierServer, type VerifierSiteConfig } from "../../verifier-web/serve";
import { dropPaths } from "../../scripts/lib/dropPaths";
import { launchChromium, type Chromium } from "../../scripts/lib/launchChromium";
import { writeQrVideo } from "../lib/qrVideo";
import { rawZip } from "../lib/rawZip";
import { readCsv } from "../lib/readCsv";
import { visibleTexts } from "../lib/visibleTexts";

// What the verifier shows: its own UI texts and the protocol's messages.
const en = { ...protocolCatalogues.en, ...webEn };
const zhHant = { ...protocolCatalogues["zh-Hant"], ...webZhHant };
const SCREENSHOTS = join(__dirname, "..", "screenshots");
const HEADER = "student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date,gpa";
const REASON = "Degree rescinded by Senate";
const STATUS = '[data-testid="verification-status"]';

function graduatesCsv(count: number): string {
  const rows = Array.from(
    { length: count },
    (_, i) =>
      `WEB${String(i + 1).padStart(4, "0")},Test Graduate ${i + 1},測試畢業生${i + 1},Bachelor of Science,理學士,Chemistry,化學,First Class Honours,2026-06-30,3.${50 + i}`,
  );
  return `${HEADER}\n${rows.join("\n")}\n`;
}

const base64url = (bytes: Buffer) => bytes.toString("base64url");

describe("verifier web (browser)", function () {
  this.timeout(300_000);

  let chain: LocalChain;
  let dir: string;
  let distDir: string;
  let config: VerifierSiteConfig;
  let site: VerifierServer;
  let downSite: VerifierServer;
  let browser: Chromium;
  let page: Page;
  /** 50 credentials of one batch: [0, 30) untouched, [30, 40) revoked, [40, 50) left alone for tampered copies. */
  let issued: string[];
  let tampered: string[];
  let disclosed: string;
  /** The CLI's environment for this suite's chain and deployment. */
  let env: Record<string, string>;

  async function open(url: string = site.url, target: Page = page): Promise<void> {
    await target.goto(url);
    await target.waitForSelector("body[data-ready]");
  }

  async function verdict(target: Page = page): Promise<string> {
    const status = await target.waitForSelector(`${STATUS}[data-status]`);
    return (await status.getAttribute("data-status")) ?? "";
  }

  async function checkOf(name: string): Promise<{ status: string | null; code: string | null; text: string }> {
    const item = page.locator(`.check[data-check="${name}"]`);
    // textContent: the checks are collapsed under the verdict, and innerText of a collapsed part is empty.
    return { status: await item.getAttribute("data-check-status"), code: await item.getAttribute("data-code"), text: (await item.textContent()) ?? "" };
  }

  /** The input message, once it is shown (it appears after asynchronous work such as decoding an image). */
  async function inputMessage(): Promise<string> {
    const message = page.locator("#input-message:not([hidden])");
    await message.waitFor();
    return message.innerText();
  }

  const shot = (name: string, target: Page = page) => target.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), "credanchor-web-"));
    chain = await startLocalChain(await freePort());
    const deploymentFile = join(dir, "deployment.json");
    env = { CREDANCHOR_RPC: chain.url, CREDANCHOR_DEPLOYMENT: deploymentFile };
    await runCliOrThrow(["deploy"], env);
    const university = new Wallet(DEV_PRIVATE_KEYS[1] as string).address;
    await runCliOrThrow(["accredit", university, "--name-en", "Harbour University", "--name-zh", "海港大學", "--domain", "harbour.example.edu"], env);
    writeFileSync(join(dir, "graduates.csv"), graduatesCsv(50));
    await runCliOrThrow(["issue", "--input", join(dir, "graduates.csv"), "--out", join(dir, "issued"), "--dev-account", "1"], env);
    issued = readdirSync(join(dir, "issued"))
      .filter((name) => name.endsWith(".json") && !name.startsWith("batch-"))
      .sort()
      .map((name) => join(dir, "issued", name));
    expect(issued).to.have.length(50);
    await runCliOrThrow(["revoke", ...issued.slice(30, 40), "--reason", REASON], env);
    mkdirSync(join(dir, "tampered"));
    tampered = issued.slice(40, 50).map((file) => {
      const path = join(dir, "tampered", basename(file));
      writeFileSync(path, readFileSync(file, "utf8").replace('"Chemistry"', '"Medicine"'));
      return path;
    });
    disclosed = join(dir, "disclosed.json");
    await runCliOrThrow(["disclose", issued[1] as string, "--hide", "/credentialSubject/gpa", "--out", disclosed], env);

    const deployment = JSON.parse(readFileSync(deploymentFile, "utf8")) as { chainId: number; anchor: string; registry: string };
    config = { rpcUrl: chain.url, deployment: { chainId: deployment.chainId, anchor: deployment.anchor, registry: deployment.registry } };
    // Always the site as it is now, built the way `npm run build` builds it.
    distDir = join(dir, "dist");
    await buildVerifier(distDir);
    site = await serveVerifier({ port: 0, distDir, config });
    downSite = await serveVerifier({ port: 0, distDir, config: { ...config, rpcUrl: `http://127.0.0.1:${await freePort()}` } });
    browser = await launchChromium();
  });

  beforeEach(async () => {
    page = await browser.context.newPage();
  });

  afterEach(async () => {
    await page.close();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    await downSite?.close();
    await chain?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows a valid credential as VALID with its content in both languages", async () => {
    await open();
    await page.setInputFiles("#file-input", issued[0] as string);
    expect(await verdict()).to.equal("VALID");
    const text = await page.locator("#result").innerText();
    for (const expected of ["Test Graduate 1", "測試畢業生1", "Harbour University", "海港大學", "Bachelor of Science", "理學士", "Chemistry", "化學", "First Class Honours", "3.50"]) {
      expect(text).to.contain(expected);
    }
    for (const check of ["FORMAT", "INTEGRITY", "SIGNATURE", "ANCHOR", "ISSUER", "STATUS", "EXPIRY"]) {
      expect((await checkOf(check)).status, check).to.equal("VALID");
    }
    expect(await page.locator("#announcer").innerText()).to.contain("VALID");
    await shot("valid");
  });

  it("lists the claims the holder hid and still verifies", async () => {
    await open();
    await page.setInputFiles("#file-input", disclosed);
    expect(await verdict()).to.equal("VALID");
    expect(await page.locator("#hidden-heading + div").innerText()).to.contain("GPA");
    await shot("disclosed");
  });

  it("shows a tampered credential as INVALID, naming the integrity check", async () => {
    await open();
    await page.fill("#paste-input", readFileSync(tampered[0] as string, "utf8"));
    await page.click("#paste-button");
    expect(await verdict()).to.equal("INVALID");
    const integrity = await checkOf("INTEGRITY");
    expect(integrity.status).to.equal("INVALID");
    expect(integrity.code).to.equal("INTEGRITY_ROOT_MISMATCH");
    expect(integrity.text).to.contain("Integrity").and.to.contain("altered");
    expect(await page.locator(".warning").innerText()).to.contain("changed after the university issued them");
    await shot("tampered");
  });

  it("shows a revoked credential as INVALID with the reason and date", async () => {
    await open();
    await page.setInputFiles("#file-input", issued[30] as string);
    expect(await verdict()).to.equal("INVALID");
    const status = await checkOf("STATUS");
    expect(status.code).to.equal("STATUS_REVOKED");
    expect(status.text).to.contain(REASON).and.to.match(/revoked this credential on \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC/);
    await shot("revoked");
  });

  /** The language choice is remembered in the shared profile; the other tests read English. */
  async function backToEnglish(): Promise<void> {
    const target = await browser.context.newPage();
    await open(site.url, target);
    await target.click('[data-language="en"]');
    await target.close();
  }

  /** Opens `url` in a fresh page of the given width and language, gives it `input` and waits for the verdict. */
  async function verdictAt(width: number, lang: "en" | "zh-Hant", url: string, input: (target: Page) => Promise<void>): Promise<Page> {
    const target = await browser.context.newPage();
    await target.setViewportSize({ width, height: 900 });
    await open(url, target);
    await target.click(`[data-language="${lang}"]`);
    await input(target);
    await verdict(target);
    return target;
  }

  // Each case: what is given, the status, and the headline's start in each language (dates are today's, any format
  // but the one per language is a failure).
  const TODAY = {
    en: new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
    "zh-Hant": `${new Date().getUTCFullYear()}年${new Date().getUTCMonth() + 1}月${new Date().getUTCDate()}日`,
  };
  const headlineCases = () => [
    { name: "valid", url: site.url, file: issued[0] as string, status: "VALID", en: "Valid — issued by Harbour University", "zh-Hant": "有效 — 由海港大學頒發" },
    { name: "revoked", url: site.url, file: issued[30] as string, status: "INVALID", en: `Revoked on ${TODAY.en} — ${REASON}`, "zh-Hant": `已於${TODAY["zh-Hant"]}撤銷 — ${REASON}` },
    { name: "altered", url: site.url, file: tampered[0] as string, status: "INVALID", en: en["headline.INTEGRITY"], "zh-Hant": zhHant["headline.INTEGRITY"] },
    { name: "unreachable", url: downSite.url, file: issued[0] as string, status: "ERROR", en: en["headline.CHAIN_UNREACHABLE"], "zh-Hant": zhHant["headline.CHAIN_UNREACHABLE"] },
  ];

  it("states the verdict's cause first, in both languages, at 1280 and 375 px, with the checks collapsed under it", async () => {
    for (const width of [1280, 375]) {
      for (const lang of ["en", "zh-Hant"] as const) {
        for (const expected of headlineCases()) {
          const target = await verdictAt(width, lang, expected.url, (p) => p.setInputFiles("#file-input", expected.file));
          const label = `${expected.name} ${lang} ${width}`;
          try {
            expect(await target.locator(STATUS).getAttribute("data-status"), label).to.equal(expected.status);
            expect(await target.locator("#verdict-title").innerText(), label).to.satisfy((title: string) => title.startsWith(expected[lang]));
            // Never green or red when a check could not be made: the ERROR banner has its own colour.
            const colour = await target.locator(STATUS).evaluate((element) => getComputedStyle(element).backgroundColor);
            expect(colour, label).to.equal({ VALID: "rgb(22, 99, 47)", INVALID: "rgb(163, 22, 27)", ERROR: "rgb(122, 74, 0)" }[expected.status]);
            // The checks follow the verdict directly, collapsed.
            expect(await target.locator("#verdict-title").evaluate((title) => title.closest(".verdict")?.nextElementSibling?.id), label).to.equal("checks");
            expect(await target.locator("#checks").getAttribute("open"), label).to.equal(null);
            expect(await target.locator(".check").count(), label).to.equal(7);
            expect(await target.evaluate(() => document.documentElement.scrollWidth), label).to.be.at.most(width);
            await shot(`verdict-${expected.name}-${lang}-${width}`, target);
          } finally {
            await target.close();
          }
        }
      }
    }
    await backToEnglish();
  });

  it("shows altered content greyed and struck out below the checks, never as the headline", async () => {
    for (const lang of ["en", "zh-Hant"] as const) {
      const target = await verdictAt(1280, lang, site.url, (p) => p.setInputFiles("#file-input", tampered[0] as string));
      try {
        const content = target.locator(".content");
        expect(await content.getAttribute("data-standing")).to.equal("altered");
        expect(await target.locator("#verdict-title").innerText()).to.not.contain("Test Graduate").and.to.not.contain("Medicine");
        const majorCell = content.locator("dd", { hasText: "Medicine" });
        expect(await majorCell.evaluate((cell) => getComputedStyle(cell).textDecorationLine)).to.equal("line-through");
        expect(await content.locator("h2").innerText()).to.equal(lang === "en" ? en["web.content.alteredHeading"] : zhHant["web.content.alteredHeading"]);
        // Opening the checks shows the one that failed, with its code.
        await target.click("#checks-heading");
        expect(await target.locator('.check[data-check="INTEGRITY"]').isVisible()).to.equal(true);
        expect(await target.locator('.check[data-check="INTEGRITY"]').textContent()).to.contain(lang === "en" ? "Failed" : zhHant["web.checkStatus.INVALID"]);
      } finally {
        await target.close();
      }
    }
    await backToEnglish();
  });

  it("names what was dropped when it is no credential, in one sentence, with the schema behind technical details", async () => {
    const batchReport = readdirSync(join(dir, "issued")).find((name) => name.startsWith("batch-")) as string;
    for (const width of [1280, 375]) {
      for (const lang of ["en", "zh-Hant"] as const) {
        const target = await verdictAt(width, lang, site.url, (p) => p.setInputFiles("#file-input", join(dir, "issued", batchReport)));
        try {
          const catalogue = lang === "en" ? en : zhHant;
          expect(await target.locator(STATUS).getAttribute("data-input")).to.equal("batchReport");
          expect(await target.locator("#verdict-title").innerText()).to.equal(catalogue["headline.input.batchReport"]);
          expect(await target.locator("#checks-heading").innerText()).to.equal(catalogue["web.checks.technical"]);
          // The schema errors are there for whoever opens the technical details, and nowhere else on screen.
          expect((await visibleTexts(target)).join("\n")).to.not.contain("credentialSubject");
          expect(await target.locator('.check[data-check="FORMAT"]').textContent()).to.contain("credentialSubject");
          expect(await target.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(width);
          await shot(`not-credential-${lang}-${width}`, target);
        } finally {
          await target.close();
        }
      }
    }
    await backToEnglish();
    const named: [unknown, string][] = [
      [{ name: "Chan Tai Man", degree: "BSc" }, en["headline.input.otherJson"]],
      [{ version: "https://schema.openattestation.com/2.0/schema.json", data: {}, signature: { type: "SHA3MerkleProof" } }, en["headline.input.openCerts"]],
      [{ "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/blockcerts/v3"], proof: { type: "MerkleProof2019" } }, en["headline.input.blockcerts"]],
    ];
    for (const [document, sentence] of named) {
      await open();
      await page.fill("#paste-input", JSON.stringify(document));
      await page.click("#paste-button");
      expect(await verdict()).to.equal("INVALID");
      expect(await page.locator("#verdict-title").innerText()).to.equal(sentence);
    }
  });

  it("renders Chinese with a CJK font, not as empty boxes", async () => {
    await open();
    await page.click('[data-language="zh-Hant"]');
    try {
      // An unassigned code point is drawn as the fallback box; a Chinese character drawn with a real font is not.
      const widths = await page.evaluate(() => {
        const context = document.createElement("canvas").getContext("2d") as CanvasRenderingContext2D;
        context.font = `48px ${getComputedStyle(document.documentElement).fontFamily}`;
        return { chinese: context.measureText("中").width, box: context.measureText("\u0378").width, ascii: context.measureText("a").width };
      });
      expect(Math.abs(widths.chinese - widths.box), JSON.stringify(widths)).to.be.greaterThan(1);
      expect(widths.chinese, JSON.stringify(widths)).to.be.greaterThan(widths.ascii);
      expect(await page.evaluate(() => document.fonts.check('48px "Noto Sans CJK TC"', "中"))).to.equal(true);
    } finally {
      await page.click('[data-language="en"]');
    }
  });

  it("reports ERROR, never VALID, when the chain is unreachable", async () => {
    await open(downSite.url);
    await page.setInputFiles("#file-input", issued[0] as string);
    expect(await verdict()).to.equal("ERROR");
    expect((await checkOf("ANCHOR")).code).to.equal("CHAIN_UNREACHABLE");
    await shot("chain-unreachable");
  });

  // No time limit here (timings belong in the benchmark): a verdict at all shows the client's own RPC timeout fired,
  // since without one the page would wait for the silent server for ever and verdict() would time out.
  /** Runs `use` with the site configured for an RPC endpoint that accepts connections and never answers. */
  async function withSilentRpc(use: (url: string) => Promise<void>): Promise<void> {
    const silent = createServer(() => undefined);
    await new Promise<void>((listening) => silent.listen(0, "127.0.0.1", listening));
    const silentSite = await serveVerifier({ port: 0, distDir, config: { ...config, rpcUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` } });
    try {
      await use(silentSite.url);
    } finally {
      await silentSite.close();
      silent.closeAllConnections();
      silent.close();
    }
  }

  it("reports ERROR when the RPC accepts connections but never answers", async () => {
    await withSilentRpc(async (url) => {
      await open(url);
      await page.setInputFiles("#file-input", issued[0] as string);
      expect(await verdict()).to.equal("ERROR");
    });
  });

  it("says so, and verifies nothing, when config.json is invalid", async () => {
    const misconfigured = await serveVerifier({ port: 0, distDir, config: { ...config, rpcUrl: "ftp://chain.example.org" } });
    try {
      await page.goto(misconfigured.url);
      const problem = page.locator("#config-problem:not([hidden])");
      await problem.waitFor();
      expect(await problem.innerText()).to.contain("config.json is invalid").and.to.contain("http or https");
      expect(await page.locator("#choose-button").isDisabled()).to.equal(true);
    } finally {
      await misconfigured.close();
    }
  });

  it("judges a dropped file's bytes: a BOM or bytes that are not UTF-8 are FORMAT_INVALID_JSON, never stripped or replaced", async () => {
    const valid = readFileSync(issued[0] as string);
    for (const buffer of [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), valid]), Buffer.concat([valid.subarray(0, 9), Buffer.from([0xff]), valid.subarray(9)])]) {
      await open();
      await page.setInputFiles("#file-input", { name: "credential.json", mimeType: "application/json", buffer });
      expect(await verdict()).to.equal("INVALID");
      expect((await checkOf("FORMAT")).code).to.equal("FORMAT_INVALID_JSON");
    }
  });

  it("explains clearly that pasted text which is not JSON is not a credential", async () => {
    await open();
    await page.click("#paste-button");
    expect(await inputMessage()).to.contain("Paste the credential's JSON text first");
    await page.fill("#paste-input", "Chan Tai Man, BSc Chemistry, First Class Honours");
    await page.click("#paste-button");
    expect(await verdict()).to.equal("INVALID");
    expect((await checkOf("FORMAT")).code).to.equal("FORMAT_INVALID_JSON");
    expect(await page.locator(".verdict__hint").innerText()).to.contain("This is not a credential");
    await shot("not-json");
  });

  it("opens share links in both fragment formats", async () => {
    const json = readFileSync(issued[2] as string);
    await open(`${site.url}#credential=${base64url(json)}`);
    expect(await verdict()).to.equal("VALID");
    await open(`${site.url}#c=${base64url(deflateRawSync(json))}`);
    expect(await verdict()).to.equal("VALID");
    expect(await page.locator("#result").innerText()).to.contain("Test Graduate 3");
    await open(`${site.url}#c=not-a-credential`);
    expect(await inputMessage()).to.contain("share link is damaged");
  });

  it("reads a QR code image holding a share link", async () => {
    const link = `https://verify.example.org/#c=${base64url(deflateRawSync(readFileSync(disclosed)))}`;
    const png = await QRCode.toBuffer(link, { errorCorrectionLevel: "L", margin: 4, scale: 4 });
    await open();
    await page.setInputFiles("#qr-image-input", { name: "qr.png", mimeType: "image/png", buffer: png });
    expect(await verdict()).to.equal("VALID");
    await page.setInputFiles("#qr-image-input", { name: "blank.png", mimeType: "image/png", buffer: await blankPng(page) });
    expect(await inputMessage()).to.contain("No QR code was found");
  });

  it("scans a QR code with the camera", async () => {
    const video = join(dir, "qr.y4m");
    writeQrVideo(video, `https://verify.example.org/#c=${base64url(deflateRawSync(readFileSync(disclosed)))}`);
    // A second browser whose fake camera shows the QR code; the permission prompt is accepted automatically.
    const withCamera = await launchChromium(["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-video-capture=${video}`]);
    try {
      const cameraPage = await withCamera.context.newPage();
      await open(site.url, cameraPage);
      await cameraPage.click("#camera-button");
      expect(await verdict(cameraPage)).to.equal("VALID");
      expect(await cameraPage.locator("#camera").isHidden()).to.equal(true);
      expect(await cameraPage.locator("#result").innerText()).to.contain("Test Graduate 2");
    } finally {
      await withCamera.close();
    }
  });

  it("switches every visible string to Traditional Chinese and remembers the choice", async () => {
    await open();
    await page.setInputFiles("#file-input", disclosed);
    expect(await verdict()).to.equal("VALID");
    await page.click('[data-language="zh-Hant"]');
    try {
      await expectAllChinese();
    } finally {
      // The choice is remembered in the shared browser profile; the other tests read English.
      await page.click('[data-language="en"]');
    }
  });

  async function expectAllChinese(): Promise<void> {
    expect(await page.getAttribute("html", "lang")).to.equal("zh-Hant");

    // Every English catalogue text that differs in Chinese, as a pattern (placeholders match anything).
    const englishOnly = (Object.keys(en) as (keyof typeof en)[])
      .filter((key) => en[key] !== zhHant[key])
      .map((key) => new RegExp(`^${en[key].replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{\w+\\\}/g, ".*")}$`, "s"));
    const texts = await visibleTexts(page);
    const leftovers = texts.filter((text) => englishOnly.some((pattern) => pattern.test(text)));
    expect(leftovers, "English UI text left after switching").to.deep.equal([]);
    const text = await page.locator("#result").innerText();
    expect(text).to.contain("有效").and.to.contain("檢查項目").and.to.contain("持有人隱藏的資料");
    await shot("zh-Hant");

    await page.reload();
    await page.waitForSelector("body[data-ready]");
    expect(await page.getAttribute("html", "lang")).to.equal("zh-Hant");
    expect(await page.locator("h1").innerText()).to.equal(zhHant["web.title"]);
  }

  async function exportedCsv(target: Page = page): Promise<string> {
    const [download] = await Promise.all([target.waitForEvent("download"), target.click("#bulk-export")]);
    return readFileSync((await download.path()) as string, "utf8");
  }

  it("verifies 50 dropped files in bulk with the right verdict on each row, filters, and exports every row with the admissions columns", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open();
    const files = [...issued.slice(0, 40), ...tampered];
    await page.setInputFiles("#file-input", files);
    await page.waitForFunction(() => document.querySelector("#bulk-summary")?.textContent !== "");
    const rows = await page.$$eval("#bulk-body tr", (trs) =>
      trs.map((tr) => ({ status: tr.getAttribute("data-status"), code: tr.getAttribute("data-code"), file: tr.children[0]?.textContent ?? "", text: tr.textContent ?? "" })),
    );
    expect(rows).to.have.length(50);
    const byFile = new Map(rows.map((row) => [row.file, row]));
    for (const file of issued.slice(0, 30)) expect(byFile.get(basename(file))?.status, file).to.equal("VALID");
    for (const file of issued.slice(30, 40)) {
      expect(byFile.get(basename(file))).to.include({ status: "INVALID", code: "STATUS_REVOKED" });
      expect(byFile.get(basename(file))?.text).to.contain(`Revoked on ${TODAY.en} — ${REASON}`);
    }
    expect(rows.filter((row) => row.code === "INTEGRITY_ROOT_MISMATCH")).to.have.length(10);
    expect(byFile.get(basename(issued[0] as string))?.text).to.contain("WEB0001").and.to.contain("Bachelor of Science").and.to.contain("30 June 2026");
    expect(await page.locator("#bulk-summary").innerText()).to.equal("30 valid, 20 invalid, 0 could not be checked");
    await shot("bulk");

    await page.selectOption("#bulk-filter", "INVALID");
    expect(await page.locator("#bulk-body tr").count()).to.equal(20);
    expect(await page.locator("#bulk-export-note").innerText()).to.equal("The table shows 20 rows; the export holds all 50.");
    expect(await page.locator("#bulk-export").innerText()).to.equal("Export all 50 rows (CSV)");
    const [header, ...lines] = readCsv(await exportedCsv(), ",");
    expect(header).to.deep.equal([
      "File", "Student number", "Name (English)", "Name (Chinese)", "Award (English)", "Award (Chinese)", "University (English)", "University (Chinese)",
      "Award date", "Verdict", "Reason", "Code", "Block", "Verified on", "Kind (English)", "Kind (Chinese)",
    ]);
    expect(lines).to.have.length(50);
    const revoked = lines.find((line) => line[0] === basename(issued[30] as string)) as string[];
    expect(revoked.slice(1, 12)).to.deep.equal([
      "WEB0031", "Test Graduate 31", "測試畢業生31", "Bachelor of Science", "理學士", "Harbour University", "海港大學",
      "30 June 2026", "INVALID", `Revoked on ${TODAY.en} — ${REASON}`, "STATUS_REVOKED",
    ]);
    expect(revoked[12]).to.match(/^\d+$/);
    expect(revoked[13]).to.match(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC$/);

    // In Traditional Chinese the same export writes its dates the Chinese way.
    await page.click('[data-language="zh-Hant"]');
    try {
      const chinese = readCsv(await exportedCsv(), ",");
      const row = chinese.find((line) => line[0] === basename(issued[0] as string)) as string[];
      expect(row[8]).to.equal("2026年6月30日");
      expect(row[13]).to.match(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} UTC$/);
      await shot("bulk-zh-Hant");
    } finally {
      await page.click('[data-language="en"]');
    }
  });

  it("neutralises every CSV cell a spreadsheet could evaluate, for the , and ; separators", async () => {
    const valid = readFileSync(issued[0] as string);
    const hostile = ["Chan;=1+1.json", "=1+1.json", "+SUM(A1).json", "-2+3.json", "@cmd.json", "\t=1.json", " =HYPERLINK(1).json"];
    await open();
    await page.setInputFiles("#file-input", hostile.map((name) => ({ name, mimeType: "application/json", buffer: valid })));
    await page.waitForFunction(() => document.querySelector("#bulk-summary")?.textContent !== "");
    const csv = await exportedCsv();
    for (const separator of [",", ";"]) {
      for (const record of readCsv(csv, separator)) {
        for (const cell of record) expect(cell, `${separator} ${JSON.stringify(record)}`).not.to.match(/^\s*[=+\-@\t\r]/);
      }
    }
    expect(readCsv(csv, ",").slice(1).map((record) => record[0]?.replace(/^'/, ""))).to.have.members(hostile);
  });

  it("cancels a bulk run: no new file is started, the rows so far stay and the summary says so", async () => {
    await withSilentRpc(async (url) => {
      await open(url);
      await page.setInputFiles("#file-input", issued.slice(0, 40));
      // The chain never answers, so the first credentials wait for their RPC timeout while Cancel is pressed.
      await page.click("#bulk-cancel");
      await page.waitForFunction(() => document.querySelector("#bulk-summary")?.textContent !== "");
      expect(await page.locator("#bulk-summary").innerText()).to.match(/^Cancelled after \d+ of 40: \d+ valid, \d+ invalid, \d+ could not be checked$/);
      const rows = await page.locator("#bulk-body tr").count();
      expect(rows).to.be.greaterThan(0).and.below(40);
      expect(await page.locator("#bulk-cancel").isHidden()).to.equal(true);
      const lines = readCsv(await exportedCsv(), ",");
      expect(lines).to.have.length(rows + 1);
    });
  });

  it("checks applicants' claims against the credentials they sent: NFD name matched, wrong degree flagged, exportable", async () => {
    // Two applicants whose names carry an accent, issued as NFC like every credential.
    writeFileSync(
      join(dir, "accented.csv"),
      `${HEADER}\nACC001,Chloé Chan,陳凱晴,Bachelor of Science,理學士,Chemistry,化學,First Class Honours,2026-06-30,3.40\nACC002,Zoë Wong,黃采兒,Bachelor of Arts,文學士,History,歷史,Second Class Honours (Upper Division),2026-06-30,3.10\n`,
    );
    await runCliOrThrow(["issue", "--input", join(dir, "accented.csv"), "--out", join(dir, "accented"), "--dev-account", "1"], env);
    const [chloe, zoe] = readdirSync(join(dir, "accented"))
      .filter((name) => name.endsWith(".json") && !name.startsWith("batch-"))
      .sort()
      .map((name) => join(dir, "accented", name)) as [string, string];
    const list = [
      "Reference,Claimed name,Claimed award,Claimed university,Claimed year,File name",
      // NFD spelling, other case and spacing: the same name.
      `A-1,"CHLOE\u0301   chan",Bachelor of Science,海港大學,2026,${basename(chloe)}`,
      // The degree claimed is not the one awarded.
      `A-2,Zoë Wong,Master of Science,Harbour University,2026,${basename(zoe)}`,
      `A-3,Test Graduate 31,Bachelor of Science,Harbour University,2026,${basename(issued[30] as string)}`,
      "A-4,Nobody,BSc,Harbour University,2026,missing.json",
    ].join("\r\n");
    expect(list).to.contain("E\u0301");

    for (const width of [1280, 375]) {
      const target = await browser.context.newPage();
      await target.setViewportSize({ width, height: 900 });
      try {
        await open(site.url, target);
        await target.setInputFiles("#file-input", [chloe, zoe, issued[30] as string]);
        await target.waitForFunction(() => document.querySelector("#bulk-summary")?.textContent !== "");
        await target.setInputFiles("#claims-input", { name: "applicants.csv", mimeType: "text/csv", buffer: Buffer.from(list) });
        await target.locator("#claims-result:not([hidden])").waitFor();
        const outcomes = await target.$$eval("#claims-body tr", (trs) =>
          trs.map((tr) => [tr.getAttribute("data-standing"), ...Array.from(tr.querySelectorAll("[data-field]"), (td) => td.getAttribute("data-outcome"))]),
        );
        expect(outcomes).to.deep.equal([
          ["verified", "match", "match", "match", "match"],
          ["verified", "match", "mismatch", "match", "match"],
          ["notVerified", "", "", "", ""],
          ["noFile", "", "", "", ""],
        ]);
        expect(await target.locator("#claims-summary").innerText()).to.equal(
          "4 applicants: 1 match on every claim checked, 1 with a mismatch, 2 whose credential is missing or not valid.",
        );
        expect(await target.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(width);
        await target.locator("#claims").scrollIntoViewIfNeeded();
        await shot(`claims-en-${width}`, target);
        await target.click('[data-language="zh-Hant"]');
        expect(await target.locator('#claims-body tr:nth-child(2) [data-field="award"]').innerText()).to.contain(zhHant["web.claims.outcome.mismatch"]);
        expect(await target.locator("#claims-summary").innerText()).to.contain("申請人 4 名");
        await shot(`claims-zh-Hant-${width}`, target);
        await target.click('[data-language="en"]');
        if (width === 1280) {
          const [header, ...rows] = readCsv(await (async () => {
            const [download] = await Promise.all([target.waitForEvent("download"), target.click("#claims-export")]);
            return readFileSync((await download.path()) as string, "utf8");
          })(), ",");
          expect(header?.slice(0, 5)).to.deep.equal(["Reference", "File", "Verdict", "Name claimed", "Name result"]);
          expect(rows.map((row) => [row[0], row[2], row[6]])).to.deep.equal([
            ["A-1", "Verified, claims match", "Matches"],
            ["A-2", "Verified, a claim does not match", "Does not match"],
            ["A-3", "Credential not valid (INVALID)", ""],
            ["A-4", "No credential received", ""],
          ]);
        }
      } finally {
        await target.close();
      }
    }
  });

  // How long the run takes and how long the main thread is blocked are measurements for the benchmark (bench:web), not
  // limits for a test on a shared machine; this checks that 2,000 files (40 copies of each) all get their verdict.
  it("verifies 2,000 files in bulk, 40 copies of each: every row's verdict in the CSV, the table a page at a time", async () => {
    const many = join(dir, "many");
    mkdirSync(many, { recursive: true });
    const sourceOf = (i: number) => i % 50;
    const files = Array.from({ length: 2000 }, (_, i) => {
      const source = sourceOf(i);
      const path = join(many, `copy${i}-${basename(issued[source] as string)}`);
      writeFileSync(path, readFileSync(source < 40 ? (issued[source] as string) : (tampered[source - 40] as string)));
      return path;
    });
    const expected = (i: number) =>
      sourceOf(i) < 30 ? ["VALID", ""] : sourceOf(i) < 40 ? ["INVALID", "STATUS_REVOKED"] : ["INVALID", "INTEGRITY_ROOT_MISMATCH"];
    await page.setViewportSize({ width: 1280, height: 900 });
    await open();
    await page.setInputFiles("#file-input", files);
    await page.waitForFunction(() => document.querySelector("#bulk-summary")?.textContent !== "", undefined, { timeout: 240_000 });
    expect(await page.locator("#bulk-summary").innerText()).to.equal("1200 valid, 800 invalid, 0 could not be checked");

    const [, ...lines] = readCsv(await exportedCsv(), ",");
    expect(lines).to.have.length(2000);
    const verdicts = new Map(lines.map((line) => [line[0], [line[9], line[11]]]));
    files.forEach((file, i) => expect(verdicts.get(basename(file)), file).to.deep.equal(expected(i)));

    // The table shows a page of 100 rows in file order; the pager reaches every other row.
    const shownFiles = () => page.$$eval("#bulk-body tr", (trs) => trs.map((tr) => tr.children[0]?.textContent ?? ""));
    expect(await shownFiles()).to.deep.equal(files.slice(0, 100).map((file) => basename(file)));
    expect(await page.locator("#bulk-page").innerText()).to.equal("Rows 1–100 of 2000");
    expect(await page.locator("#bulk-previous").isDisabled()).to.equal(true);
    await page.bringToFront();
    await page.evaluate(() => document.getElementById("bulk")?.scrollIntoView());
    await page.screenshot({ path: join(SCREENSHOTS, "bulk-2000.png") });
    await page.click("#bulk-next");
    await page.waitForFunction(() => document.querySelector("#bulk-page")?.textContent === "Rows 101–200 of 2000");
    await page.waitForFunction(() => document.querySelectorAll("#bulk-body tr").length === 100);
    expect(await shownFiles()).to.deep.equal(files.slice(100, 200).map((file) => basename(file)));
    await page.selectOption("#bulk-filter", "INVALID");
    expect(await page.locator("#bulk-page").innerText()).to.equal("Rows 1–100 of 800");
    await page.waitForFunction(() => document.querySelectorAll("#bulk-body tr").length === 100);
    expect(await page.$$eval("#bulk-body tr", (trs) => trs.every((tr) => tr.getAttribute("data-status") === "INVALID"))).to.equal(true);
    await page.selectOption("#bulk-filter", "ALL");

    for (const lang of ["zh-Hant", "en"] as const) {
      await page.click(`[data-language="${lang}"]`);
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        // The summary is shown again once the page of rows is drawn in the language just chosen.
        await page.waitForFunction(() => document.querySelector("#bulk-summary")?.textContent !== "");
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(width);
        await page.evaluate(() => document.getElementById("bulk")?.scrollIntoView());
        await page.screenshot({ path: join(SCREENSHOTS, `bulk-2000-${width}-${lang}.png`) });
      }
    }
    expect(await page.locator("#bulk-page").innerText()).to.equal("Rows 1–100 of 2000");

    // An applicant list of 2,000, one per file: a page of it at a time, every applicant judged.
    const list = [
      "Reference,Claimed name,Claimed award,Claimed university,Claimed year,File name",
      ...files.map((file, i) => `A-${i},Test Graduate ${sourceOf(i) + 1},Bachelor of Science,Harbour University,2026,${basename(file)}`),
    ].join("\n");
    await page.setInputFiles("#claims-input", { name: "applicants.csv", mimeType: "text/csv", buffer: Buffer.from(list) });
    await page.locator("#claims-result:not([hidden])").waitFor();
    expect(await page.locator("#claims-summary").innerText()).to.equal(
      "2000 applicants: 1200 match on every claim checked, 0 with a mismatch, 800 whose credential is missing or not valid.",
    );
    expect(await page.locator("#claims-page").innerText()).to.equal("Rows 1–100 of 2000");
    await page.waitForFunction(() => document.querySelectorAll("#claims-body tr").length === 100);
  });

  it("verifies a dropped folder: its credential files, in subfolders too; hidden and other files left out", async () => {
    const folder = join(dir, "dropped-folder");
    for (const [sub, files] of [["harbour", issued.slice(0, 5)], ["altered", tampered.slice(0, 2)]] as const) {
      mkdirSync(join(folder, sub), { recursive: true });
      for (const file of files) writeFileSync(join(folder, sub, basename(file)), readFileSync(file));
    }
    writeFileSync(join(folder, "notes.txt"), "not a credential");
    writeFileSync(join(folder, "._WEB0001.json"), readFileSync(tampered[0] as string));
    await open();
    await dropPaths(page, [folder]);
    await page.waitForFunction(() => document.querySelector("#bulk-summary")?.textContent !== "");
    expect(await page.locator("#bulk-summary").innerText()).to.equal("5 valid, 2 invalid, 0 could not be checked");
    const rows = await page.$$eval("#bulk-body tr", (trs) => trs.map((tr) => [tr.children[0]?.textContent ?? "", tr.getAttribute("data-status")]));
    // In path order: the altered folder before the harbour one.
    expect(rows).to.deep.equal([
      ...tampered.slice(0, 2).map((file) => [basename(file), "INVALID"]),
      ...issued.slice(0, 5).map((file) => [basename(file), "VALID"]),
    ]);
  });

  it("unzips a ZIP of credentials into the bulk table, naming its batch report rather than counting it as invalid", async () => {
    const batchReport = readdirSync(join(dir, "issued")).find((name) => name.startsWith("batch-")) as string;
    const zip = zipSync({
      ...Object.fromEntries(issued.slice(0, 3).concat(tampered.slice(0, 2)).map((file, i) => [`batch/${i}-${basename(file)}`, readFileSync(file)])),
      [`batch/${batchReport}`]: readFileSync(join(dir, "issued", batchReport)),
    });
    await open();
    await page.setInputFiles("#file-input", { name: "credentials.zip", mimeType: "application/zip", buffer: Buffer.from(zip) });
    await page.waitForFunction(() => document.querySelector("#bulk-summary")?.textContent !== "");
    expect(await page.locator("#bulk-summary").innerText()).to.equal("3 valid, 2 invalid, 0 could not be checked");
    expect(await page.locator("#bulk-problems").innerText()).to.contain(`credentials.zip/batch/${batchReport}: This is a batch report, not a credential`);
  });

  it("refuses ZIP and link bombs with a clear message before inflating them", async () => {
    // Ten 150 MiB entries in about 1.5 MB (one compressed stream per entry), plus one honest credential.
    const bomb = deflateRawSync(Buffer.alloc(150 * 1024 * 1024));
    const zip = rawZip([
      ...Array.from({ length: 10 }, (_, i) => ({ name: `bomb${i}.json`, data: bomb, method: 8 as const, declaredSize: 1000 })),
      { name: "real.json", data: deflateRawSync(readFileSync(issued[0] as string)), method: 8, declaredSize: readFileSync(issued[0] as string).length },
    ]);
    await open();
    await page.setInputFiles("#file-input", { name: "bomb.zip", mimeType: "application/zip", buffer: zip });
    await page.waitForFunction(() => document.querySelector("#bulk-summary")?.textContent !== "");
    expect(await page.locator("#bulk-summary").innerText()).to.equal("1 valid, 0 invalid, 0 could not be checked");
    const problems = await page.locator("#bulk-problems li").allInnerTexts();
    expect(problems).to.have.length(10);
    expect(problems[0]).to.equal("bomb.zip/bomb0.json: larger than 1 MiB unpacked, so it was not unpacked. It was not verified.");

    const link = deflateRawSync(Buffer.alloc(200 * 1024 * 1024, 0x20)).toString("base64url");
    await open(`${site.url}#c=${link}`);
    expect(await inputMessage()).to.equal(en["web.link.tooLarge"]);
  });

  it("downloads a verification receipt pinned to the block it was verified at", async () => {
    await open();
    await page.setInputFiles("#file-input", issued[0] as string);
    expect(await verdict()).to.equal("VALID");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#receipt-button")]);
    const receipt = JSON.parse(readFileSync((await download.path()) as string, "utf8")) as Record<string, unknown>;
    expect(receipt).to.include({ type: "CredAnchorVerificationReceipt", status: "VALID", chainId: 31337 });
    expect(receipt.blockHash).to.match(/^0x[0-9a-f]{64}$/);
    expect((receipt.report as { status: string }).status).to.equal("VALID");
  });

  it("prints the receipt as one bilingual A4 page: verdict, checks, chain id, block number and hash, time", async () => {
    await open();
    await page.evaluate(() => {
      window.print = () => {
        document.body.dataset.printed = "true";
      };
    });
    await page.setInputFiles("#file-input", issued[30] as string);
    expect(await verdict()).to.equal("INVALID");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#receipt-button")]);
    const receipt = JSON.parse(readFileSync((await download.path()) as string, "utf8")) as { blockNumber: number; blockHash: string; credentialSha256: string };
    await page.click("#receipt-pdf-button");
    await page.waitForSelector("body[data-printed]");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("#print-sheet").isVisible()).to.equal(true);
    expect(await page.locator("main").isVisible()).to.equal(false);
    const pdf = join(dir, "receipt.pdf");
    await page.pdf({ path: pdf, format: "A4", printBackground: true, preferCSSPageSize: true });
    expect(spawnSync("pdfinfo", [pdf]).stdout.toString()).to.match(/^Pages:\s+1$/m);
    const text = spawnSync("pdftotext", ["-layout", pdf, "-"]).stdout.toString();
    for (const expected of [
      "Verification receipt", "核實收據", `Revoked on ${TODAY.en}`, `已於${TODAY["zh-Hant"]}撤銷`, "STATUS_REVOKED", "Revocation status", "撤銷狀態",
      "31337", String(receipt.blockNumber), receipt.blockHash, receipt.credentialSha256, "Harbour University", "海港大學",
    ]) {
      // Without spaces: long hashes wrap across lines on the sheet.
      expect(text.replace(/\s+/g, ""), expected).to.contain(expected.replace(/\s+/g, ""));
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    expect(spawnSync("pdftoppm", ["-png", "-r", "70", pdf, join(SCREENSHOTS, "receipt")]).status).to.equal(0);
  });

  it("prints only the verified credential and fits a 375 px phone", async () => {
    await open();
    await page.setInputFiles("#file-input", issued[0] as string);
    expect(await verdict()).to.equal("VALID");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("#input").isVisible()).to.equal(false);
    expect(await page.locator(STATUS).isVisible()).to.equal(true);
    await shot("print");
    await page.emulateMedia({ media: "screen" });

    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 375, height: 812 });
    await open(site.url, phone);
    await phone.setInputFiles("#file-input", issued[30] as string);
    expect(await verdict(phone)).to.equal("INVALID");
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(375);
    await shot("phone", phone);
    await phone.setInputFiles("#file-input", files10());
    await phone.waitForFunction(() => document.querySelector("#bulk-summary")?.textContent !== "");
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(375);
    await shot("phone-bulk", phone);
    await phone.close();
  });

  it("serves nothing outside the built site and the right MIME types", async () => {
    // node:http sends the path exactly as written; fetch would normalise the dot segments away first.
    const status = (path: string) =>
      new Promise<number>((resolveStatus, reject) => {
        const { hostname, port } = new URL(site.url);
        get({ hostname, port, path }, (response) => {
          response.resume();
          resolveStatus(response.statusCode ?? 0);
        }).once("error", reject);
      });
    for (const path of ["/../package.json", "/%2e%2e/%2e%2e/package.json", "/..%2f..%2fpackage.json", "/assets/..%5c..%5cserve.ts", "/%00index.html"]) {
      expect(await status(path), path).to.be.oneOf([400, 404]);
    }
    expect(await status("/nothing-here.js")).to.equal(404);
    const index = await fetch(site.url);
    expect(index.headers.get("content-type")).to.equal("text/html; charset=utf-8");
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(await index.text())?.[1];
    const js = await fetch(new URL(script as string, site.url));
    expect(js.headers.get("content-type")).to.equal("text/javascript; charset=utf-8");
    expect(await (await fetch(new URL("config.json", site.url))).json()).to.deep.equal(config);
  });

  function files10(): string[] {
    return [...issued.slice(0, 5), ...tampered.slice(0, 5)];
  }
});

/** A plain white PNG, drawn by the browser, for "no QR code in this image". */
async function blankPng(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 200;
    canvas.height = 200;
    const context = canvas.getContext("2d") as CanvasRenderingContext2D;
    context.fillStyle = "#fff";
    context.fillRect(0, 0, 200, 200);
    return canvas.toDataURL("image/png");
  });
  return Buffer.from(dataUrl.split(",")[1] as string, "base64");
}
