/**
 * The graduate's side of the verifier site, end to end: the BUILT site served by serveVerifier, Debian Chromium via
 * playwright-core, credentials issued on a Hardhat node with the real CLI. "My credential" redacts a file in the
 * browser; the downloaded copy must keep the hidden values out and still verify, showing what was hidden.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { Wallet } from "ethers";
import type { Page } from "playwright-core";
import { DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import { freePort, startLocalChain, type LocalChain } from "../../scripts/lib/localChain";
import { runCliOrThrow } from "../../scripts/lib/runCli";
import { buildVerifier, serveVerifier, type VerifierServer } from "../../verifier-web/serve";
import { decodeQrImage } from "../lib/decodeQrImage";
import { launchChromium, type Chromium } from "../../scripts/lib/launchChromium";

const SCREENSHOTS = join(__dirname, "..", "screenshots");
const STATUS = '[data-testid="verification-status"]';
const CSV = [
  "student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date,gpa,date_of_birth",
  "GRAD0001,Lee Siu Ming,李小明,Bachelor of Arts,文學士,History,歷史,Second Class Honours (Upper Division),2026-06-30,3.47,2003-02-14",
  "GRAD0002,Wong Ka Yan,黃嘉欣,Master of Science,理學碩士,Physics,物理學,First Class Honours,2026-06-30,3.92,2001-11-30",
].join("\n");

describe("verifier web: graduate side (browser)", function () {
  this.timeout(300_000);

  let chain: LocalChain;
  let dir: string;
  let site: VerifierServer;
  let browser: Chromium;
  let page: Page;
  let issued: string[];

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  async function open(): Promise<void> {
    await page.goto(site.url);
    await page.waitForSelector("body[data-ready]");
  }

  async function verdict(): Promise<string> {
    const status = await page.waitForSelector(`${STATUS}[data-status]`);
    return (await status.getAttribute("data-status")) ?? "";
  }

  /** Opens `file` under "My credential", ticks `pointers` and saves the downloaded copy; returns its path and text. */
  async function redact(file: string, pointers: string[]): Promise<{ path: string; text: string }> {
    await page.click("#tab-holder");
    await page.setInputFiles("#holder-file-input", file);
    // The form is redrawn once the file has been read; until then it may still show the previous file.
    await page.locator(".holder-file", { hasText: basename(file) }).waitFor();
    for (const pointer of pointers) await page.check(`#holder-form input[value="${pointer}"]`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#holder-download")]);
    const path = join(dir, `${Date.now()}-${download.suggestedFilename()}`);
    await download.saveAs(path);
    return { path, text: readFileSync(path, "utf8") };
  }

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), "credanchor-graduate-"));
    chain = await startLocalChain(await freePort());
    const deploymentFile = join(dir, "deployment.json");
    const env = { CREDANCHOR_RPC: chain.url, CREDANCHOR_DEPLOYMENT: deploymentFile };
    await runCliOrThrow(["deploy"], env);
    const university = new Wallet(DEV_PRIVATE_KEYS[1] as string).address;
    await runCliOrThrow(["accredit", university, "--name-en", "Harbour University", "--name-zh", "海港大學", "--domain", "harbour.example.edu"], env);
    writeFileSync(join(dir, "graduates.csv"), `${CSV}\n`);
    await runCliOrThrow(["issue", "--input", join(dir, "graduates.csv"), "--out", join(dir, "issued"), "--dev-account", "1"], env);
    issued = readdirSync(join(dir, "issued"))
      .filter((name) => name.endsWith(".json") && !name.startsWith("batch-"))
      .sort()
      .map((name) => join(dir, "issued", name));
    expect(issued).to.have.length(2);
    const deployment = JSON.parse(readFileSync(deploymentFile, "utf8")) as { chainId: number; anchor: string; registry: string };
    const distDir = join(dir, "dist");
    await buildVerifier(distDir);
    site = await serveVerifier({ port: 0, distDir, config: { rpcUrl: chain.url, deployment } });
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
    await chain?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("redacts GPA and date of birth; the download leaves them out and verifies VALID with them listed as hidden", async () => {
    await open();
    const { path, text } = await redact(issued[0] as string, ["/credentialSubject/gpa", "/credentialSubject/dateOfBirth"]);
    expect(path).to.match(/GRAD0001.*-redacted\.json$/);
    for (const secret of ["3.47", "2003-02-14"]) expect(text).not.to.contain(secret);
    const proof = (JSON.parse(text) as { proof: { hiddenClaims: Record<string, string>; salts: Record<string, string> } }).proof;
    expect(Object.keys(proof.hiddenClaims)).to.have.members(["/credentialSubject/gpa", "/credentialSubject/dateOfBirth"]);
    expect(proof.salts).not.to.have.property("/credentialSubject/gpa");
    expect(await page.locator("#holder-saved").innerText()).to.contain("GPA").and.to.contain("Date of birth");
    await shot("graduate-holder-saved");

    await page.click("#tab-verify");
    await page.setInputFiles("#file-input", path);
    expect(await verdict()).to.equal("VALID");
    expect(await page.locator(".hidden-list li").allInnerTexts()).to.have.members(["GPA", "Date of birth"]);
    expect(await page.locator("#result").innerText()).to.contain("Lee Siu Ming").and.not.to.contain("3.47");
    await shot("graduate-redacted-verified");
  });

  it("verifies the redacted copy straight from 'My credential', and a copy redacted again keeps earlier hidden claims", async () => {
    await open();
    const first = await redact(issued[1] as string, ["/credentialSubject/name"]);
    await page.setInputFiles("#holder-file-input", first.path);
    await page.locator(".holder-file", { hasText: basename(first.path) }).waitFor();
    expect(await page.locator('#holder-form input[value="/credentialSubject/name"]').isDisabled()).to.equal(true);
    const second = await redact(first.path, ["/credentialSubject/gpa"]);
    for (const secret of ["Wong Ka Yan", "黃嘉欣", "3.92"]) expect(second.text).not.to.contain(secret);
    await page.click("#holder-verify");
    expect(await verdict()).to.equal("VALID");
    expect(await page.locator("#tab-verify").getAttribute("aria-selected")).to.equal("true");
    expect(await page.locator(".hidden-list li").allInnerTexts()).to.include.members(["Name (English)", "Name (Chinese)", "GPA"]);
  });

  it("works from the keyboard and in Traditional Chinese; refuses a file that is not a credential and an empty selection", async () => {
    await open();
    await page.focus("#tab-verify");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal("tab-holder");
    expect(await page.locator("#holder-panel").isVisible()).to.equal(true);
    expect(await page.locator("#verify-panel").isVisible()).to.equal(false);

    await page.click('[data-language="zh-Hant"]');
    const notJson = join(dir, "notes.json");
    writeFileSync(notJson, "hello");
    await page.setInputFiles("#holder-file-input", notJson);
    await page.locator("#holder-message:not([hidden])", { hasText: "notes.json 不是 CredAnchor 憑證檔案。" }).waitFor();
    // A BOM is not stripped on the way in (SPEC §2): the file a verifier would refuse is not opened for redaction.
    const withBom = join(dir, "bom.json");
    writeFileSync(withBom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(issued[0] as string)]));
    await page.setInputFiles("#holder-file-input", withBom);
    await page.locator("#holder-message:not([hidden])", { hasText: "bom.json 不是 CredAnchor 憑證檔案。" }).waitFor();

    await page.setInputFiles("#holder-file-input", issued[0] as string);
    await page.locator(".holder-file", { hasText: basename(issued[0] as string) }).waitFor();
    await page.click("#holder-download");
    await page.locator("#holder-message:not([hidden])", { hasText: "請至少勾選一項要隱藏的資料。" }).waitFor();
    const panel = await page.locator("#holder-panel").innerText();
    expect(panel).to.contain("我的憑證").and.to.contain("平均績點").and.to.contain("出生日期");
    expect(panel).not.to.match(/Details to hide|Download redacted copy|Date of birth/);
    await shot("graduate-holder-zh");
  });

  it("prints the credential on an A4 sheet in both languages whose QR code opens the redacted credential", async () => {
    await open();
    await page.evaluate(() => {
      window.print = () => {
        document.body.dataset.printed = "true";
      };
    });
    await page.click("#tab-holder");
    await page.setInputFiles("#holder-file-input", issued[0] as string);
    await page.check('#holder-form input[value="/credentialSubject/gpa"]');
    await page.click("#holder-print");
    await page.waitForSelector("body[data-printed]");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("#print-sheet").isVisible()).to.equal(true);
    expect(await page.locator("main").isVisible()).to.equal(false);
    const sheet = await page.locator("#print-sheet").innerText();
    expect(sheet).to.contain("Degree credential").and.to.contain("學位憑證").and.to.contain("Lee Siu Ming").and.to.contain("李小明");
    expect(sheet).to.contain("Hidden by the holder").and.not.to.contain("3.47");
    // The header names the university, not its did:pkh; dates are written one way per language.
    expect(sheet).to.not.contain("did:pkh");
    expect(sheet).to.match(/\d{1,2} [A-Z][a-z]+ \d{4}/).and.to.match(/\d{4}年\d{1,2}月\d{1,2}日/);

    const link = (await decodeQrImage(page, "#print-sheet img")) ?? "";
    expect(link.startsWith(`${site.url}#c=`), `QR: ${link.slice(0, 60)} (site ${site.url})`).to.equal(true);
    const carried = inflateRawSync(Buffer.from(link.slice(link.indexOf("#c=") + 3), "base64url")).toString("utf8");
    expect(carried).to.contain("Lee Siu Ming").and.not.to.contain("3.47");

    const pdf = join(dir, "sheet.pdf");
    await page.pdf({ path: pdf, format: "A4", printBackground: true, preferCSSPageSize: true });
    if (spawnSync("pdftoppm", ["-v"]).error !== undefined) {
      console.warn("      (pdftoppm is missing: apt-get install -y poppler-utils to render the printed sheet; skipped)");
      return;
    }
    const render = spawnSync("pdftoppm", ["-png", "-r", "70", pdf, join(SCREENSHOTS, "graduate-print-sheet")]);
    expect(render.status, render.stderr.toString()).to.equal(0);
    expect(readdirSync(SCREENSHOTS).filter((name) => /^graduate-print-sheet-\d+\.png$/.test(name))).to.have.length(1);
  });

  it("verifies a VC 2.0 export (credanchor export --format vc) through the credential it carries", async () => {
    const vc = join(dir, "credential.vc.json");
    await runCliOrThrow(["export", issued[0] as string, "--format", "vc", "--out", vc]);
    await open();
    await page.setInputFiles("#file-input", vc);
    expect(await verdict()).to.equal("VALID");
    expect(await page.locator("#result").innerText()).to.contain("Lee Siu Ming").and.to.contain("李小明");

    const edited = join(dir, "edited.vc.json");
    writeFileSync(edited, readFileSync(vc, "utf8").replace('"name": "Bachelor of Arts"', '"name": "Doctor of Medicine"'));
    await page.click("#again-button");
    await page.setInputFiles("#file-input", edited);
    expect(await verdict()).to.equal("INVALID");
  });
});
