import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

  const SHARE_LINK = "https://verify.example.org/#share=AbCdEfGhIjKlMnOpQrSt_-.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

  it("writes an A4 PDF with the share link's QR code and the university's names, and that renders to an image", async function () {
    const pdf = join(dir, "credential.pdf");
    const result = await runCli(["print", file, "--out", pdf, "--link", SHARE_LINK, "--json"]);
    expect(result.code, result.stderr).to.equal(0);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString("latin1")).to.equal("%PDF-");
    // A4 is 595 × 842 points.
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(bytes.toString("latin1"));
    expect(Math.round(Number(box?.[1])), "page width").to.equal(595);
    expect(Math.round(Number(box?.[2])), "page height").to.equal(842);
    expect((JSON.parse(result.stdout) as { link: string }).link).to.equal(SHARE_LINK);

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
    const text = spawnSync("pdftotext", ["-layout", pdf, "-"]).stdout.toString();
    expect(text).to.contain("Harbour University").and.to.contain("海港大學").and.not.to.contain("did:pkh");
  });

  it("refuses a QR code denser than a phone can scan, saying how to get a share link instead", async () => {
    const pdf = join(dir, "dense.pdf");
    for (const [lang, words] of [["en", "credanchor share"], ["zh-Hant", "分享連結"]] as const) {
      const result = await runCli(["print", file, "--out", pdf, "--verifier", "https://verify.example.org/", "--lang", lang]);
      expect(result.code).to.equal(2);
      expect(result.stderr).to.contain(words).and.to.contain("25").and.to.contain("[QR_TOO_LARGE]");
    }
    expect(existsSync(pdf)).to.equal(false);
  });

  it("prints with a given share link, and refuses a file that is not a credential", async () => {
    const pdf = join(dir, "shared.pdf");
    const result = await runCli(["print", file, "--out", pdf, "--link", SHARE_LINK, "--json"]);
    expect(result.code, result.stderr).to.equal(0);
    expect((JSON.parse(result.stdout) as { link: string }).link).to.equal(SHARE_LINK);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{}");
    expect((await runCli(["print", bad, "--out", join(dir, "bad.pdf")])).code).to.not.equal(0);
    expect(existsSync(join(dir, "bad.pdf"))).to.equal(false);
  });
});
