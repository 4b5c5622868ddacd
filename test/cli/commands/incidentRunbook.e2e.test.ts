/**
 * The incident runbook of docs/OPERATIONS.md ("A signing key was stolen"), run as the operators would, with the real
 * `credanchor` command: the key is stolen at T and found later; the council retires the key from T, suspends the
 * university, revokes the batch the thief anchored after T; the university gets a new key, is reinstated and
 * re-issues; the monitor shows each step. With RUNBOOK_TRANSCRIPT=FILE the commands and their output are written there.
 */
import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { VerificationReport } from "../../../core/src/VerificationReport";
import { startCliChain, type CliChain } from "../helpers/startCliChain";

const PASSPHRASE = "correct horse battery staple";
const checkOf = (report: VerificationReport, name: string) => report.checks.find((c) => c.check === name)!;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

describe("incident runbook: a university's signing key stolen and found later", function () {
  this.timeout(300_000);

  const transcript: string[] = [];
  let chain: CliChain;
  let university: string;
  let legitimate: string;
  let stolen: string;
  let stolenRoot: string;
  let reissued: string;
  let newKeyFile: string;
  let monitorLines: string[];

  before(async () => {
    chain = await startCliChain("runbook", (entry) => transcript.push(entry));
    chain.env.CREDANCHOR_KEY_PASSPHRASE = PASSPHRASE;
    university = chain.address(1);
    expect((await chain.cli("deploy")).code).to.equal(0);
    const accredited = await chain.cli("accredit", university, "--name-en", "Harbour University", "--name-zh", "海港大學");
    expect(accredited.code, accredited.stderr).to.equal(0);
    legitimate = (await chain.issue("legitimate", 1, "--dev-account", "1"))[0]!;
    await chain.advance(100);
    const stolenAt = (await chain.latestTimestamp()) + 50;
    await chain.advance(100);
    // The thief anchors a batch of forged graduates with the stolen key.
    stolen = (await chain.issue("forged", 1, "--dev-account", "1"))[0]!;
    stolenRoot = (JSON.parse(readFileSync(stolen, "utf8")) as { proof: { merkleRoot: string } }).proof.merkleRoot;
    await chain.advance(3600);
    transcript.push(`# the theft happened at ${iso(stolenAt)} and is found an hour later`);

    // 1. End the key at the moment of the theft; 2. suspend the university now.
    expect((await chain.cli("governance", "propose", "retire-signing-key", university, "--valid-until", iso(stolenAt), "--dev-account", "0")).code).to.equal(0);
    expect((await chain.cli("governance", "propose", "suspend", university, "--dev-account", "0")).code).to.equal(0);
    // 3. Revoke what the thief anchored after T (the monitor lists it: BatchAnchored by the key after T).
    const revoked = await chain.cli("governance", "propose", "revoke-batch", university, stolenRoot, "--reason", "Anchored with a stolen key", "--dev-account", "0");
    expect(revoked.code, revoked.stderr).to.equal(0);
    // 4. A new key for the university, then reinstate it and re-issue.
    newKeyFile = join(chain.dir, "keys", "harbour-new.json");
    const created = await chain.cli("key", "new", "--out", newKeyFile, "--json");
    expect(created.code, created.stderr).to.equal(0);
    const newKey = (JSON.parse(created.stdout) as { address: string }).address;
    await chain.rpc("hardhat_setBalance", [newKey, "0x56bc75e2d63100000"]);
    expect((await chain.cli("governance", "propose", "add-signing-key", university, newKey, "--dev-account", "0")).code).to.equal(0);
    expect((await chain.cli("governance", "propose", "reinstate", university, "--dev-account", "0")).code).to.equal(0);
    reissued = (await chain.issue("reissued", 1, "--key-file", newKeyFile))[0]!;
    const monitor = await chain.cli("monitor", "--since", "0");
    expect(monitor.code, monitor.stderr).to.equal(0);
    monitorLines = monitor.stdout.trim().split("\n");
    for (const file of [legitimate, stolen, reissued]) await chain.cli("verify", file);
  });

  after(async () => {
    if (process.env.RUNBOOK_TRANSCRIPT) writeFileSync(process.env.RUNBOOK_TRANSCRIPT, `${transcript.join("\n\n")}\n`);
    await chain?.stop();
  });

  it("keeps the batch anchored before the theft VALID", async () => {
    expect((await chain.verify(legitimate)).report.status).to.equal("VALID");
  });

  it("fails the thief's batch: key not authorised after T, and revoked for key compromise", async () => {
    const { code, report } = await chain.verify(stolen);
    expect(code).to.equal(1);
    expect(checkOf(report, "ISSUER").code).to.equal("ISSUER_KEY_NOT_AUTHORISED");
    expect(checkOf(report, "STATUS")).to.include({ code: "STATUS_BATCH_REVOKED" });
    expect(checkOf(report, "STATUS").data).to.include({ reason: "Anchored with a stolen key" });
  });

  it("verifies the credential re-issued with the new key", async () => {
    expect((await chain.verify(reissued)).report.status).to.equal("VALID");
  });

  it("shows every step on the monitor, in order", () => {
    const steps = ["SigningKeyRetired", "IssuerStatusChanged", "BatchRevoked", "SigningKeyAdded", "IssuerStatusChanged", "BatchAnchored"];
    let position = monitorLines.findIndex((line) => line.includes(" SigningKeyRetired "));
    expect(position, monitorLines.join("\n")).to.be.greaterThan(-1);
    for (const step of steps.slice(1)) {
      const found = monitorLines.findIndex((line, j) => j > position && line.includes(` ${step} `));
      expect(found, `${step} after line ${position}\n${monitorLines.join("\n")}`).to.be.greaterThan(position);
      position = found;
    }
  });
});
