/**
 * SPEC §8.2 end to end: every ordering of anchoring, proposing, executing and back-dating a status change or a key
 * retirement, judged by `credanchor verify --at` on each side of each moment, against the real contracts.
 */
import { expect } from "chai";
import type { VerificationReport } from "../../../core/src/VerificationReport";
import { startCliChain, type CliChain } from "../helpers/startCliChain";

const checkOf = (report: VerificationReport, name: string) => report.checks.find((c) => c.check === name)!;
const anchoredAtOf = (report: VerificationReport) => Date.parse(String(checkOf(report, "ANCHOR").data!.anchoredAt)) / 1000;

describe("time rules of SPEC §8.2 (anchor / propose / execute / back-date) end to end", function () {
  this.timeout(300_000);

  let chain: CliChain;
  const asA = (...args: string[]) => chain.cli(...args, "--dev-account", "0");
  const asB = (...args: string[]) => chain.cli(...args, "--dev-account", "6");

  /** Proposes as member A, approves as B, executes as A: a 2-of-2 vote in three transactions. */
  async function vote(...action: string[]): Promise<number> {
    const proposed = await asA("governance", "propose", ...action, "--json");
    expect(proposed.code, proposed.stderr).to.equal(0);
    const id = (JSON.parse(proposed.stdout) as { proposalId: string }).proposalId;
    expect((await asB("governance", "approve", id)).code).to.equal(0);
    const executed = await asA("governance", "execute", id);
    expect(executed.code, executed.stderr).to.equal(0);
    return Number(id);
  }

  before(async () => {
    chain = await startCliChain("time-rules");
    const deployed = await chain.cli("deploy", "--members", `${chain.address(0)},${chain.address(6)}`, "--threshold", "2");
    expect(deployed.code, deployed.stderr).to.equal(0);
    await vote("accredit", chain.address(1), "--name-en", "Harbour University", "--name-zh", "海港大學");
    await vote("accredit", chain.address(2), "--name-en", "Lion Rock University", "--name-zh", "獅子山大學");
  });

  after(async () => {
    await chain?.stop();
  });

  describe("a suspension without --from, proposed and executed while the university keeps issuing", () => {
    let early: string;
    let between: string;
    let beforeAt: number;
    let betweenAt: number;
    let executedAt: number;

    before(async () => {
      early = (await chain.issue("before", 1, "--dev-account", "1"))[0]!;
      await chain.advance(100);
      const proposed = await asA("governance", "propose", "suspend", chain.address(1), "--json");
      expect(proposed.code, proposed.stderr).to.equal(0);
      const id = (JSON.parse(proposed.stdout) as { proposalId: string }).proposalId;
      await chain.advance(100);
      between = (await chain.issue("between", 1, "--dev-account", "1"))[0]!;
      await chain.advance(100);
      expect((await asB("governance", "approve", id)).code).to.equal(0);
      const executed = await asA("governance", "execute", id);
      expect(executed.code, executed.stderr).to.equal(0);
      executedAt = await chain.latestTimestamp();
      beforeAt = anchoredAtOf((await chain.verify(early)).report);
      betweenAt = anchoredAtOf((await chain.verify(between)).report);
    });

    it("keeps the batch anchored before the proposal VALID, at its anchoring second and any time later", async () => {
      for (const at of [beforeAt, executedAt, executedAt + 1000]) {
        const { code, report } = await chain.verify(early, at);
        expect(report.status, `at ${at}`).to.equal("VALID");
        expect(code).to.equal(0);
      }
    });

    it("says ANCHOR_NOT_YET one second before a batch was anchored", async () => {
      const { report } = await chain.verify(early, beforeAt - 1);
      expect(checkOf(report, "ANCHOR").code).to.equal("ANCHOR_NOT_YET");
    });

    it("keeps the batch anchored between proposal and execution VALID: the change is dated by its execution", async () => {
      expect(betweenAt).to.be.lessThan(executedAt);
      for (const at of [betweenAt, executedAt + 1000]) {
        expect((await chain.verify(between, at)).report.status, `at ${at}`).to.equal("VALID");
      }
    });

    it("refuses a batch after the execution", async () => {
      const result = await chain.cli("issue", "--input", `${chain.dir}/between.csv`, "--out", `${chain.dir}/after`, "--dev-account", "1");
      expect(result.code).to.equal(1);
      expect(result.stderr, result.stderr).to.contain("ISSUER_KEY_NOT_AUTHORISED");
    });

    it("governance list and the history record the execution time as the effective time", async () => {
      const result = await chain.cli("governance", "list", "--all", "--json");
      const rows = JSON.parse(result.stdout) as { action: string; args: Record<string, string> }[];
      expect(rows.find((row) => row.action === "suspend")?.args.effectiveFrom).to.equal("at execution");
    });

    describe("then a de-accreditation back-dated to the first batch's anchoring second", () => {
      before(async () => {
        await chain.advance(100);
        await vote("deaccredit", chain.address(1), "--from", new Date(beforeAt * 1000).toISOString());
      });

      it("is accepted after the later suspension and leaves the batch of that very second VALID", async () => {
        expect((await chain.verify(early)).report.status).to.equal("VALID");
      });

      it("invalidates the batch anchored after that second, for every --at (a back-dated change states a past fact)", async () => {
        for (const at of [betweenAt, executedAt, undefined]) {
          const { code, report } = await chain.verify(between, at);
          expect(checkOf(report, "ISSUER"), `at ${at}`).to.include({ status: "INVALID", code: "ISSUER_NOT_ACCREDITED" });
          expect(code).to.equal(1);
        }
      });
    });
  });

  describe("a suspension with an explicit --from, proposed before a batch and executed after it", () => {
    let late: string;
    let lateAt: number;
    let from: number;

    before(async () => {
      await vote("accredit", chain.address(3), "--name-en", "Tsing Yi University", "--name-zh", "青衣大學");
      from = (await chain.latestTimestamp()) + 50;
      const proposed = await asA("governance", "propose", "suspend", chain.address(3), "--from", new Date(from * 1000).toISOString(), "--json");
      expect(proposed.code, proposed.stderr).to.equal(0);
      const id = (JSON.parse(proposed.stdout) as { proposalId: string }).proposalId;
      await chain.advance(100);
      late = (await chain.issue("late", 1, "--dev-account", "3"))[0]!;
      lateAt = anchoredAtOf((await chain.verify(late)).report);
      expect((await asB("governance", "approve", id)).code).to.equal(0);
      expect((await asA("governance", "execute", id)).code).to.equal(0);
    });

    it("judges the batch anchored after the stated moment by the change, although it came before the execution", async () => {
      expect(lateAt).to.be.greaterThan(from);
      for (const at of [lateAt, undefined]) {
        const { report } = await chain.verify(late, at);
        expect(checkOf(report, "ISSUER"), `at ${at}`).to.include({ status: "INVALID", code: "ISSUER_NOT_ACCREDITED" });
      }
    });
  });

  describe("a key retired at a batch's anchoring second, and one second earlier", () => {
    let kept: string;
    let keptAt: number;

    before(async () => {
      kept = (await chain.issue("kept", 1, "--dev-account", "2"))[0]!;
      keptAt = anchoredAtOf((await chain.verify(kept)).report);
      await chain.advance(100);
    });

    it("keeps the batch VALID when the key's last valid second is the anchoring second", async () => {
      await vote("retire-signing-key", chain.address(2), "--valid-until", new Date(keptAt * 1000).toISOString());
      expect((await chain.verify(kept, keptAt)).report.status).to.equal("VALID");
    });

    it("fails ISSUER_KEY_NOT_AUTHORISED once the window is shrunk to end one second before", async () => {
      await vote("retire-signing-key", chain.address(2), "--valid-until", new Date((keptAt - 1) * 1000).toISOString());
      const { report } = await chain.verify(kept, keptAt);
      expect(checkOf(report, "ISSUER").code).to.equal("ISSUER_KEY_NOT_AUTHORISED");
    });
  });
});
