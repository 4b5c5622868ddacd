import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../../scripts/lib/runCli";

/** Row errors are found before any chain is contacted, so these runs need no node. */
describe("credanchor issue: row errors", function () {
  this.timeout(60_000);
  let dir: string;
  let input: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "credanchor-issue-"));
    input = join(dir, "graduates.csv");
    writeFileSync(
      input,
      [
        "student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date",
        "S1,Chan \u202ETai Man,陳大文,Bachelor of Arts,文學士,History,歷史,First Class Honours,2025-06-30",
        "S2,Lee Siu Ming,李小明,Doctor of Philosophy,哲學博士,Physics,物理學,,2099-06-30",
      ].join("\n"),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [lang, first, second] of [
    ["en", 'Row 2, name_en [INVALID_CHARACTERS]: name_en contains invisible characters', "Row 3, award_date [AWARD_DATE_FUTURE]: award_date 2099-06-30 is later than today"],
    ["zh-Hant", "第 2 行，name_en [INVALID_CHARACTERS]：name_en 含有不允許的不可見字元", "第 3 行，award_date [AWARD_DATE_FUTURE]：award_date 2099-06-30 遲於今天"],
  ] as const) {
    it(`lists each row error once with its row, column, the value shown safely and the fix (${lang})`, async () => {
      const result = await runCli(["issue", "--input", input, "--out", join(dir, "out"), "--lang", lang, "--rpc", "http://127.0.0.1:9"]);
      const output = `${result.stdout}${result.stderr}`;
      expect(result.code, output).to.equal(1);
      expect(output).to.contain(first).and.to.contain(second).and.to.contain("Chan <U+202E>Tai Man");
      expect(output).not.to.contain("\u202E");
      // The empty honours of the PhD row is not an error.
      expect(output).not.to.match(/honours/);
      expect(existsSync(join(dir, "out"))).to.equal(false);
    });
  }
});
