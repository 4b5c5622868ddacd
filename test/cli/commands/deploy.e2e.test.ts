/**
 * Deployments are kept, not replaced (issue 20): `deploy` refuses to overwrite a deployment file that names live
 * contracts, `--force` moves them into `history`, and credentials anchored on a listed earlier deployment keep
 * verifying while anything else is ANCHOR_WRONG_CONTRACT. Also the operator's input checks of `deploy`.
 */
import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Deployment } from "../../../core/src/Deployment";
import type { VerificationReport } from "../../../core/src/VerificationReport";
import { startCliChain, type CliChain } from "../helpers/startCliChain";

const checkOf = (report: VerificationReport, name: string) => report.checks.find((c) => c.check === name)!;

describe("credanchor deploy keeps earlier deployments", function () {
  this.timeout(300_000);

  let chain: CliChain;
  let first: Deployment;
  let earlyCredential: string;
  const file = () => chain.env.CREDANCHOR_DEPLOYMENT as string;
  const readDeployment = () => JSON.parse(readFileSync(file(), "utf8")) as Deployment;

  before(async () => {
    chain = await startCliChain("deploy");
    expect((await chain.cli("deploy")).code).to.equal(0);
    first = readDeployment();
    expect((await chain.cli("accredit", chain.address(1), "--name-en", "Harbour University", "--name-zh", "海港大學")).code).to.equal(0);
    earlyCredential = (await chain.issue("early", 1, "--dev-account", "1"))[0]!;
  });

  after(async () => {
    await chain?.stop();
  });

  it("records the registry's block as the deployment's first block, and the anchor's", () => {
    expect(first.blockNumber).to.be.a("number");
    expect(first.anchorBlockNumber).to.be.greaterThan(first.blockNumber);
  });

  it("refuses to replace a deployment of live contracts without --force, in both languages, and changes nothing", async () => {
    const english = await chain.cli("deploy");
    expect(english.code).to.equal(2);
    expect(english.stderr).to.contain("Pass --force").and.to.contain("[DEPLOYMENT_EXISTS]");
    const chinese = await chain.cli("deploy", "--lang", "zh-Hant");
    expect(chinese.stderr).to.contain("--force").and.to.contain("已列明仍在鏈上的合約");
    expect(readDeployment()).to.deep.equal(first);
  });

  describe("after deploy --force", () => {
    before(async () => {
      const forced = await chain.cli("deploy", "--force");
      expect(forced.code, forced.stderr).to.equal(0);
    });

    it("moves the old contracts into history", () => {
      const current = readDeployment();
      expect(current.anchor).to.not.equal(first.anchor);
      expect(current.history).to.deep.equal([{ registry: first.registry, anchor: first.anchor, blockNumber: first.blockNumber, deployedAt: first.deployedAt }]);
    });

    it("keeps verifying a credential anchored on the listed earlier deployment, against its own registry", async () => {
      const { code, report } = await chain.verify(earlyCredential);
      expect(report.status, JSON.stringify(report.checks)).to.equal("VALID");
      expect(code).to.equal(0);
      expect(report.chain?.anchor).to.equal(first.anchor);
    });

    it("says ANCHOR_WRONG_CONTRACT once the earlier deployment is no longer listed", async () => {
      const listed = readFileSync(file(), "utf8");
      try {
        writeFileSync(file(), JSON.stringify({ ...readDeployment(), history: [] }));
        const { report } = await chain.verify(earlyCredential);
        expect(checkOf(report, "ANCHOR").code).to.equal("ANCHOR_WRONG_CONTRACT");
      } finally {
        writeFileSync(file(), listed);
      }
    });
  });

  describe("operator input checks", () => {
    it("explains a registry refusal of a top-level command with its arguments, in both languages", async () => {
      const accredit = ["accredit", chain.address(2), "--name-en", "Lion Rock University", "--name-zh", "獅子山大學"];
      expect((await chain.cli(...accredit)).code).to.equal(0);
      const english = await chain.cli(...accredit);
      expect(english.code).to.equal(2);
      expect(english.stderr).to.contain(`${chain.address(2)} is already an accredited university's id [IssuerRegistryIssuerExists]`);
      expect(english.stderr).to.not.contain("VM Exception");
      const chinese = await chain.cli(...accredit, "--lang", "zh-Hant");
      expect(chinese.stderr).to.contain("已是一所獲認可大學的識別碼");
    });

    it("shows the times of a refused status change as dates", async () => {
      const result = await chain.cli("suspend", chain.address(2), "--from", "2000-01-01T00:00:00Z");
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain("a change cannot take effect before that (1 January 2000, 00:00 UTC (2000-01-01T00:00:00.000Z))");
      expect(result.stderr).to.contain("[IssuerRegistryBeforeAccreditation]");
    });

    it("refuses --threshold abc with a bilingual message", async () => {
      const result = await chain.cli("deploy", "--threshold", "abc", "--deployment", join(chain.dir, "other.json"));
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain('"abc" is not a whole number').and.to.contain("不是由 1 起的整數");
    });

    it("refuses a threshold its council cannot meet before deploying anything", async () => {
      const before = await chain.latestTimestamp();
      const result = await chain.cli("deploy", "--threshold", "3", "--deployment", join(chain.dir, "other.json"));
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain("--threshold 3 cannot be met by a council of 1").and.to.contain("[THRESHOLD_INVALID]");
      expect(await chain.latestTimestamp()).to.equal(before);
    });

    it("refuses a council listing a member twice", async () => {
      const result = await chain.cli("deploy", "--members", `${chain.address(0)},${chain.address(0)}`, "--deployment", join(chain.dir, "other.json"));
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain("is listed twice");
    });
  });
});
