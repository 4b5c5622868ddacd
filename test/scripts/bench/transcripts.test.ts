import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Wallet } from "ethers";
import { createProvider } from "../../../core/src/chain/createProvider";
import { DEV_PRIVATE_KEYS } from "../../../core/src/chain/devAccounts";
import { parseTranscriptFile } from "../../../core/src/kinds/parseTranscriptFile";
import { BENCH_SCALE, benchTranscripts, transcriptCsv, type TranscriptBenchResult } from "../../../scripts/bench/transcripts";
import { freePort, startLocalChain, type LocalChain } from "../../../scripts/lib/localChain";
import { runCliOrThrow } from "../../../scripts/lib/runCli";

describe("npm run bench: transcripts (issue 15)", function () {
  this.timeout(300_000);
  let chain: LocalChain;
  let dir: string;
  let result: TranscriptBenchResult;
  const lines: string[] = [];

  before(async () => {
    chain = await startLocalChain(await freePort());
    dir = mkdtempSync(join(tmpdir(), "credanchor-bench-transcripts-"));
    const env = { CREDANCHOR_RPC: chain.url, CREDANCHOR_DEPLOYMENT: join(dir, "deployment.json") };
    const wallet = new Wallet(DEV_PRIVATE_KEYS[1] as string);
    await runCliOrThrow(["deploy"], env);
    await runCliOrThrow(["accredit", wallet.address, "--name-en", "Harbour University", "--name-zh", "海港大學", "--domain", "harbour.example.edu"], env);
    const deployment = JSON.parse(readFileSync(env.CREDANCHOR_DEPLOYMENT, "utf8"));
    const provider = createProvider(chain.url, deployment.chainId);
    try {
      result = await benchTranscripts({
        count: 6,
        courses: 40,
        signer: wallet.connect(provider),
        provider,
        deployment,
        issuer: { id: wallet.address, chainId: deployment.chainId, nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu" },
        storeDir: join(dir, "content"),
        log: (line) => lines.push(line),
      });
    } finally {
      provider.destroy();
    }
  });
  after(async () => {
    await chain?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("generates a transcript file the transcript parser accepts: 40 courses over 8 terms per student, one failed", () => {
    const { records, errors } = parseTranscriptFile(transcriptCsv(3, 40), "csv", { scale: BENCH_SCALE, hideable: [] });
    expect(errors).to.deep.equal([]);
    expect(records).to.have.length(3);
    for (const record of records) {
      expect(record.terms).to.have.length(8);
      expect(record.terms.flatMap((term) => term.courses)).to.have.length(40);
      expect(record.terms.flatMap((term) => term.courses).filter((course) => course.grade === "F")).to.have.length(1);
    }
  });

  it("issues and verifies every transcript VALID and reports rates, ratios to OpenAttestation and bytes per credential", () => {
    expect(result).to.include({ count: 6, courses: 40, threads: 1 });
    expect(result.verifyStatuses).to.deep.equal({ VALID: 6 });
    for (const field of ["issuePerSec", "verifyPerSec", "oaIssuePerSec", "oaVerifyPerSec", "bytesPerCredential", "oaBytesPerCredential"] as const) {
      expect(result[field], field).to.be.a("number").and.greaterThan(0);
    }
    // A transcript of 40 courses is tens of kilobytes, ten times a degree.
    expect(result.bytesPerCredential).to.be.greaterThan(20_000);
    // The ratios divide the unrounded rates; the rates are printed rounded to whole numbers (±0.5), which for six
    // transcripts at a few per second moves their quotient by much more than the ratio's own rounding.
    const withinRounding = (ratio: number, ours: number, theirs: number) =>
      expect(ratio).to.be.within((ours - 0.5) / (theirs + 0.5) - 0.005, (ours + 0.5) / Math.max(theirs - 0.5, 0.5) + 0.005);
    withinRounding(result.issueRatio, result.issuePerSec, result.oaIssuePerSec);
    withinRounding(result.verifyRatio, result.verifyPerSec, result.oaVerifyPerSec);
    expect(Object.keys(result.issueSeconds)).to.deep.equal(["total", "validate", "build", "wrapSignAnchor", "serialise"]);
    expect(lines.some((line) => line.startsWith("transcripts: issued 6 in "))).to.equal(true);
  });
});
