import { expect } from "chai";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { VerificationReport } from "../../../core/src/VerificationReport";
import { freePort, startLocalChain, type LocalChain } from "../../../scripts/lib/localChain";
import { runCli } from "../../../scripts/lib/runCli";
import { seedLocalChain, type Seeded } from "../../../scripts/lib/seedLocalChain";

describe("seedLocalChain (npm start's seed, in process)", function () {
  this.timeout(300_000);
  let chain: LocalChain;
  let dir: string;
  let seeded: Seeded;
  const lines: string[] = [];

  before(async () => {
    chain = await startLocalChain(await freePort());
    dir = mkdtempSync(join(tmpdir(), "credanchor-seed-"));
    seeded = await seedLocalChain(chain.url, {
      deploymentFile: join(dir, "31337.json"),
      credentialsDir: join(dir, "credentials"),
      contentDir: join(dir, "content"),
      log: (line) => lines.push(line),
    });
  });
  after(async () => {
    await chain?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("accredits every seed university and writes one credential file per sample graduate in its own folder", () => {
    expect(seeded.universities).to.have.length(8);
    const folders = readdirSync(join(dir, "credentials")).sort();
    expect(folders).to.deep.equal(seeded.universities.map((university) => university.id).sort());
    const counts = folders.map((folder) => readdirSync(join(dir, "credentials", folder)).length);
    const issued = counts.reduce((sum, count) => sum + count, 0);
    expect(lines).to.include(`Accredited 8 universities.`);
    expect(lines.some((line) => line.startsWith(`Issued ${issued} credentials in `))).to.equal(true);
    expect(readdirSync(join(dir, "content"))).to.have.length(8);
  });

  it("issues credentials that the CLI verifies VALID against the chain it seeded", async () => {
    const result = await runCli(["verify", ...seeded.samples, "--json", "--rpc", chain.url, "--deployment", join(dir, "31337.json")]);
    expect(result.code, result.stderr).to.equal(0);
    const reports = JSON.parse(result.stdout) as VerificationReport[];
    expect(reports).to.have.length(8);
    expect(reports.map((report) => report.credential?.issuerName?.en).sort()).to.deep.equal(seeded.universities.map((u) => u.nameEn).sort());
  });
});
