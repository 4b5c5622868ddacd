/**
 * Issue 14, "Postgraduate degrees have no honours class": a registrar's CSV with empty honours cells for its MSc and
 * PhD graduates is accepted by the issuer service, the credentials verify VALID in the built verifier page, and the
 * page shows no Honours row for them (while an undergraduate's still has one), in both languages at 1280 and 375 px.
 * Screenshots go to test/screenshots/ (git-ignored).
 */
import { expect } from "chai";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { protocolCatalogues } from "../../core/src/i18n/protocolCatalogues";
import { launchChromium, type Chromium } from "../../scripts/lib/launchChromium";
import { buildVerifier, serveVerifier, type VerifierServer } from "../../verifier-web/serve";
import { downloadZip, issueCsv, startChain, startService, type Chain, type Service } from "../issuer-service/harness";
import { openVerdict } from "./helpers/openVerdict";

const SCREENSHOTS = join(__dirname, "..", "screenshots");
const CSV = [
  "student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date,gpa,honours_zh",
  "HON0001,Chan Tai Man,陳大文,Bachelor of Science,理學士,Chemistry,化學,First Class Honours,2025-06-30,3.71,",
  "HON0002,Ho Wai Ling,何慧玲,Master of Science,理學碩士,Data Science,數據科學,,2025-06-30,3.90,",
  "HON0003,Lee Siu Ming,李小明,Doctor of Philosophy,哲學博士,Physics,物理學,,2025-06-30,,",
].join("\n");
const HONOURS_LABEL = { en: protocolCatalogues.en["field.honours"], "zh-Hant": protocolCatalogues["zh-Hant"]["field.honours"] };

describe("verifier web (browser): awards without honours", function () {
  this.timeout(300_000);
  let chain: Chain;
  let service: Service;
  let site: VerifierServer;
  let browser: Chromium;
  /** Credential files by student id. */
  const files: Record<string, string> = {};

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    chain = await startChain();
    service = await startService(chain, "honours", { engine: "sqlite" });
    const batch = await issueCsv(service.app, service.keys.harbour, CSV);
    const zip = await downloadZip(service.app, service.keys.harbour, batch.id);
    for (const [name, bytes] of Object.entries(zip)) {
      if (name.startsWith("batch-")) continue;
      const studentId = (JSON.parse(new TextDecoder().decode(bytes)) as { credentialSubject: { studentId: string } }).credentialSubject.studentId;
      files[studentId] = join(chain.dir, name);
      writeFileSync(files[studentId], bytes);
    }
    const deployment = JSON.parse(readFileSync(chain.deploymentPath, "utf8")) as { chainId: number; anchor: string; registry: string };
    const distDir = join(chain.dir, "dist");
    await buildVerifier(distDir);
    site = await serveVerifier({ port: 0, distDir, config: { rpcUrl: chain.chain.url, deployment: { chainId: deployment.chainId, anchor: deployment.anchor, registry: deployment.registry } } });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    await service?.stop();
    await chain?.stop();
  });

  it("issues the MSc and PhD rows without an honours claim", () => {
    expect(Object.keys(files).sort()).to.deep.equal(["HON0001", "HON0002", "HON0003"]);
    for (const [studentId, hasHonours] of [["HON0001", true], ["HON0002", false], ["HON0003", false]] as const) {
      const credential = JSON.parse(readFileSync(files[studentId]!, "utf8")) as { credentialSubject: Record<string, unknown> };
      expect(Object.hasOwn(credential.credentialSubject, "honours"), studentId).to.equal(hasHonours);
    }
  });

  /** The labels of the credential's fact rows, once the verdict is in. */
  async function verify(width: number, lang: "en" | "zh-Hant", file: string): Promise<{ page: Page; status: string | null; labels: string[]; emptyValues: number }> {
    const { page, status } = await openVerdict(browser.context, site.url, file, lang, width);
    const rows = page.locator("#result .facts__row");
    const labels = (await rows.locator("dt").allTextContents()).map((label) => label.trim());
    const values = await rows.locator("dd").allTextContents();
    return { page, status, labels, emptyValues: values.filter((value) => value.trim() === "").length };
  }

  for (const width of [1280, 375]) {
    for (const lang of ["en", "zh-Hant"] as const) {
      it(`shows the PhD and MSc credentials VALID with no Honours row, the BSc with one (${lang}, ${width} px)`, async () => {
        for (const [studentId, hasHonours] of [["HON0003", false], ["HON0002", false], ["HON0001", true]] as const) {
          const { page, status, labels, emptyValues } = await verify(width, lang, files[studentId]!);
          try {
            const label = `${studentId} ${lang} ${width}`;
            expect(status, label).to.equal("VALID");
            expect(labels, label).to.have.length.greaterThan(5);
            expect(labels.includes(HONOURS_LABEL[lang]), label).to.equal(hasHonours);
            expect(emptyValues, label).to.equal(0);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
            expect(overflow, label).to.be.at.most(width);
            await page.screenshot({ path: join(SCREENSHOTS, `honours-${studentId}-${lang}-${width}.png`), fullPage: true });
          } finally {
            await page.close();
          }
        }
      });
    }
  }
});
