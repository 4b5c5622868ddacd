import { expect } from "chai";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gradingScaleCid, GradingScale } from "../../../core/src/kinds/GradingScale";
import { startCliChain, type CliChain } from "../helpers/startCliChain";

const FIXTURES = join(__dirname, "..", "..", "core", "fixtures", "kinds");
const SCALE_FILE = join(FIXTURES, "grading-scale.json");

/** `credanchor issue --kind transcript|letter|award` end to end: issue, verify (the kind in text and JSON), disclose. */
describe("credanchor issue --kind (SPEC §12)", function () {
  this.timeout(240_000);
  let chain: CliChain;
  const files = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".json") && !f.startsWith("batch-")).sort().map((f) => join(dir, f));

  before(async () => {
    chain = await startCliChain("kinds");
    expect((await chain.cli("deploy")).code).to.equal(0);
    const accredited = await chain.cli("accredit", chain.address(1), "--name-en", "Harbour University", "--name-zh", "海港大學");
    expect(accredited.code, accredited.stderr).to.equal(0);
  });
  after(async () => chain?.stop());

  it("--help documents --kind, --scale, --hideable and --template", async () => {
    const help = await chain.cli("issue", "--help");
    expect(help.stdout).to.contain("--kind <kind>").and.to.contain('choices: "award", "transcript", "letter"').and.to.contain('default: "award"');
    expect(help.stdout).to.contain("--scale <file>").and.to.contain("--template <file>").and.to.contain("--hideable <sections>");
  });

  it("issues transcripts, publishes their grading scale, and verify names the kind; the holder hides only whole sections", async () => {
    const out = join(chain.dir, "transcripts");
    const store = join(chain.dir, "content");
    const issued = await chain.cli("issue", "--kind", "transcript", "--input", join(FIXTURES, "transcripts.csv"), "--scale", SCALE_FILE, "--out", out, "--store", store, "--json");
    expect(issued.code, issued.stderr).to.equal(0);
    expect(JSON.parse(issued.stdout)).to.include({ kind: "transcript", count: 2 });
    const cid = gradingScaleCid(GradingScale.parse(JSON.parse(readFileSync(SCALE_FILE, "utf8"))));
    expect(existsSync(join(store, cid))).to.equal(true);

    const [first] = files(out);
    expect(first).to.match(/HU2026001-transcript\.json$/);
    const { code, report } = await chain.verify(first as string);
    expect(code, JSON.stringify(report.checks.filter((c) => c.status !== "VALID"))).to.equal(0);
    expect(report.credential?.kind).to.equal("transcript");
    const text = await chain.cli("verify", first as string);
    expect(text.stdout).to.contain("Transcript · Chan Tai Man — Harbour University");
    expect((await chain.cli("verify", first as string, "--lang", "zh-Hant")).stdout).to.contain("成績單 · 陳大文 — 海港大學");

    const clr = join(chain.dir, "transcript.clr.json");
    const exported = await chain.cli("export", first as string, "--format", "vc", "--out", clr, "--lang", "zh-Hant");
    expect(exported.code, exported.stderr).to.equal(0);
    expect(JSON.parse(readFileSync(clr, "utf8")).type).to.deep.equal(["VerifiableCredential", "ClrCredential"]);
    const fromClr = await chain.verify(clr);
    expect(fromClr.code, JSON.stringify(fromClr.report.checks)).to.equal(0);
    expect(fromClr.report.credential?.kind).to.equal("transcript");

    const disclosed = join(chain.dir, "disclosed.json");
    const hid = await chain.cli("disclose", first as string, "--hide", "/credentialSubject/terms/0/gpa", "--out", disclosed, "--json");
    expect(hid.code, hid.stderr).to.equal(0);
    expect(JSON.parse(hid.stdout).hiddenClaims).to.include.members(["/credentialSubject/cumulativeGpa", "/credentialSubject/terms/2/gpa"]);
    const after = await chain.verify(disclosed);
    expect(after.code).to.equal(0);
    expect(after.report.credential?.hiddenClaims).to.include("/credentialSubject/terms/1/gpa");
    expect((await chain.cli("verify", disclosed)).stdout).to.match(/Hidden by the holder: .*\/credentialSubject\/cumulativeGpa/);

    const refused = await chain.cli("disclose", first as string, "--hide", "/credentialSubject/terms/0/courses/1", "--out", join(chain.dir, "no.json"));
    expect(refused.code).to.not.equal(0);
    expect(`${refused.stdout}${refused.stderr}`).to.contain("does not let this claim be hidden");
  });

  it("issues letters from a template and a CSV of fields; an award batch without --kind is today's", async () => {
    const out = join(chain.dir, "letters");
    const issued = await chain.cli("issue", "--kind", "letter", "--input", join(FIXTURES, "letters.csv"), "--template", join(FIXTURES, "letter-template.json"), "--out", out);
    expect(issued.code, issued.stderr).to.equal(0);
    const [letter] = files(out);
    expect(letter).to.match(/HU2026001-proof-of-graduation\.json$/);
    expect((await chain.verify(letter as string)).report.credential?.kind).to.equal("letter");
    expect((await chain.cli("verify", letter as string)).stdout).to.contain("Certification letter · Chan Tai Man");
    const exportedLetter = join(chain.dir, "letter.vc.json");
    const exported = await chain.cli("export", letter as string, "--format", "vc", "--out", exportedLetter);
    expect(exported.code, exported.stderr).to.equal(0);
    expect(JSON.parse(readFileSync(exportedLetter, "utf8")).type).to.deep.equal(["VerifiableCredential", "AchievementCredential"]);
    const fromExport = await chain.verify(exportedLetter);
    expect(fromExport.code).to.equal(0);
    expect(fromExport.report.credential?.kind).to.equal("letter");

    const [award] = await chain.issue("awards", 1);
    const verified = await chain.verify(award as string);
    expect(verified.code).to.equal(0);
    expect(verified.report.credential?.kind).to.equal("award");
  });

  it("refuses a transcript file with row errors (row and column, both languages) and --kind transcript without --scale", async () => {
    const bad = join(chain.dir, "bad.csv");
    writeFileSync(bad, readFileSync(join(FIXTURES, "transcripts.csv"), "utf8").replace(",A-,,82", ",A++,,82"));
    const english = await chain.cli("issue", "--kind", "transcript", "--input", bad, "--scale", SCALE_FILE, "--out", join(chain.dir, "bad"));
    expect(english.code).to.equal(1);
    expect(`${english.stdout}${english.stderr}`).to.contain('Row 2, grade [UNKNOWN_GRADE]: grade "A++" is not a grade of the grading scale HU-4.3-2020.');
    const chinese = await chain.cli("issue", "--kind", "transcript", "--input", bad, "--scale", SCALE_FILE, "--out", join(chain.dir, "bad"), "--lang", "zh-Hant");
    expect(`${chinese.stdout}${chinese.stderr}`).to.contain("第 2 行，grade [UNKNOWN_GRADE]：grade「A++」並非評級制度 HU-4.3-2020 的等級。");
    expect(existsSync(join(chain.dir, "bad"))).to.equal(false);

    const noScale = await chain.cli("issue", "--kind", "transcript", "--input", bad, "--out", join(chain.dir, "bad"));
    expect(noScale.code).to.equal(2);
    expect(noScale.stderr).to.contain("--kind transcript needs --scale FILE.");
  });
});
