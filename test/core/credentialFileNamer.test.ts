import { expect } from "chai";
import { credentialFileNamer } from "../../core/src/credentialFileNamer";

const names = (ids: string[], reserved?: string[]) => ids.map(credentialFileNamer(reserved));

describe("credentialFileNamer", () => {
  it("keeps ordinary student ids as they are", () => {
    expect(names(["HU2026001", "HU2026002"])).to.deep.equal(["HU2026001.json", "HU2026002.json"]);
  });

  it("gives distinct names to ids that sanitise or case-fold to the same name", () => {
    const result = names(["S/1", "S_1", "s_1", "S:1"]);
    expect(result).to.deep.equal(["S_1.json", "S_1-2.json", "s_1-3.json", "S_1-4.json"]);
    expect(new Set(result.map((n) => n.toLowerCase())).size).to.equal(4);
  });

  it("never hands out a reserved name", () => {
    expect(names(["batch-report"], ["BATCH-REPORT.json"])).to.deep.equal(["batch-report-2.json"]);
  });

  it("never produces a path outside the output directory", () => {
    for (const name of names(["../../etc/passwd", "..", ".hidden", "a\\b"])) {
      expect(name).to.match(/^[A-Za-z0-9_][A-Za-z0-9._-]*\.json$/);
    }
  });
});
