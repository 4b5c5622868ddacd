import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const RUN_BUNDLE = join(__dirname, "..", "..", "cli", "runBundle.cjs");

/** Runs `file` through cli/runBundle.cjs in a new process (as cli/bin.cjs does), or writes its cache; its stdout. */
function run(file: string, writeCache = false): string {
  const code = `require(${JSON.stringify(RUN_BUNDLE)}).runBundle(${JSON.stringify(file)}, { writeCache: ${writeCache} })`;
  const result = spawnSync(process.execPath, ["-e", code], { encoding: "utf8" });
  expect(result.status, result.stderr).to.equal(0);
  return result.stdout;
}

describe("cli/runBundle.cjs: the CLI bundle with its code cache", function () {
  this.timeout(30_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "credanchor-bundle-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("runs a bundle without a cache, and as a CommonJS module (require, module, __filename)", () => {
    const file = join(dir, "plain.js");
    writeFileSync(file, 'process.stdout.write([typeof require("node:path").join, typeof module.exports, __filename].join(" "));\n');
    expect(run(file)).to.equal(`function object ${file}`);
  });

  it("writes the cache beside the bundle, and the bundle runs the same with it", () => {
    const file = join(dir, "cached.js");
    writeFileSync(file, 'process.stdout.write("cached");\n');
    expect(run(file, true)).to.equal("cached");
    expect(existsSync(`${file}.cache`)).to.equal(true);
    expect(run(file)).to.equal("cached");
  });

  it("never uses the cache of an earlier build, even one of the same length (V8 itself checks only the length)", () => {
    const file = join(dir, "rebuilt.js");
    writeFileSync(file, 'process.stdout.write("first");\n');
    run(file, true);
    writeFileSync(file, 'process.stdout.write("other");\n');
    // A later build: the same size, another modification time.
    utimesSync(file, new Date(), new Date(Date.now() + 10_000));
    expect(run(file)).to.equal("other");
  });
});
