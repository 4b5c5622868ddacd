/**
 * End to end, as a user runs it: the real `credanchor` binary in child processes against a Hardhat node started
 * on a free port. Covers the contract of DESIGN.md and the scenarios of the foundation issue.
 */
import { expect } from "chai";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawn, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { Contract, JsonRpcProvider, Wallet } from "ethers";
import { DEV_PRIVATE_KEYS } from "@credanchor/core/chain";
import { rawZip } from "../lib/rawZip";
import { batchTypedData } from "../../core/src/batchTypedData";
import { DEFAULT_CONTENT_DIR } from "../../core/src/content/createDirectoryStore";
import { contentId } from "../../core/src/contentId";
import { credentialAnchorAbi } from "../../core/src/generated/abis";
import type { VerificationReport } from "../../core/src/VerificationReport";
import { freePort, startLocalChain, type LocalChain } from "../../scripts/lib/localChain";
import { runCli, type CliResult } from "../../scripts/lib/runCli";
import { manifestOfCredentials } from "../core/helpers/manifestOfCredentials";
import { startRpcProxy } from "../faults/rpcProxy";

const HEADER = "student_id,name_en,name_zh,degree_en,degree_zh,major_en,major_zh,honours,award_date,gpa";

function graduatesCsv(prefix: string, count: number): string {
  const rows = Array.from(
    { length: count },
    (_, i) =>
      `${prefix}${String(i + 1).padStart(4, "0")},Test Graduate ${i + 1},測試畢業生${i + 1},Bachelor of Science,理學士,Chemistry,化學,First Class Honours,2026-06-30,3.6${i % 10}`,
  );
  return `${HEADER}\n${rows.join("\n")}\n`;
}

function address(devAccount: number): string {
  return new Wallet(DEV_PRIVATE_KEYS[devAccount] as string).address;
}

function reportOf(result: CliResult): VerificationReport {
  return JSON.parse(result.stdout) as VerificationReport;
}

function check(report: VerificationReport, name: string) {
  const found = report.checks.find((c) => c.check === name);
  if (!found) throw new Error(`no ${name} check in report`);
  return found;
}

