import { expect } from "chai";
import { toCsv } from "../../core/src/toCsv";
import { readCsv } from "../lib/readCsv";

const FORMULA = /^\s*[=+\-@\t\r＝＋－＠]/;
const HOSTILE = ["Chan;=1+1", "Chan,=1+1", "=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", " =1+1", "＝1+1", '=HYPERLINK("http://x")', "a\nb", '陳"大"文'];

describe("toCsv (exports an officer opens in a spreadsheet)", () => {
  for (const separator of [",", ";"]) {
    it(`leaves no cell a spreadsheet splitting on "${separator}" could evaluate`, () => {
      const csv = toCsv([["file", "name"], ...HOSTILE.map((name, i) => [`f${i}.json`, name])]);
      const records = readCsv(csv, separator);
      expect(records).to.have.length(HOSTILE.length + 1);
      for (const record of records) {
        for (const cell of record) expect(cell, JSON.stringify(record)).not.to.match(FORMULA);
      }
      // With the separator the file was written for, each hostile name is one cell, kept whole after the quote mark.
      if (separator === ",") records.slice(1).forEach((record, i) => expect(record[1]?.replace(/^'/, "")).to.equal(HOSTILE[i]));
    });
  }

  it("starts with a byte order mark and keeps Chinese as it is", () => {
    expect(toCsv([["陳大文"]])).to.equal('\uFEFF"陳大文"\r\n');
  });
});
