/**
 * Issue 15, every kind rendered: a transcript (44 courses over 8 terms, zh-Hant titles, a failed course and its
 * repeat, pass/fail courses), a certification letter and an award, issued in one batch on a real chain through
 * core's build functions, are verified in the built verifier page in Chromium: the transcript term by term, the letter
 * as a letter, in both languages at 1280 and 375 px, the transcript with its grading scale's legend read by CID from
 * the content store (and none, with the reason, when the store answers other bytes or is down); and printed with
 * `credanchor print` as A4 PDFs (the transcript over several pages, each with the university, its page number and the verification QR code, the letter on one page)
 * whose QR code, read back from the rendered last page, opens a link that verifies. Screenshots go to
 * test/screenshots/ (git-ignored).
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { join } from "node:path";
import { Wallet } from "ethers";
import jsQR from "jsqr";
import type { Page } from "playwright-core";
import { DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import { buildCredential } from "../../core/src/buildCredential";
import { createChainWriter } from "../../core/src/chain/createChainWriter";
import { createDirectoryStore } from "../../core/src/content/createDirectoryStore";
import type { Deployment } from "../../core/src/Deployment";
import { disclose } from "../../core/src/disclose";
import { formatDate } from "../../core/src/i18n/formatDate";
import { protocolCatalogues } from "../../core/src/i18n/protocolCatalogues";
import { issueCredentials } from "../../core/src/issueBatch";
import { buildLetterCredential } from "../../core/src/kinds/buildLetterCredential";
import { buildTranscriptCredential } from "../../core/src/kinds/buildTranscriptCredential";
import { gradingScaleBytes, gradingScaleCid } from "../../core/src/kinds/GradingScale";
import type { TranscriptCredential } from "../../core/src/kinds/TranscriptCredential";
import { launchChromium, type Chromium } from "../../scripts/lib/launchChromium";
import { freePort } from "../../scripts/lib/localChain";
import { runCli, runCliOrThrow } from "../../scripts/lib/runCli";
import { en as webEn } from "../../verifier-web/src/messages/en";
import { zhHant as webZhHant } from "../../verifier-web/src/messages/zh-Hant";
import { buildVerifier, serveVerifier, siteDeployment, type VerifierServer, type VerifierSiteConfig } from "../../verifier-web/serve";
import { LETTER_RECORD, LETTER_TEMPLATE, SCALE } from "../core/helpers/kindRecords";
import { RECORD } from "../core/helpers/records";
import { startChain, startService, UNIVERSITIES, type Chain, type Service } from "../issuer-service/harness";
import { readCsv } from "../lib/readCsv";
import { longTranscript } from "./helpers/longTranscript";
import { openVerdict, STATUS } from "./helpers/openVerdict";

const SCREENSHOTS = join(__dirname, "..", "screenshots");
const LANGUAGES = ["en", "zh-Hant"] as const;
const say = (lang: (typeof LANGUAGES)[number], key: keyof (typeof protocolCatalogues)["en"]) => protocolCatalogues[lang][key];

describe("verifier web and print: transcripts and letters (browser)", function () {
  this.timeout(600_000);
  let chain: Chain;
  let service: Service;
  let server: Server;
  let serviceUrl: string;
  let site: VerifierServer;
  let siteConfig: VerifierSiteConfig;
  const contentDir = () => join(chain.dir, "content");
  let browser: Chromium;
  let transcript: TranscriptCredential;
  const files: Record<"transcript" | "letter" | "award" | "disclosed", string> = { transcript: "", letter: "", award: "", disclosed: "" };

  before(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    chain = await startChain();
    const verifierPort = await freePort();
    service = await startService(chain, "kinds-web", { worker: false, config: { shareCorsOrigins: [`http://127.0.0.1:${verifierPort}`] } });
    server = service.app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

    const deployment = JSON.parse(fs.readFileSync(chain.deploymentPath, "utf8")) as Deployment;
    const signer = new Wallet(DEV_PRIVATE_KEYS[UNIVERSITIES.harbour.devAccount] as string, chain.provider);
    const { nameEn, nameZh, domain } = UNIVERSITIES.harbour;
    const issuer = { id: signer.address, chainId: deployment.chainId, nameEn, nameZh, domain };
    // Issued today, so the letter's validity period (180 days) and the transcript's start hold whenever the suite runs.
    const today = new Date().toISOString().slice(0, 10);
    // The grading scale is published once in the content store, as `credanchor issue --scale` does; the page reads it there.
    const store = createDirectoryStore(contentDir(), fs);
    await store.put(gradingScaleBytes(SCALE));
    const issued = await issueCredentials(
      [
        buildTranscriptCredential(longTranscript(today), issuer, SCALE),
        buildLetterCredential({ ...LETTER_RECORD, issuedOn: today }, LETTER_TEMPLATE, issuer),
        buildCredential({ ...RECORD, validUntil: "2031-06-30" }, issuer),
      ],
      { issuer, anchor: deployment.anchor, signer, writer: createChainWriter(signer, deployment), store },
    );
    const [issuedTranscript, letter, award] = issued.batch.credentials;
    transcript = issuedTranscript as unknown as TranscriptCredential;
    const disclosed = disclose(transcript, ["/credentialSubject/cumulativeGpa", "/credentialSubject/terms/0/courses/0/mark"]);
    for (const [name, credential] of Object.entries({ transcript, letter, award, disclosed })) {
      files[name as keyof typeof files] = join(chain.dir, `${name}.json`);
      fs.writeFileSync(files[name as keyof typeof files], `${JSON.stringify(credential, null, 2)}\n`);
    }

    const distDir = join(chain.dir, "dist");
    await buildVerifier(distDir);
    siteConfig = { rpcUrl: chain.chain.url, deployment: siteDeployment(deployment), shareServiceUrl: serviceUrl, contentStoreUrl: "content/" };
    site = await serveVerifier({ port: verifierPort, distDir, config: siteConfig, contentDir: contentDir() });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await service?.stop();
    await chain?.stop();
  });

  /** Opens the page at `width` in `lang`, verifies `file` and waits for the verdict. */
  const verify = (file: string, lang: (typeof LANGUAGES)[number], width: number): Promise<{ page: Page; status: string | null }> =>
    openVerdict(browser.context, site.url, file, lang, width);

  const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  for (const width of [1280, 375]) {
    for (const lang of LANGUAGES) {
      it(`shows a 44-course transcript VALID, term by term, with its summary and its grading scale's legend checked against its CID (${lang}, ${width} px)`, async () => {
        const { page, status } = await verify(files.transcript, lang, width);
        try {
          expect(status).to.equal("VALID");
          const content = page.locator('#result [data-kind="transcript"]');
          expect(await content.locator("h2").innerText()).to.equal(say(lang, "kind.transcript"));
          expect(await content.locator(".term").count()).to.equal(8);
          expect(await content.locator(".term .transcript-table tbody tr").count()).to.equal(44);
          // The failed attempt and the repeat are both on the record, the repeat marked as such.
          const failed = content.locator('.term[data-term="2022-S1"] tr[data-code="MATH1010"]');
          expect(await failed.locator('[data-column="grade"]').innerText()).to.equal("F");
          const repeat = content.locator('.term[data-term="2023-S1"] tr[data-code="MATH1010"]');
          expect(await repeat.getAttribute("data-marker")).to.equal("repeat");
          expect(await repeat.locator('[data-column="note"]').innerText()).to.equal(say(lang, "transcript.marker.repeat"));
          expect(await content.locator('tr[data-marker="transfer"] [data-column="note"]').innerText()).to.equal(say(lang, "transcript.marker.transfer"));
          const text = await content.innerText();
          // Titles and term names in both languages, dates as core writes them in the page's language.
          for (const expected of ["Quantum Chemistry", "量子化學", "2025/26 Semester 2", "2025/26 年度下學期", "FL", "DIST"]) expect(text).to.contain(expected);
          expect(text).to.contain(formatDate("2026-06-30", lang)).and.to.contain(formatDate("2022-09-01", lang));
          expect(text).to.contain(transcript.credentialSubject.cumulativeGpa?.toFixed(2)).and.to.contain("HU-4.3-2020");
          const legend = content.locator('[data-scale="shown"]');
          await legend.waitFor();
          expect(await legend.locator(".scale-table tbody tr").count()).to.equal(SCALE.grades.length + 1);
          expect(await legend.locator('tr[data-grade="DIST"] [data-column="meaning"]').innerText()).to.contain("Pass with distinction").and.to.contain("優異及格");
          expect(await legend.locator('tr[data-grade="A+"] [data-column="points"]').innerText()).to.equal("4.30");
          expect(await legend.innerText()).to.contain(transcript.credentialSubject.gradingScale.cid).and.to.contain(SCALE.name[lang]);
          await legend.screenshot({ path: join(SCREENSHOTS, `kinds-scale-shown-${lang}-${width}.png`) });
          expect(text).to.contain(transcript.credentialSubject.degreeCredential);
          expect(await pageWidth(page)).to.be.at.most(width);
          await page.screenshot({ path: join(SCREENSHOTS, `kinds-transcript-${lang}-${width}.png`), fullPage: true });
        } finally {
          await page.close();
        }
      });

      it(`shows a certification letter VALID as a letter, in the page's language first (${lang}, ${width} px)`, async () => {
        const { page, status } = await verify(files.letter, lang, width);
        try {
          expect(status).to.equal("VALID");
          const content = page.locator('#result [data-kind="letter"]');
          const letters = content.locator(".letter");
          expect(await letters.count()).to.equal(2);
          expect(await letters.first().getAttribute("lang")).to.equal(lang);
          const first = await letters.first().innerText();
          const title = LETTER_TEMPLATE.title[lang];
          expect(first).to.contain(title).and.to.contain(LETTER_TEMPLATE.signerOffice[lang]).and.to.contain(LETTER_RECORD.name[lang]);
          expect(first).to.contain(lang === "en" ? "completed the Bachelor of Science in Chemistry and graduated on 2026-06-30" : "已修畢化學理學士課程");
          expect(first).not.to.contain("{");
          const today = new Date().toISOString().slice(0, 10);
          expect(await content.locator(".facts").innerText()).to.contain(formatDate(today, lang));
          expect(await pageWidth(page)).to.be.at.most(width);
          await page.screenshot({ path: join(SCREENSHOTS, `kinds-letter-${lang}-${width}.png`), fullPage: true });
        } finally {
          await page.close();
        }
      });
    }
  }

  it("shows no legend, and says why, when the content store answers other bytes under the scale's CID or cannot be reached", async () => {
    const cid = gradingScaleCid(SCALE);
    // A store whose file under the transcript's CID holds another scale: same id and shape, other legends.
    const forged = join(chain.dir, "forged-content");
    fs.mkdirSync(forged, { recursive: true });
    const other = { ...SCALE, grades: SCALE.grades.map((grade) => ({ ...grade, legend: { en: "Outstanding", "zh-Hant": "傑出" } })) };
    fs.writeFileSync(join(forged, cid), gradingScaleBytes(other));
    const closedPort = await freePort();
    const cases = [
      { status: "mismatch", site: await serveVerifier({ port: 0, distDir: join(chain.dir, "dist"), config: siteConfig, contentDir: forged }) },
      { status: "unreachable", site: await serveVerifier({ port: 0, distDir: join(chain.dir, "dist"), config: { ...siteConfig, contentStoreUrl: `http://127.0.0.1:${closedPort}/ipfs/` } }) },
    ];
    try {
      for (const { status, site: other } of cases) {
        for (const lang of LANGUAGES) {
          const { page, status: verdict } = await openVerdict(browser.context, other.url, files.transcript, lang, 375);
          try {
            expect(verdict).to.equal("VALID");
            const legend = page.locator(`#result [data-scale="${status}"]`);
            await legend.waitFor();
            const text = await legend.innerText();
            expect(text).to.contain(SCALE.id);
            expect(text).to.contain(lang === "en" ? "grades are shown exactly as issued" : "成績按原樣顯示");
            expect(await page.locator("#result .scale-table").count()).to.equal(0);
            expect(await page.locator("#result").innerText()).not.to.contain("Outstanding");
            expect(await pageWidth(page)).to.be.at.most(375);
            await legend.screenshot({ path: join(SCREENSHOTS, `kinds-scale-${status}-${lang}-375.png`) });
          } finally {
            await page.close();
          }
        }
      }
    } finally {
      for (const { site: other } of cases) await other.close();
    }
  });

  it("lists a transcript's hidden GPA and marks sections once each, and marks every hidden value where it stood", async () => {
    const { page, status } = await verify(files.disclosed, "en", 1280);
    try {
      expect(status).to.equal("VALID");
      expect(await page.locator(".hidden-list li").allInnerTexts()).to.deep.equal([say("en", "transcript.section.gpa"), say("en", "transcript.section.marks")]);
      const marks = transcript.credentialSubject.terms.flatMap((term) => term.courses).filter((course) => course.mark !== undefined).length;
      expect(await page.locator('td[data-column="mark"] .hidden-value').count()).to.equal(marks);
      expect(await page.locator(".term__gpa .hidden-value").count()).to.equal(8);
    } finally {
      await page.close();
    }
  });

  it("an award still shows its award", async () => {
    const { page, status } = await verify(files.award, "en", 1280);
    try {
      expect(status).to.equal("VALID");
      expect(await page.locator('#result [data-kind="award"]').innerText()).to.contain("Bachelor of Science").and.to.contain("First Class Honours");
    } finally {
      await page.close();
    }
  });

  for (const lang of LANGUAGES) {
    it(`bulk: a mixed batch shows each row's kind, filters by kind and exports the kind in both languages (${lang})`, async () => {
      for (const width of [1280, 375]) {
        const page = await browser.context.newPage();
        try {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(site.url);
          await page.waitForSelector("body[data-ready]");
          await page.click(`[data-language="${lang}"]`);
          await page.setInputFiles("#file-input", [files.transcript, files.letter, files.award]);
          await page.waitForFunction(() => document.querySelector("#bulk-summary")?.textContent !== "");
          const kinds = await page.$$eval("#bulk-body td[data-kind]", (cells) => cells.map((cell) => [cell.getAttribute("data-kind"), cell.textContent]));
          expect(kinds.sort()).to.deep.equal([["award", say(lang, "kind.award")], ["letter", say(lang, "kind.letter")], ["transcript", say(lang, "kind.transcript")]]);
          expect(await page.locator('#bulk-body tr[data-status="VALID"]').count()).to.equal(3);
          expect(await pageWidth(page)).to.be.at.most(width);
          await page.screenshot({ path: join(SCREENSHOTS, `kinds-bulk-${lang}-${width}.png`), fullPage: true });
          await page.selectOption("#bulk-filter", "transcript");
          expect(await page.$$eval("#bulk-body td[data-kind]", (cells) => cells.map((cell) => cell.getAttribute("data-kind")))).to.deep.equal(["transcript"]);
          if (width === 375) continue;
          const [download] = await Promise.all([page.waitForEvent("download"), page.click("#bulk-export")]);
          const [header, ...lines] = readCsv(fs.readFileSync((await download.path()) as string, "utf8"), ",");
          expect(header?.slice(-2)).to.deep.equal(lang === "en" ? ["Kind (English)", "Kind (Chinese)"] : ["類別（英文）", "類別（中文）"]);
          // The export holds every row whatever the filter, each kind in both languages.
          expect(lines.map((line) => line.slice(-2)).sort()).to.deep.equal(
            (["award", "letter", "transcript"] as const).map((kind) => [say("en", `kind.${kind}`), say("zh-Hant", `kind.${kind}`)]).sort(),
          );
        } finally {
          await page.close();
        }
      }
    });
  }

  /** The pages of a PDF as PNG files (pdftoppm), in order; those of an earlier run are removed first. */
  function pagesOf(pdf: string, prefix: string): string[] {
    for (const name of fs.readdirSync(SCREENSHOTS)) if (name.startsWith(`${prefix}-`)) fs.rmSync(join(SCREENSHOTS, name));
    const render = spawnSync("pdftoppm", ["-png", "-r", "80", pdf, join(SCREENSHOTS, prefix)]);
    expect(render.status, render.stderr.toString()).to.equal(0);
    return fs
      .readdirSync(SCREENSHOTS)
      .filter((name) => new RegExp(`^${prefix}-\\d+\\.png$`).test(name))
      .sort()
      .map((name) => join(SCREENSHOTS, name));
  }

  /**
   * The QR code on page `number` of a PDF, read from its pixels as a phone would: the page's left strip, where the
   * verification block stands (at the foot of a full page, under the text on a short last page), rendered at 150 dpi
   * as a greyscale PGM (pdftoppm -gray) and decoded with jsQR here.
   */
  function qrOn(pdf: string, number: number): string | undefined {
    const render = spawnSync("pdftoppm", ["-gray", "-r", "150", "-f", String(number), "-l", String(number), "-x", "0", "-y", "0", "-W", "420", "-H", "1754", "-singlefile", pdf]);
    expect(render.status, render.stderr.toString()).to.equal(0);
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(render.stdout.subarray(0, 32).toString("latin1"));
    expect(header, "a binary PGM").to.not.equal(null);
    const [width, height] = [Number(header?.[1]), Number(header?.[2])];
    const grey = render.stdout.subarray((header?.[0] ?? "").length);
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) rgba.fill(grey[i] as number, i * 4, i * 4 + 3).fill(255, i * 4 + 3, i * 4 + 4);
    return jsQR(rgba, width, height)?.data;
  }

  /** A share link for `file` from the issuer service, as a graduate makes one with `credanchor share`. */
  async function shareLink(file: string): Promise<string> {
    const result = await runCliOrThrow(["share", file, "--expires", "2d", "--service", serviceUrl, "--verifier", site.url, "--json"], chain.env);
    return (JSON.parse(result.stdout) as { link: string }).link;
  }

  async function opensValid(link: string, kind: string): Promise<void> {
    const page = await browser.context.newPage();
    try {
      await page.goto(link);
      // A link the page refuses shows a message instead of a verdict: either ends the wait, the message in the failure.
      await page.waitForSelector(`${STATUS}[data-status], #input-message:not([hidden])`, { timeout: 60_000 });
      expect(await page.locator("#input-message:not([hidden])").allInnerTexts()).to.deep.equal([]);
      expect(await page.locator(STATUS).getAttribute("data-status")).to.equal("VALID");
      expect(await page.locator(`#result [data-kind="${kind}"]`).count()).to.equal(1);
    } finally {
      await page.close();
    }
  }

  it("credanchor print writes a transcript as a multi-page A4 PDF: the university, 'Page n of N' and the QR code on every page, the grading scale's legend from the content store; the last page's QR opens a link that verifies", async () => {
    const link = await shareLink(files.transcript);
    const pdf = join(chain.dir, "transcript.pdf");
    await runCliOrThrow(["print", files.transcript, "--out", pdf, "--link", link, "--store", contentDir()], chain.env);
    const pages = pagesOf(pdf, "kinds-print-transcript");
    expect(pages.length).to.be.at.least(2);
    for (let number = 1; number <= pages.length; number++) {
      const text = spawnSync("pdftotext", ["-f", String(number), "-l", String(number), "-layout", pdf, "-"]).stdout.toString();
      expect(text, `page ${number}`).to.contain("Harbour University").and.to.contain("海港大學");
      expect(text, `page ${number}`).to.contain(`Page ${number} of ${pages.length}`).and.to.contain(`第${number}頁，共${pages.length}頁`);
      expect(qrOn(pdf, number), `QR code of page ${number}`).to.equal(link);
    }
    const all = spawnSync("pdftotext", ["-layout", pdf, "-"]).stdout.toString();
    for (const expected of ["MATH1010", "量子化學", "Final Year Project II", "2025/26 年度下學期"]) expect(all).to.contain(expected);
    // The grading scale read from the content store (--store) and checked against its CID is printed as a legend.
    expect(all).to.contain("Highest GPA on this scale: 4.30").and.not.to.contain("could not be obtained here");
    await opensValid(link, "transcript");
  });

  it("credanchor print refuses a content store whose file under the scale's CID holds other bytes", async () => {
    const tampered = join(chain.dir, "tampered-content");
    const { cid } = (JSON.parse(fs.readFileSync(files.transcript, "utf8")) as TranscriptCredential).credentialSubject.gradingScale;
    fs.mkdirSync(tampered, { recursive: true });
    fs.writeFileSync(join(tampered, cid), JSON.stringify({ ...SCALE, maxGpa: 4 }));
    const result = await runCli(["print", files.transcript, "--out", join(chain.dir, "refused.pdf"), "--link", "https://verify.example/", "--store", tampered], chain.env);
    expect(result.code).to.not.equal(0);
    expect(result.stderr).to.contain("CONTENT_CID_MISMATCH");
    expect(fs.existsSync(join(chain.dir, "refused.pdf"))).to.equal(false);
  });

  for (const lang of LANGUAGES) {
    it(`the page's Print of a VALID transcript opened from a share link is core's multi-page A4, as credanchor print renders it: the university, 'Page n of N' and the QR code on every page, the checked grading scale's legend; the last page's QR opens a link that verifies (${lang})`, async () => {
      const link = await shareLink(files.transcript);
      const page = await browser.context.newPage();
      const pdf = join(chain.dir, `page-transcript-${lang}.pdf`);
      try {
        await page.goto(link);
        await page.waitForSelector("body[data-ready]");
        await page.click(`[data-language="${lang}"]`);
        expect(await (await page.waitForSelector(`${STATUS}[data-status]`, { timeout: 60_000 })).getAttribute("data-status")).to.equal("VALID");
        // The browser's print dialog is the user's; here the page's print media is rendered to a PDF instead.
        await page.evaluate(() => {
          window.print = () => undefined;
        });
        await page.click("#print-button");
        await page.waitForSelector("body.printing-credential #print-sheet .transcript-sheet", { state: "attached" });
        await page.emulateMedia({ media: "print" });
        fs.writeFileSync(pdf, await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true }));
      } finally {
        await page.close();
      }
      const pages = pagesOf(pdf, `kinds-pageprint-transcript-${lang}`);
      expect(pages.length).to.be.at.least(2);
      for (let number = 1; number <= pages.length; number++) {
        const text = spawnSync("pdftotext", ["-f", String(number), "-l", String(number), "-layout", pdf, "-"]).stdout.toString();
        expect(text, `page ${number}`).to.contain("Harbour University").and.to.contain("海港大學");
        expect(text, `page ${number}`).to.contain(`Page ${number} of ${pages.length}`).and.to.contain(`第${number}頁，共${pages.length}頁`);
        // The verifier page itself (its header, buttons and checks) is not part of the printout.
        expect(text, `page ${number}`).not.to.contain((lang === "en" ? webEn : webZhHant)["web.actions.again"]);
        expect(qrOn(pdf, number), `QR code of page ${number}`).to.equal(link);
      }
      const all = spawnSync("pdftotext", ["-layout", pdf, "-"]).stdout.toString();
      for (const expected of ["MATH1010", "量子化學", "Final Year Project II", "2025/26 年度下學期"]) expect(all).to.contain(expected);
      // The grading scale the page fetched and checked against its CID is printed as a legend after the terms.
      expect(all).to.contain("Highest GPA on this scale: 4.30").and.to.contain("勉強及格").and.not.to.contain("could not be obtained here");
      await opensValid(link, "transcript");
    });
  }

  it("credanchor print writes a letter on one A4 page whose QR code opens a link that verifies", async () => {
    const link = await shareLink(files.letter);
    const pdf = join(chain.dir, "letter.pdf");
    await runCliOrThrow(["print", files.letter, "--out", pdf, "--link", link], chain.env);
    const pages = pagesOf(pdf, "kinds-print-letter");
    expect(pages).to.have.length(1);
    const text = spawnSync("pdftotext", ["-layout", pdf, "-"]).stdout.toString();
    expect(text).to.contain("Certification of Graduation").and.to.contain("畢業證明書").and.to.contain("Academic Registrar");
    expect(qrOn(pdf, 1)).to.equal(link);
    await opensValid(link, "letter");
  });
});
