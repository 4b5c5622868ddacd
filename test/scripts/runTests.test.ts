import { expect } from "chai";
import { dealFiles } from "../../scripts/run-tests";

describe("npm test's shards (scripts/run-tests.ts dealFiles)", () => {
  it("deals the longest files first, each to the shard with the least work", () => {
    const durations = { "test/a.ts": 50, "test/b.ts": 40, "test/c.ts": 30, "test/d.ts": 20 };
    expect(dealFiles(Object.keys(durations), durations, 2)).to.deep.equal([
      ["test/a.ts", "test/d.ts"],
      ["test/b.ts", "test/c.ts"],
    ]);
  });

  it("counts a file without a recorded duration as the median of the recorded ones", () => {
    const durations = { "test/a.ts": 10, "test/b.ts": 30, "test/c.ts": 100 };
    // new.ts weighs 30 like b.ts, so it gets a shard of its own before a.ts (10) joins the first of them.
    expect(dealFiles(["test/a.ts", "test/b.ts", "test/c.ts", "test/new.ts"], durations, 3)).to.deep.equal([
      ["test/c.ts"],
      ["test/a.ts", "test/b.ts"],
      ["test/new.ts"],
    ]);
  });

  it("never makes an empty shard", () => {
    expect(dealFiles(["test/only.ts"], {}, 4)).to.deep.equal([["test/only.ts"]]);
  });
});
