import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { Wallet } from "ethers";
import { buildCredential } from "../../../core/src/buildCredential";
import { disclose } from "../../../core/src/disclose";
import { signBatch } from "../../../core/src/signBatch";
import { wrapBatch } from "../../../core/src/wrapBatch";
import { runCli } from "../../../scripts/lib/runCli";
import { RECORD } from "../../core/helpers/records";

const KEY = new Wallet("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const ANCHOR = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const SCREENSHOTS = join(__dirname, "..", "..", "screenshots");
const hasPdftoppm = spawnSync("pdftoppm", ["-v"]).error === undefined;

describe("credanchor print", function () {
  this.timeout(120_000);
  let dir: string;
  let file: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "credanchor-print-"));
    const issuer = { id: KEY.address, chainId: 31337, nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu" };
    const unsigned = [0, 1, 2, 3, 4].map((i) => buildCredential({ ...RECORD, studentId: `HU${1000 + i}` }, issuer));
    const [credential] = (await signBatch(wrapBatch(unsigned, { chainId: 31337, anchor: ANCHOR, issuer: KEY.address, signer: KEY.address }), KEY)).credentials;
    file = join(dir, "credential.json");
    writeFileSync(file, JSON.stringify(disclose(credential as never, ["/credentialSubject/dateOfBirth"]), null, 2));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes an A4 PDF whose QR link carries the credential, and that renders to an image", async function () {
    const pdf = join(dir, "credential.pdf");
    const result = await runCli(["print", file, "--out", pdf, "--verifier", "https://verify.example.org/", "--json"]);
    expect(result.code, result.stderr).to.equal(0);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString("latin1")).to.equal("%PDF-");
    // A4 is 595 × 842 points.
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(bytes.toString("latin1"));
    expect(Math.round(Number(box?.[1])), "page width").to.equal(595);
    expect(Math.round(Number(box?.[2])), "page height").to.equal(842);
    const { link } = JSON.parse(result.stdout) as { link: string };
    expect(link.startsWith("https://verify.example.org/#c=")).to.equal(true);
    const carried = inflateRawSync(Buffer.from(link.slice(link.indexOf("#c=") + 3), "base64url")).toString("utf8");
    expect(carried).to.contain("陳大文").and.not.to.contain("2003-04-01");

    if (!hasPdftoppm) {
      console.warn("      (pdftoppm is missing: apt-get install -y poppler-utils to render the PDF to PNG; that assertion is skipped)");
      return;
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    const render = spawnSync("pdftoppm", ["-png", "-r", "70", pdf, join(SCREENSHOTS, "print-credential")]);
    expect(render.status, render.stderr.toString()).to.equal(0);
    const pages = readdirSync(SCREENSHOTS).filter((name) => /^print-credential-\d+\.png$/.test(name));
    expect(pages).to.have.length(1);
    expect(existsSync(join(SCREENSHOTS, pages[0] as string))).to.equal(true);
  });

  it("prints a given share link instead, and refuses a file that is not a credential", async () => {
    const pdf = join(dir, "shared.pdf");
    const link = "https://verify.example.org/#share=AbCdEfGhIjKlMnOpQrSt_-.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
    const result = await runCli(["print", file, "--out", pdf, "--link", link, "--json"]);
    expect(result.code, result.stderr).to.equal(0);
    expect((JSON.parse(result.stdout) as { link: string }).link).to.equal(link);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{}");
    expect((await runCli(["print", bad, "--out", join(dir, "bad.pdf")])).code).to.not.equal(0);
    expect(existsSync(join(dir, "bad.pdf"))).to.equal(false);
  });
});