describe("credanchor CLI end to end", function () {
  this.timeout(300_000);

  let chain: LocalChain;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const cli = (...args: string[]) => runCli(args, env);
  const credentialFiles = (out: string) =>
    readdirSync(out)
      .filter((name) => name.endsWith(".json") && !name.startsWith("batch-"))
      .sort()
      .map((name) => join(out, name));

  async function rpc(method: string, params: unknown[] = []): Promise<unknown> {
    const response = await fetch(chain.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    return ((await response.json()) as { result: unknown }).result;
  }

  async function issueBatch(name: string, devAccount: number, count: number): Promise<string[]> {
    const input = join(dir, `${name}.csv`);
    writeFileSync(input, graduatesCsv(name.toUpperCase(), count));
    const out = join(dir, name);
    const result = await cli("issue", "--input", input, "--out", out, "--dev-account", String(devAccount));
    expect(result.code, result.stderr).to.equal(0);
    return credentialFiles(out);
  }

  before(async () => {
    chain = await startLocalChain(await freePort());
    dir = mkdtempSync(join(tmpdir(), "credanchor-e2e-"));
    env = { CREDANCHOR_RPC: chain.url, CREDANCHOR_DEPLOYMENT: join(dir, "deployment.json") };
    const deployed = await cli("deploy");
    expect(deployed.code, deployed.stderr).to.equal(0);
    const accredited = await cli("accredit", address(1), "--name-en", "Harbour University", "--name-zh", "海港大學", "--domain", "harbour.example.edu");
    expect(accredited.code, accredited.stderr).to.equal(0);
  });

  after(async () => {
    await chain?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe("a fresh batch", () => {
    let files: string[];
    before(async () => {
      files = await issueBatch("fresh", 1, 8);
    });

    it("writes one credential file per graduate", () => {
      expect(files).to.have.length(8);
    });

    it("stores the SPEC §7.1 manifest of the batch under the CID it anchored, as the issuer service does", () => {
      const out = join(dir, "fresh");
      const reportName = readdirSync(out).find((name) => name.startsWith("batch-")) as string;
      const { manifestCid } = JSON.parse(readFileSync(join(out, reportName), "utf8")) as { manifestCid: string };
      const stored = readFileSync(join(__dirname, "..", "..", DEFAULT_CONTENT_DIR, manifestCid), "utf8");
      const expected = manifestOfCredentials(files.map((file) => readFileSync(file, "utf8")));
      expect(stored).to.equal(new TextDecoder().decode(expected));
      expect(contentId(expected)).to.equal(manifestCid);
    });

    it("verifies as VALID with exit 0 and a full report", async () => {
      const result = await cli("verify", files[0] as string, "--json");
      expect(result.code, result.stderr).to.equal(0);
      const report = reportOf(result);
      expect(report.valid).to.equal(true);
      expect(report.status).to.equal("VALID");
      expect(report.checks.map((c) => c.check)).to.deep.equal(["FORMAT", "INTEGRITY", "SIGNATURE", "ANCHOR", "ISSUER", "STATUS", "EXPIRY"]);
      expect(report.chain?.chainId).to.equal(31337);
    });

    it("prints an array of reports for several files", async () => {
      const result = await cli("verify", files[0] as string, files[1] as string, "--json");
      expect(result.code).to.equal(0);
      expect(JSON.parse(result.stdout)).to.be.an("array").with.length(2);
    });

    it("explains the result in Traditional Chinese with --lang zh-Hant", async () => {
      const result = await cli("verify", files[0] as string, "--lang", "zh-Hant");
      expect(result.code).to.equal(0);
      expect(result.stdout).to.contain("有效").and.to.contain("海港大學");
    });

    it("fails INTEGRITY with exit 1 when one character of a claim changes", async () => {
      const tampered = join(dir, "tampered.json");
      writeFileSync(tampered, readFileSync(files[0] as string, "utf8").replace("Test Graduate 1", "Test Graduate 7"));
      const result = await cli("verify", tampered, "--json");
      expect(result.code).to.equal(1);
      expect(check(reportOf(result), "INTEGRITY")).to.include({ status: "INVALID", code: "INTEGRITY_ROOT_MISMATCH" });
    });

    it("gives a FORMAT report and exit 1, not a usage error, for a BOM, bytes that are not UTF-8 and a file over 1 MiB", async () => {
      const valid = readFileSync(files[0] as string);
      const cases = {
        "bom.json": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), valid]),
        "not-utf8.json": Buffer.concat([valid.subarray(0, 9), Buffer.from([0xff]), valid.subarray(9)]),
        "huge.json": Buffer.concat([valid, Buffer.alloc(1024 * 1024, 0x20)]),
      };
      const paths = Object.entries(cases).map(([name, bytes]) => {
        writeFileSync(join(dir, name), bytes);
        return join(dir, name);
      });
      const result = await cli("verify", ...paths, "--json");
      expect(result.code, result.stderr).to.equal(1);
      const reports = JSON.parse(result.stdout) as VerificationReport[];
      expect(reports.map((report) => check(report, "FORMAT").code)).to.deep.equal(["FORMAT_INVALID_JSON", "FORMAT_INVALID_JSON", "FORMAT_INVALID_JSON"]);
    });

    it("still verifies after the holder hides a claim with disclose", async () => {
      const redacted = join(dir, "redacted.json");
      const disclosed = await cli("disclose", files[1] as string, "--hide", "/credentialSubject/gpa", "--out", redacted);
      expect(disclosed.code, disclosed.stderr).to.equal(0);
      const credential = JSON.parse(readFileSync(redacted, "utf8")) as { credentialSubject: Record<string, unknown> };
      expect(credential.credentialSubject).not.to.have.property("gpa");
      const result = await cli("verify", redacted, "--json");
      expect(result.code, result.stdout).to.equal(0);
      expect(reportOf(result).credential?.hiddenClaims).to.deep.equal(["/credentialSubject/gpa"]);
    });

    it("verifies a VC 2.0 export through the credential it carries, and refuses an edited one", async () => {
      const exported = join(dir, "export.json");
      const result = await cli("export", files[4] as string, "--format", "vc", "--out", exported);
      expect(result.code, result.stderr).to.equal(0);
      const verified = await cli("verify", exported, "--json");
      expect(verified.code, verified.stdout).to.equal(0);
      expect(reportOf(verified).credential?.subject).to.equal("Test Graduate 5");
      const edited = join(dir, "export-edited.json");
      writeFileSync(edited, readFileSync(exported, "utf8").replace(/Chemistry/g, "Medicine"));
      expect((await cli("verify", edited)).code).to.equal(1);
    });

    it("reports STATUS_REVOKED with the reason after revoke, and VALID --at a moment before", async () => {
      // The chain's own clock, not the wall's: Hardhat moves a block's timestamp a second past the last one, so after a
      // burst of transactions the batch's anchoring can stand later than the wall clock.
      const latest = (await rpc("eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
      const before = new Date(Number(latest.timestamp) * 1000).toISOString();
      await rpc("evm_increaseTime", [60]);
      const revoked = await cli("revoke", files[2] as string, "--reason", "Degree rescinded by Senate");
      expect(revoked.code, revoked.stderr).to.equal(0);
      const result = await cli("verify", files[2] as string, "--json");
      expect(result.code).to.equal(1);
      const status = check(reportOf(result), "STATUS");
      expect(status).to.include({ status: "INVALID", code: "STATUS_REVOKED" });
      expect(status.data).to.include({ reason: "Degree rescinded by Senate" });
      const earlier = await cli("verify", files[2] as string, "--at", before, "--json");
      expect(earlier.code, earlier.stdout).to.equal(0);
      // The text output leads with the cause, dates written one way per language (never ISO).
      const english = await cli("verify", files[2] as string);
      expect(english.stdout).to.match(/INVALID · Revoked on \d{1,2} [A-Z][a-z]+ \d{4} — Degree rescinded by Senate/);
      expect(english.stdout).to.match(/revoked this credential on \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC/).and.not.to.match(/\d{4}-\d{2}-\d{2}T/);
      const chinese = await cli("verify", files[2] as string, "--lang", "zh-Hant");
      expect(chinese.stdout).to.match(/已於\d{4}年\d{1,2}月\d{1,2}日撤銷 — Degree rescinded by Senate/).and.not.to.match(/\d{4}-\d{2}-\d{2}T/);
    });

    it("writes a one-page bilingual PDF receipt with --receipt, and refuses it for several files", async () => {
      const pdf = join(dir, "receipt.pdf");
      const result = await cli("verify", files[2] as string, "--receipt", pdf, "--json");
      expect(result.code, result.stderr).to.equal(1);
      const report = reportOf(result);
      expect(spawnSync("pdfinfo", [pdf]).stdout.toString()).to.match(/^Pages:\s+1$/m);
      const text = spawnSync("pdftotext", [pdf, "-"]).stdout.toString().replace(/\s+/g, "");
      for (const expected of ["Verification receipt", "核實收據", "STATUS_REVOKED", "Revoked on", "撤銷", String(report.chain?.blockNumber), report.chain?.blockHash ?? "?"]) {
        expect(text, expected).to.contain(expected.replace(/\s+/g, ""));
      }
      const several = await cli("verify", files[0] as string, files[1] as string, "--receipt", pdf);
      expect(several.code).to.equal(2);
      expect(several.stderr).to.contain("[RECEIPT_ONE_FILE]");
    });

    it("verifies the credentials in a ZIP within the page's limits: a bomb entry is refused unread, the batch report left out", async () => {
      const report = readdirSync(join(dir, "fresh")).find((name) => name.startsWith("batch-")) as string;
      const bomb = deflateRawSync(Buffer.alloc(150 * 1024 * 1024));
      const zip = join(dir, "class.zip");
      writeFileSync(
        zip,
        rawZip([
          ...[0, 1].map((i) => ({ name: `class/${i}.json`, data: readFileSync(files[i] as string), method: 0 as const, declaredSize: readFileSync(files[i] as string).length })),
          { name: `class/${report}`, data: readFileSync(join(dir, "fresh", report)), method: 0, declaredSize: readFileSync(join(dir, "fresh", report)).length },
          { name: "class/bomb.json", data: bomb, method: 8, declaredSize: 1000 },
        ]),
      );
      const result = await cli("verify", zip, "--json");
      expect(result.code, result.stderr).to.equal(2);
      const reports = JSON.parse(result.stdout) as VerificationReport[];
      expect(reports.map((r) => r.status)).to.deep.equal(["VALID", "VALID", "ERROR"]);
      expect(check(reports[2] as VerificationReport, "FORMAT")).to.deep.include({ code: "FORMAT_UNREADABLE", data: { reason: "ZIP_ENTRY_TOO_LARGE" } });
      expect(result.stderr).to.contain(`class/${report}: This is a batch report, not a credential`);
      const text = await cli("verify", zip);
      expect(text.stdout).to.contain(`${zip}/class/bomb.json: ? ERROR`);
    });

    it("names a batch report as such instead of reporting a broken credential", async () => {
      const report = readdirSync(join(dir, "fresh")).find((name) => name.startsWith("batch-")) as string;
      const result = await cli("verify", join(dir, "fresh", report));
      expect(result.code).to.equal(1);
      expect(result.stdout).to.contain("This is a batch report, not a credential");
    });

    it("fails with an ANCHOR code against another deployment", async () => {
      const other = join(dir, "other-deployment.json");
      const deployed = await runCli(["deploy"], { ...env, CREDANCHOR_DEPLOYMENT: other });
      expect(deployed.code, deployed.stderr).to.equal(0);
      const result = await cli("verify", files[3] as string, "--deployment", other, "--json");
      expect(result.code).to.equal(1);
      expect(check(reportOf(result), "ANCHOR")).to.include({ status: "INVALID", code: "ANCHOR_WRONG_CONTRACT" });
    });

    it("reports ERROR with exit 2, never VALID, when the chain is unreachable", async () => {
      const closed = `http://127.0.0.1:${await freePort()}`;
      const result = await runCli(["verify", files[3] as string, "--json"], { ...env, CREDANCHOR_RPC: closed });
      expect(result.code).to.equal(2);
      const report = reportOf(result);
      expect(report.status).to.equal("ERROR");
      expect(report.valid).to.equal(false);
      expect(check(report, "ANCHOR")).to.include({ status: "ERROR", code: "CHAIN_UNREACHABLE" });
    });

    it("names the URL it tried, without credentials, and how to set --rpc or CREDANCHOR_RPC when the chain is unreachable", async () => {
      const port = await freePort();
      const result = await runCli(["verify", files[3] as string, "--json"], { ...env, CREDANCHOR_RPC: `http://alice:s3cret@127.0.0.1:${port}/rpc?apikey=t0ken` });
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain(`http://127.0.0.1:${port}/rpc`).and.to.contain("--rpc").and.to.contain("CREDANCHOR_RPC");
      expect(result.stdout + result.stderr).not.to.match(/s3cret|t0ken|alice/);
    });
  });

  describe("issuer authorisation", () => {
    it("refuses to issue with a key that was never accredited and writes nothing", async () => {
      const input = join(dir, "rogue.csv");
      writeFileSync(input, graduatesCsv("ROGUE", 3));
      const out = join(dir, "rogue");
      const result = await cli("issue", "--input", input, "--out", out, "--dev-account", "5");
      expect(result.code).to.equal(1);
      expect(result.stderr).to.contain("not a signing key");
      expect(existsSync(out) ? credentialFiles(out) : []).to.deep.equal([]);
    });

    it("is enforced by the contract itself, not only the CLI", async () => {
      const provider = new JsonRpcProvider(chain.url);
      const rogue = new Wallet(DEV_PRIVATE_KEYS[5] as string, provider);
      const deployment = JSON.parse(readFileSync(env.CREDANCHOR_DEPLOYMENT as string, "utf8")) as { anchor: string };
      const root = `0x${"ab".repeat(32)}`;
      const typed = batchTypedData({ chainId: 31337, anchor: deployment.anchor, issuer: rogue.address, root, count: 1 });
      const signature = await rogue.signTypedData(typed.domain, typed.types, typed.message);
      const anchor = new Contract(deployment.anchor, credentialAnchorAbi, rogue);
      let reverted = "";
      try {
        await anchor.getFunction("anchorBatch").staticCall(root, 1, "QmRogue", signature);
      } catch (error) {
        reverted = (error as { revert?: { name: string } }).revert?.name ?? String(error);
      }
      expect(reverted).to.equal("CredentialAnchorUnauthorisedKey");
      provider.destroy();
    });

    it("keeps a batch anchored before a suspension valid and invalidates one anchored after it", async () => {
      const accredited = await cli("accredit", address(2), "--name-en", "Lion Rock University", "--name-zh", "獅子山大學");
      expect(accredited.code, accredited.stderr).to.equal(0);
      const early = await issueBatch("early", 2, 2);
      await rpc("evm_increaseTime", [3600]);
      await rpc("evm_mine");
      const block = (await rpc("eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
      const suspendedFrom = new Date(Number(block.timestamp) * 1000).toISOString();
      await rpc("evm_increaseTime", [3600]);
      const late = await issueBatch("late", 2, 2);
      // The suspension is decided after the fact (a stolen key found late) and dated back between the two batches.
      const suspended = await cli("suspend", address(2), "--from", suspendedFrom);
      expect(suspended.code, suspended.stderr).to.equal(0);

      const earlyResult = await cli("verify", early[0] as string, "--json");
      expect(earlyResult.code, earlyResult.stdout).to.equal(0);
      const lateResult = await cli("verify", late[0] as string, "--json");
      expect(lateResult.code).to.equal(1);
      expect(check(reportOf(lateResult), "ISSUER")).to.include({ status: "INVALID", code: "ISSUER_NOT_ACCREDITED" });
    });
  });

  describe("bad input", () => {
    it("reports every bad row by number and field, exits 1 and anchors nothing", async () => {
      const input = join(dir, "bad.csv");
      writeFileSync(
        input,
        `${HEADER}\nBAD0001,Good Row,好學生,Bachelor of Arts,文學士,History,歷史,First Class Honours,2026-06-30,3.5\nBAD0002,Bad Date,壞日期,Bachelor of Arts,文學士,History,歷史,First Class Honours,2026-02-30,3.5\nBAD0003,,空名,Bachelor of Arts,文學士,History,歷史,First Class Honours,2026-06-30,3.5\n`,
      );
      const out = join(dir, "bad");
      const result = await cli("issue", "--input", input, "--out", out, "--json");
      expect(result.code).to.equal(1);
      const { errors } = JSON.parse(result.stdout) as { errors: { row: number; field: string; code: string }[] };
      expect(errors.map((e) => `${e.row}:${e.field}`)).to.include.members(["3:award_date", "4:name_en"]);
      expect(errors.some((e) => e.row === 2)).to.equal(false);
      expect(existsSync(out)).to.equal(false);
    });

    it("lists the first 1,000 row errors of a file wrong throughout and gives the total", async () => {
      const input = join(dir, "wrong-throughout.csv");
      writeFileSync(input, `${HEADER}\n${"\u0001\n".repeat(20_000)}`);
      const json = await cli("issue", "--input", input, "--out", join(dir, "wrong-throughout"), "--json");
      expect(json.code).to.equal(1);
      const report = JSON.parse(json.stdout) as { errors: unknown[]; errorCount: number };
      expect(report.errors).to.have.length(1_000);
      expect(report.errorCount).to.equal(20_000);
      const text = await cli("issue", "--input", input, "--out", join(dir, "wrong-throughout"));
      expect(text.code).to.equal(1);
      expect(`${text.stdout}${text.stderr}`).to.include("Only the first 1000 of 20000 problems are listed.").and.include("20000 problem(s)");
    });

    it("exits 1 for a graduate file that is not UTF-8, naming the problem in the chosen language", async () => {
      const input = join(dir, "latin1.csv");
      // "Zoë" in ISO-8859-1: the byte 0xEB is not UTF-8.
      writeFileSync(input, Buffer.concat([Buffer.from(`${HEADER}\nLAT0001,Zo`), Buffer.from([0xeb]), Buffer.from(",柔依,Bachelor of Arts,文學士,History,歷史,,2026-06-30,3.5\n")]));
      const out = join(dir, "latin1");
      const english = await cli("issue", "--input", input, "--out", out);
      expect(english.code, english.stderr).to.equal(1);
      expect(english.stderr).to.contain("[INVALID_ENCODING]").and.contain("UTF-8");
      const chinese = await cli("issue", "--input", input, "--out", out, "--lang", "zh-Hant");
      expect(chinese.code).to.equal(1);
      expect(chinese.stderr).to.contain("檔案不是 UTF-8 文字");
      expect(existsSync(out)).to.equal(false);
    });

    it("exits 2 for a file that does not exist", async () => {
      const result = await cli("verify", join(dir, "missing.json"));
      expect(result.code).to.equal(2);
    });

    it("explains a usage error by its code in the chosen language and exits 2", async () => {
      const english = await cli("revoke", "--batch", "0x1234", "--reason", "test");
      expect(english.code).to.equal(2);
      expect(english.stderr).to.contain("--batch must be a 32-byte hex batch root.").and.contain("[BATCH_ROOT_INVALID]");
      const chinese = await cli("revoke", "--batch", "0x1234", "--reason", "test", "--lang", "zh-Hant");
      expect(chinese.code).to.equal(2);
      expect(chinese.stderr).to.contain("--batch 須為 32 位元組十六進位的批次根。").and.not.contain("must be");
    });

    it("exits 1 when a file given to disclose is not UTF-8", async () => {
      const file = join(dir, "latin1.json");
      writeFileSync(file, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
      const result = await cli("disclose", file, "--hide", "/credentialSubject/gpa", "--out", join(dir, "never.json"));
      expect(result.code).to.equal(1);
      expect(result.stderr).to.contain("[FILE_NOT_UTF8]");
      expect(existsSync(join(dir, "never.json"))).to.equal(false);
    });
  });

  describe("several files", () => {
    let files: string[];
    before(async () => {
      files = await issueBatch("many", 1, 100);
    });

    it("prints the whole --json array of 100 reports into a pipe (not cut at the pipe's 64 KiB), asking the lens once per 64 files", async () => {
      const proxy = await startRpcProxy(chain.url);
      const result = await runCli(["verify", ...files, "--json"], { ...env, CREDANCHOR_RPC: proxy.url }).finally(() => proxy.close());
      expect(result.code, result.stderr).to.equal(0);
      // One batch: the files verified side by side share the lens's request (two rounds of at most 64 files).
      expect(proxy.seen.get("eth_call")).to.equal(2);
      expect(result.stdout.length).to.be.greaterThan(64 * 1024);
      const reports = JSON.parse(result.stdout) as VerificationReport[];
      expect(reports).to.have.length(100);
      expect(reports.every((report) => report.status === "VALID")).to.equal(true);
    });

    it("gives a missing or unreadable file its own ERROR report and still verifies the others (exit 2)", async () => {
      const missing = join(dir, "no-such-credential.json");
      const result = await cli("verify", files[0] as string, missing, dir, files[1] as string, "--json");
      expect(result.code, result.stderr).to.equal(2);
      const reports = JSON.parse(result.stdout) as VerificationReport[];
      expect(reports.map((report) => report.status)).to.deep.equal(["VALID", "ERROR", "ERROR", "VALID"]);
      expect(check(reports[1] as VerificationReport, "FORMAT")).to.deep.include({ status: "ERROR", code: "FORMAT_UNREADABLE", data: { reason: "ENOENT" } });
      expect(check(reports[2] as VerificationReport, "FORMAT")).to.deep.include({ status: "ERROR", code: "FORMAT_UNREADABLE", data: { reason: "EISDIR" } });
      expect(reports[1]?.checks.filter((c) => c.check !== "FORMAT").every((c) => c.status === "SKIPPED")).to.equal(true);
    });

    it("exits 1 when one file is INVALID even if another is unreadable", async () => {
      const tampered = join(dir, "tampered-many.json");
      writeFileSync(tampered, readFileSync(files[2] as string, "utf8").replace("Test Graduate 3", "Test Graduate 9"));
      const result = await cli("verify", tampered, join(dir, "no-such-credential.json"), files[3] as string);
      expect(result.code).to.equal(1);
      expect(result.stdout).to.contain("FORMAT_UNREADABLE").and.to.contain("INTEGRITY_ROOT_MISMATCH");
    });
  });

  describe("help", () => {
    const CHAIN = ["--rpc", "--deployment"];
    const SIGNER = ["--key-file", "--dev-account"];
    const OUTPUT = ["--json", "--lang"];
    const OPTIONS: Record<string, string[]> = {
      deploy: [...CHAIN, ...SIGNER, ...OUTPUT],
      accredit: [...CHAIN, ...SIGNER, ...OUTPUT],
      suspend: [...CHAIN, ...SIGNER, ...OUTPUT],
      issue: [...CHAIN, ...SIGNER, ...OUTPUT],
      revoke: [...CHAIN, ...SIGNER, ...OUTPUT],
      verify: [...CHAIN, ...OUTPUT],
      disclose: OUTPUT,
    };
    const SHARED = [...CHAIN, ...SIGNER, ...OUTPUT];
    for (const [command, expected] of Object.entries(OPTIONS)) {
      it(`lists exactly the shared options ${command} reads`, async () => {
        const result = await cli(command, "--help");
        expect(result.code).to.equal(0);
        const listed = SHARED.filter((option) => new RegExp(`^\\s+${option}\\b`, "m").test(result.stdout));
        expect(listed).to.deep.equal(expected);
      });
    }

    it("loads no npm package but commander for --help, so it starts fast (timings are in npm run bench:cli)", async () => {
      // Records every package the CLI requires, then runs `credanchor --help` in the same process.
      const script = `const Module = require("node:module"); const load = Module._load; const seen = new Set();
        Module._load = function (request, ...rest) { if (!/^(node:|\\.|\\/)/.test(request)) seen.add(request); return load.call(this, request, ...rest); };
        process.on("exit", () => process.stderr.write(JSON.stringify([...seen])));
        process.argv = [process.argv[0], "credanchor", "--help"];
        require(${JSON.stringify(join(__dirname, "..", "..", "cli", "bin.cjs"))});`;
      const loaded = await new Promise<string>((resolveRun, reject) => {
        const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.once("error", reject);
        child.once("close", () => resolveRun(stderr));
      });
      expect(JSON.parse(loaded)).to.deep.equal(["commander"]);
    });

    it("lists every command with a summary", async () => {
      const result = await cli("--help");
      expect(result.code).to.equal(0);
      for (const command of ["deploy", "accredit", "issue", "verify", "revoke", "disclose", "governance", "monitor", "print"]) {
        expect(result.stdout).to.match(new RegExp(`^\\s+${command}\\s+\\S`, "m"));
      }
    });
  });
});
