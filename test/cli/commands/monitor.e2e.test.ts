/**
 * The transparency monitor end to end: the real `credanchor monitor` against a Hardhat node, once over history and
 * once following the chain through new events, a reorganisation (evm_snapshot / evm_revert) and a node restart.
 * Every run stops by itself (no --follow, or --until-block) or is stopped by the test; nothing waits unbounded.
 */
import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Wallet } from "ethers";
import { DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import { freePort, startLocalChain, type LocalChain } from "../../../scripts/lib/localChain";
import { runCli } from "../../../scripts/lib/runCli";

type Line = Record<string, unknown> & { args?: Record<string, string> };
const address = (devAccount: number) => new Wallet(DEV_PRIVATE_KEYS[devAccount] as string).address;
const BIN = join(__dirname, "..", "..", "..", "cli", "bin.cjs");
const HEADER = "student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date";

/** A `credanchor monitor --follow --json` child whose stdout lines the test can wait for. */
class Follower {
  readonly lines: Line[] = [];
  stderr = "";
  private readonly child: ChildProcess;
  private buffer = "";

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout?.on("data", (chunk: Buffer) => {
      this.buffer += chunk.toString();
      const parts = this.buffer.split("\n");
      this.buffer = parts.pop() ?? "";
      for (const part of parts) if (part.trim()) this.lines.push(JSON.parse(part) as Line);
    });
    this.child.stderr?.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  async waitFor(description: string, predicate: (line: Line, index: number) => boolean, timeoutMs = 30_000): Promise<Line> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find(predicate);
      if (found) return found;
      if (this.child.exitCode !== null) throw new Error(`monitor exited (${this.child.exitCode}) before ${description}:\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}; stderr:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async waitForStderr(text: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.stderr.includes(text)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for "${text}" on stderr:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolveStop) => {
      if (this.child.exitCode !== null) return resolveStop();
      this.child.once("exit", () => resolveStop());
      this.child.kill("SIGTERM");
    });
  }
}

describe("credanchor monitor end to end", function () {
  this.timeout(180_000);

  let chain: LocalChain;
  let port: number;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let announced: string;
  const cli = (...args: string[]) => runCli(args, env);

  async function rpc(method: string, params: unknown[] = []): Promise<unknown> {
    const response = await fetch(chain.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    return ((await response.json()) as { result: unknown }).result;
  }

  async function accredit(devAccount: number, name: string): Promise<void> {
    const result = await cli("accredit", address(devAccount), "--name-en", name, "--name-zh", "測試大學");
    expect(result.code, result.stderr).to.equal(0);
  }

  async function issue(devAccount: number): Promise<string> {
    const input = join(dir, `grads-${devAccount}.csv`);
    writeFileSync(input, `${HEADER}\nS${devAccount},Test Graduate,測試畢業生,Bachelor of Science,理學士,Chemistry,化學,First Class Honours,2026-06-30\n`);
    const out = join(dir, `out-${devAccount}`);
    const result = await cli("issue", "--input", input, "--out", out, "--dev-account", String(devAccount));
    expect(result.code, result.stderr).to.equal(0);
    const report = readdirSync(out).find((name) => name.startsWith("batch-")) as string;
    return (JSON.parse(readFileSync(join(out, report), "utf8")) as { root: string }).root;
  }

  let rootOf1: string;

  before(async () => {
    port = await freePort();
    chain = await startLocalChain(port);
    dir = mkdtempSync(join(tmpdir(), "credanchor-monitor-"));
    env = { CREDANCHOR_RPC: chain.url, CREDANCHOR_DEPLOYMENT: join(dir, "deployment.json") };
    expect((await cli("deploy")).code).to.equal(0);
    await accredit(1, "Harbour University");
    await accredit(2, "Kowloon University");
    rootOf1 = await issue(1);
    await issue(2);
    const revoked = await cli("revoke", "--batch", rootOf1, "--reason", "Issued in error", "--dev-account", "1");
    expect(revoked.code, revoked.stderr).to.equal(0);
    announced = join(dir, "announced.json");
    // Harbour announced its key; Kowloon announced a different key than the one it anchors with.
    writeFileSync(announced, JSON.stringify({ [address(1)]: [address(1)], [address(2)]: [address(3)] }));
  });

  after(async () => {
    await chain?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe("over history", () => {
    let lines: Line[];
    before(async () => {
      const result = await cli("monitor", "--since", "0", "--json", "--announced", announced);
      expect(result.code, result.stderr).to.equal(0);
      lines = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as Line);
    });

    it("prints one JSON line per event with block number and time", () => {
      const events = lines.filter((l) => l.event).map((l) => l.event);
      for (const name of ["MemberAdded", "ProposalCreated", "ProposalApproved", "ProposalExecuted", "IssuerAccredited", "SigningKeyAdded", "BatchAnchored", "BatchRevoked"]) {
        expect(events, name).to.include(name);
      }
      for (const line of lines.filter((l) => l.event)) {
        expect(line.blockNumber).to.be.a("number");
        expect(Date.parse(line.time as string)).to.be.greaterThan(0);
      }
      const blocks = lines.filter((l) => l.event).map((l) => l.blockNumber as number);
      expect(blocks).to.deep.equal([...blocks].sort((a, b) => a - b));
    });

    it("names the university of each anchor and revocation", () => {
      const revocation = lines.find((l) => l.event === "BatchRevoked");
      expect(revocation).to.deep.include({ issuerId: address(1), university: "Harbour University" });
      const anchors = lines.filter((l) => l.event === "BatchAnchored").map((l) => l.university);
      expect(anchors).to.deep.equal(["Harbour University", "Kowloon University"]);
    });

    it("decodes what each proposal would do", () => {
      const created = lines.find((l) => l.event === "ProposalCreated");
      expect(created?.action).to.match(/^accredit\(issuerKey=0x70997970C51812dc3A010C7d01b50e0d17dc79C8/);
    });

    it("raises an ALERT for the unannounced key when it is added and when it anchors, and for nothing else", () => {
      const alerts = lines.filter((l) => l.alert);
      expect(alerts).to.have.length(2);
      expect(alerts[0]).to.deep.include({ alert: "UNANNOUNCED_KEY", issuerId: address(2), key: address(2), university: "Kowloon University" });
      expect(alerts[0]?.message).to.contain("has a new signing key");
      expect(alerts[1]).to.deep.include({ alert: "UNANNOUNCED_KEY", issuerId: address(2), signer: address(2), university: "Kowloon University" });
    });

    it("exits 1 at the first ALERT with --fail-on-alert, and prints ALERT in text mode in either language", async () => {
      const result = await cli("monitor", "--since", "0", "--announced", announced, "--fail-on-alert");
      expect(result.code).to.equal(1);
      expect(result.stdout).to.match(/^ALERT #\d+ UNANNOUNCED_KEY Kowloon University .* has a new signing key/m);
      expect(result.stderr).to.contain("ALERT (UNANNOUNCED_KEY)");
      const chinese = await cli("monitor", "--since", "0", "--announced", announced, "--fail-on-alert", "--lang", "zh-Hant");
      expect(chinese.stdout).to.contain("新增了未公布的簽署金鑰");
    });

    it("shows times as dates and statuses and reasons by name", async () => {
      const accredited = lines.find((l) => l.event === "IssuerAccredited") as Line;
      expect((accredited.readable as Record<string, string>).effectiveFrom).to.equal(new Date(Number(accredited.args!.effectiveFrom) * 1000).toISOString());
      const text = await cli("monitor", "--since", "0");
      expect(text.stdout).to.match(/IssuerAccredited .*effectiveFrom=20\d\d-\d\d-\d\dT/);
      expect(text.stdout).to.match(/BatchRevoked .*reasonCode=Unspecified/);
      expect(text.stdout).to.match(/SigningKeyAdded .*validUntil=open-ended/);
    });

    it("--since deployment starts at the registry's block and misses none of its events", async () => {
      const result = await cli("monitor", "--since", "deployment", "--json");
      const fromDeployment = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as Line);
      expect(fromDeployment.filter((l) => l.event)).to.deep.equal(lines.filter((l) => l.event));
      expect(fromDeployment[0]?.event).to.equal("MemberAdded");
    });

    it("resumes from its --cursor file where the last run stopped, printing nothing twice", async () => {
      const cursor = join(dir, "cursor.json");
      const accredited = lines.find((l) => l.event === "IssuerAccredited") as Line;
      const firstRun = await cli("monitor", "--since", "0", "--json", "--cursor", cursor, "--until-block", String(accredited.blockNumber));
      expect(firstRun.code, firstRun.stderr).to.equal(0);
      const secondRun = await cli("monitor", "--json", "--cursor", cursor);
      expect(secondRun.code, secondRun.stderr).to.equal(0);
      const both = [...firstRun.stdout.trim().split("\n"), ...secondRun.stdout.trim().split("\n")].map((line) => JSON.parse(line) as Line);
      expect(both.map((l) => `${l.blockNumber}:${l.logIndex}`)).to.deep.equal(lines.filter((l) => l.event).map((l) => `${l.blockNumber}:${l.logIndex}`));
    });

    it("refuses to start without --since or a saved cursor", async () => {
      const result = await cli("monitor", "--cursor", join(dir, "missing-cursor.json"));
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain("[SINCE_MISSING]");
    });

    it("stops at --until-block and after --max-events", async () => {
      const accredited = lines.find((l) => l.event === "IssuerAccredited") as Line;
      const until = await cli("monitor", "--since", "0", "--json", "--until-block", String(accredited.blockNumber));
      const bounded = until.stdout.trim().split("\n").map((l) => JSON.parse(l) as Line);
      expect(bounded.every((l) => (l.blockNumber as number) <= (accredited.blockNumber as number))).to.equal(true);
      expect(bounded.some((l) => l.event === "IssuerAccredited")).to.equal(true);
      const few = await cli("monitor", "--since", "0", "--json", "--max-events", "2");
      expect(few.stdout.trim().split("\n")).to.have.length(2);
    });
  });

  describe("a back-dated change", () => {
    it("raises a BACKDATED_CHANGE ALERT with the date it reaches back to", async () => {
      const latest = Number(((await rpc("eth_getBlockByNumber", ["latest", false])) as { timestamp: string }).timestamp);
      const from = new Date((latest - 1) * 1000);
      const head = Number(await rpc("eth_blockNumber"));
      const suspended = await cli("suspend", address(2), "--from", from.toISOString());
      expect(suspended.code, suspended.stderr).to.equal(0);
      const result = await cli("monitor", "--since", String(head + 1), "--json");
      const alert = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as Line).find((l) => l.alert);
      expect(alert).to.deep.include({ alert: "BACKDATED_CHANGE", issuerId: address(2), university: "Kowloon University" });
      expect(alert?.message).to.contain("Suspended").and.to.contain("dated back");
    });
  });

  describe("following the chain", () => {
    let follower: Follower;
    before(() => {
      follower = new Follower(["monitor", "--since", "0", "--follow", "--json", "--poll-interval", "200"], env);
    });
    after(() => follower.stop());

    const accreditedLine = (devAccount: number, extra: (line: Line, index: number) => boolean = () => true) => (line: Line, index: number) =>
      line.event === "IssuerAccredited" && line.args?.issuerId === address(devAccount) && extra(line, index);

    it("emits events as they are mined", async () => {
      await follower.waitFor("history", accreditedLine(2));
      await accredit(4, "Lantau University");
      const line = await follower.waitFor("the new accreditation", accreditedLine(4));
      expect(line.university).to.equal("Lantau University");
    });

    it("re-emits events of a reorganised block with reorged: true", async () => {
      const snapshot = await rpc("evm_snapshot");
      await accredit(5, "Tsing Yi University");
      await follower.waitFor("the doomed accreditation", accreditedLine(5));
      await rpc("evm_revert", [snapshot]);
      const reorged = await follower.waitFor("the reorged event", accreditedLine(5, (l) => l.reorged === true));
      expect(reorged.blockNumber).to.be.a("number");
      const alert = await follower.waitFor("the finality ALERT", (l) => l.alert === "FINALITY_BREAK");
      expect(alert).to.deep.include({ forkFound: true });
      await accredit(6, "Sha Tin University");
      await follower.waitFor("an event on the new branch", accreditedLine(6, (l) => l.reorged !== true));
    });

    it("keeps emitting after the node is stopped and restarted", async () => {
      await chain.stop();
      await follower.waitForStderr("RPC unavailable");
      chain = await startLocalChain(port);
      const restartedAt = follower.lines.length;
      // A restarted Hardhat node is a fresh chain: redeploying from the same account at the same nonces gives the
      // same contract addresses, so the monitor's deployment still applies.
      expect((await cli("deploy")).code).to.equal(0);
      await accredit(7, "Peng Chau University");
      await follower.waitFor("an event after the restart", accreditedLine(7, (l, i) => i >= restartedAt && l.reorged !== true));
      expect(follower.stderr).to.contain("retrying in");
      // The new chain differs from block 1 on: the monitor says so and reports the redeployment's first block too.
      const lines = follower.lines.slice(restartedAt);
      expect(lines.find((l) => l.alert === "FINALITY_BREAK")).to.deep.include({ forkFound: false, fromBlock: 0 });
      expect(lines.some((l) => l.event === "MemberAdded" && l.blockNumber === 1 && l.reorged !== true)).to.equal(true);
    });
  });
});
