import { expect } from "chai";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { CHROMIUM_PATH } from "../../scripts/lib/launchChromium";
import { checkNarrowAndShoot } from "./checkNarrowAndShoot";
import { type ConsoleBackend, startConsoleBackend } from "./startConsoleBackend";

const FIXTURES = join(__dirname, "..", "core", "fixtures", "kinds");
const fixture = (name: string) => ({ name, mimeType: name.endsWith(".json") ? "application/json" : "text/csv", buffer: readFileSync(join(FIXTURES, name)) });
/** Anchoring on the test chain takes seconds; a batch is waited for this long before the test fails. */
const PUBLISH_MS = 60_000;

/** Issue 15 item 2: a registrar issues a transcript batch and a letter batch from the console and opens one of each. */
describe("issuer service: registrar console issues every kind in Chromium", function () {
  this.timeout(240_000);
  let backend: ConsoleBackend | undefined;

  before(async function () {
    if (!existsSync(CHROMIUM_PATH)) {
      console.warn(`Skipping the console kinds browser test: ${CHROMIUM_PATH} is missing (apt-get install -y chromium).`);
      this.skip();
    }
    backend = await startConsoleBackend("console-kinds");
  });
  after(async () => backend?.stop());

  /** Opens the credential of `student` among the credentials of `kind` (its name links to it). */
  async function openCredential(page: Page, kind: string, name: string): Promise<void> {
    await page.evaluate((hash) => (location.hash = hash), `#/credentials?kind=${kind}`);
    await page.locator("table.stack tbody tr").first().waitFor();
    await page.getByRole("link", { name, exact: true }).click();
    await page.getByRole("heading", { name }).waitFor();
  }
  const facts = async (page: Page) =>
    Object.fromEntries(
      await page.locator(".facts dt").evaluateAll((terms) => terms.map((term) => [term.textContent ?? "", term.nextElementSibling?.textContent ?? ""])),
    ) as Record<string, string>;

  it("issues a transcript batch and a letter batch, shows them anchored and filtered by kind, and opens one of each, in both languages at 1280 and 375 px", async () => {
    const { browser, service, url } = backend!;
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(url);
    await page.getByLabel("API key").fill(service.keys.harbour);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Batches" }).waitFor();

    // Transcripts: the course rows wait for the grading scale; a wrong grade is a row error naming row and column.
    await page.getByRole("link", { name: "Issue", exact: true }).click();
    await page.getByLabel("Transcript", { exact: true }).check();
    const courses = fixture("transcripts.csv");
    await page.locator("#file").setInputFiles({ ...courses, buffer: Buffer.from(courses.buffer.toString("utf8").replace(",A-,,82", ",A++,,82")) });
    await page.getByText("Choose the grading scale as well").waitFor();
    await page.locator("#scale-file").setInputFiles(fixture("grading-scale.json"));
    await page.getByText("1 problem(s) in transcripts.csv").waitFor();
    const cells = await page.locator(".row-problems tbody tr").first().locator("td").allTextContents();
    expect(cells.slice(0, 3)).to.deep.equal(["2", "grade", "A++"]);
    expect(cells[3]).to.match(/^grade "A\+\+" is not a grade of the grading scale HU-4\.3-2020\./);
    await checkNarrowAndShoot(page, "kinds-row-errors-en");

    // The file fixed: a preview of each student's transcript at a glance, with the sections holders may hide.
    await page.getByLabel("Marks", { exact: true }).uncheck();
    await page.locator("#file").setInputFiles(courses);
    await page.getByText("2 transcripts in transcripts.csv; every row is valid.").waitFor();
    const first = page.locator(".preview-card").first();
    expect(await first.locator(".preview-card__name").textContent()).to.equal("Chan Tai Man · 陳大文");
    expect(await first.textContent()).to.include("Bachelor of Science in Chemistry · 化學理學士").and.include("Completed on 30 June 2026").and.include("3 terms, 9 courses");
    await checkNarrowAndShoot(page, "kinds-transcript-preview-en");
    await page.getByRole("button", { name: "Issue 2 credentials" }).click();
    await page.getByText("2 credentials are published.").waitFor({ timeout: PUBLISH_MS });

    // Letters: the template and a CSV of its fields.
    await page.getByRole("link", { name: "Issue", exact: true }).click();
    await page.getByLabel("Certification letter", { exact: true }).check();
    await page.locator("#template-file").setInputFiles(fixture("letter-template.json"));
    await page.locator("#file").setInputFiles(fixture("letters.csv"));
    await page.getByText("2 letters in letters.csv; every row is valid.").waitFor();
    // Each letter as it will read: the template's title and body filled with the row's fields.
    expect(await page.locator(".preview-card").first().textContent())
      .to.include("Certification of Graduation")
      .and.include("This is to certify that Chan Tai Man (student number HU2026001) completed the Bachelor of Science in Chemistry and graduated on 2026-06-30.");
    await checkNarrowAndShoot(page, "kinds-letter-preview-en");
    await page.getByRole("button", { name: "Issue 2 credentials" }).click();
    await page.getByText("2 credentials are published.").waitFor({ timeout: PUBLISH_MS });

    // Both batches anchored, each with its kind; the kind filter narrows the list.
    await page.getByRole("link", { name: "Batches", exact: true }).click();
    const rows = page.locator("table.stack tbody tr");
    await rows.nth(1).waitFor();
    expect(await rows.count()).to.equal(2);
    expect(await rows.nth(0).textContent()).to.include("Certification letter").and.include("2 valid");
    expect(await rows.nth(1).textContent()).to.include("Transcript").and.include("2 valid");
    await page.getByLabel("Kind").selectOption("transcript");
    await rows.filter({ hasText: "Certification letter" }).waitFor({ state: "detached" });
    expect(await rows.count()).to.equal(1);
    await checkNarrowAndShoot(page, "kinds-batches-en");

    // One transcript and one letter, as the registrar reads them.
    await openCredential(page, "transcript", "Chan Tai Man");
    const transcript = await facts(page);
    expect(transcript).to.deep.include({
      Kind: "Transcript",
      Programme: "Bachelor of Science in Chemistry · 化學理學士",
      Studies: "Completed on 30 June 2026",
      "Terms and courses": "3 terms, 9 courses",
      "Cumulative GPA": "3.42",
      "Credits earned / attempted": "27 / 27",
      "Grading scale": "HU-4.3-2020",
    });
    await checkNarrowAndShoot(page, "kinds-transcript-en");
    await openCredential(page, "letter", "Lee Ka Yan");
    const letter = await facts(page);
    expect(letter).to.include({ Kind: "Certification letter", Letter: "Certification of Graduation", "Signed by": "Academic Registrar · 教務長" });
    expect(letter.Valid).to.match(/^\d{1,2} \w+ \d{4} to \d{1,2} \w+ \d{4}$/);
    await checkNarrowAndShoot(page, "kinds-letter-en");

    // The same in Traditional Chinese.
    await page.getByRole("button", { name: "繁體中文" }).click();
    await page.getByText("畢業證明書").waitFor();
    expect((await facts(page))["有效期"]).to.match(/^\d{4}年\d{1,2}月\d{1,2}日至\d{4}年\d{1,2}月\d{1,2}日$/);
    await checkNarrowAndShoot(page, "kinds-letter-zh-Hant");
    await openCredential(page, "transcript", "陳大文");
    expect(await facts(page)).to.deep.include({ 類別: "成績單", 課程: "化學理學士 · Bachelor of Science in Chemistry", 修讀狀況: "於2026年6月30日完成" });
    await checkNarrowAndShoot(page, "kinds-transcript-zh-Hant");
    await page.getByRole("link", { name: "批次", exact: true }).click();
    await page.locator("table.stack tbody tr").filter({ hasText: "成績單" }).waitFor();
    await checkNarrowAndShoot(page, "kinds-batches-zh-Hant");
    await page.getByRole("link", { name: "簽發", exact: true }).click();
    await page.getByLabel("成績單", { exact: true }).check();
    await page.locator("#scale-file").setInputFiles(fixture("grading-scale.json"));
    await page.locator("#file").setInputFiles(courses);
    // Both students hold a transcript now: each row is refused, in Chinese.
    await page.locator(".row-problems").waitFor();
    expect(await page.locator(".row-problems tbody tr").count()).to.equal(2);
    await checkNarrowAndShoot(page, "kinds-upload-zh-Hant");

    // Expected failures only: none (a dry run's lifecycle refusals come back as warnings, not errors), bar the 422 of the wrong grade.
    expect(problems.filter((text) => !/status of 422/.test(text)), problems.join("\n")).to.deep.equal([]);
  });
});
