import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Wallet } from "ethers";
import { buildCredential } from "../../core/src/buildCredential";
import { AccreditationStatus } from "../../core/src/chain/ChainReader";
import type { Credential } from "../../core/src/Credential";
import { disclose } from "../../core/src/disclose";
import { exportVc, readVcExport, type VcExport } from "../../core/src/exportVc";
import { signBatch } from "../../core/src/signBatch";
import { verifyCredential } from "../../core/src/verifyCredential";
import { wrapBatch } from "../../core/src/wrapBatch";
import { runCli } from "../../scripts/lib/runCli";
import { batchKey, FakeChain } from "./helpers/fakeChain";
import { RECORD } from "./helpers/records";
import { validateJsonSchema } from "./helpers/validateJsonSchema";

const SCHEMA = JSON.parse(readFileSync(join(__dirname, "..", "..", "docs", "schemas", "credanchor-vc-export.schema.json"), "utf8")) as Record<string, unknown>;
const KEY = new Wallet("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const ANCHOR = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const deployment = { chainId: 31337, anchor: ANCHOR, registry: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512" };
const NOW = new Date(1_800_000_000_000);

async function issue(): Promise<Credential[]> {
  const issuer = { id: KEY.address, chainId: 31337, nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu" };
  const unsigned = [0, 1, 2].map((i) => buildCredential({ ...RECORD, studentId: `HU${1000 + i}` }, issuer));
  return (await signBatch(wrapBatch(unsigned, { chainId: 31337, anchor: ANCHOR, issuer: KEY.address, signer: KEY.address }), KEY)).credentials;
}

function anchored(credential: Credential): FakeChain {
  const chain = new FakeChain();
  const id = KEY.address.toLowerCase();
  chain.batches.set(batchKey(KEY.address, credential.proof.merkleRoot), { issuerId: KEY.address, signer: KEY.address, anchoredAt: 1_790_000_000, blockNumber: 42, count: 3, manifestCid: "QmManifest" });
  chain.issuers.set(id, { nameEn: "Harbour University", nameZh: "海港大學", domain: "harbour.example.edu", accreditedAt: 1 });
  chain.statuses.set(id, [{ status: AccreditationStatus.Accredited, from: 1 }]);
  chain.keys.set(id, { issuerId: KEY.address, from: 1, until: 0 });
  return chain;
}

describe("VC 2.0 / Open Badges 3.0 export", () => {
  let credential: Credential;
  before(async () => {
    credential = (await issue())[0] as Credential;
  });

  it("matches its JSON Schema in both languages, with the OB 3.0 achievement vocabulary", () => {
    for (const language of ["en", "zh-Hant"] as const) {
      const vc = exportVc(credential, language);
      expect(validateJsonSchema(SCHEMA, JSON.parse(JSON.stringify(vc))), language).to.deep.equal([]);
      expect(vc.credentialSubject.achievement.inLanguage).to.equal(language);
    }
    const en = exportVc(credential, "en");
    expect(en.credentialSubject.achievement).to.include({ achievementType: "BachelorDegree", name: "Bachelor of Science", fieldOfStudy: "Chemistry" });
    expect(en.issuer).to.include({ id: credential.issuer.id, name: "Harbour University" });
    expect(en.validFrom).to.equal(credential.validFrom);
    expect(en.validUntil).to.equal(credential.validUntil);
    expect(en.awardedDate).to.equal("2026-06-30T00:00:00Z");
    expect(en.credentialSubject.result?.map((r) => r.value)).to.deep.equal(["First Class Honours", "3.61"]);
    const zh = exportVc(credential, "zh-Hant");
    expect(zh.credentialSubject.achievement).to.include({ name: "理學士", fieldOfStudy: "化學" });
    expect(zh.credentialSubject.identifier?.[0]?.identityHash).to.equal("陳大文");
  });

  it("an award without honours exports no honours result and no honours in the description, and matches the schema", () => {
    const fixture = JSON.parse(readFileSync(join(__dirname, "fixtures", "spec-vectors.json"), "utf8")) as { postgraduate: { json: Credential } };
    for (const language of ["en", "zh-Hant"] as const) {
      const vc = exportVc(fixture.postgraduate.json, language);
      expect(validateJsonSchema(SCHEMA, JSON.parse(JSON.stringify(vc))), language).to.deep.equal([]);
      expect(vc.credentialSubject).not.to.have.property("result");
      expect(vc.credentialSubject.achievement).not.to.have.property("resultDescription");
    }
    expect(exportVc(fixture.postgraduate.json, "en").credentialSubject.achievement).to.include({
      achievementType: "DoctoralDegree",
      description: "Doctor of Philosophy; Physics",
    });
  });

  it("the schema check itself rejects what the schema forbids", () => {
    const vc = JSON.parse(JSON.stringify(exportVc(credential))) as Record<string, Record<string, unknown>>;
    (vc.credentialSubject as Record<string, unknown>).extra = 1;
    delete (vc.proof as Record<string, unknown>).originalCredential;
    expect(validateJsonSchema(SCHEMA, vc)).to.deep.equal(["/credentialSubject/extra: not allowed", "/proof/originalCredential: required"]);
  });

  it("keeps hidden claims hidden: their values appear nowhere in the export, which still verifies", async () => {
    const redacted = disclose(credential, ["/credentialSubject/gpa", "/credentialSubject/dateOfBirth", "/credentialSubject/name"]);
    const text = JSON.stringify(exportVc(redacted, "en"), null, 2);
    for (const secret of ["3.61", "2003-04-01", "Chan Tai Man", "陳大文"]) expect(text).not.to.contain(secret);
    expect(validateJsonSchema(SCHEMA, JSON.parse(text))).to.deep.equal([]);

    const original = readVcExport(text);
    expect(original).to.be.a("string");
    const report = await verifyCredential(original as string, { reader: anchored(credential), deployment, at: NOW, now: () => NOW });
    expect(report.status, JSON.stringify(report.checks)).to.equal("VALID");
    expect(report.credential?.hiddenClaims).to.have.members(["/credentialSubject/gpa", "/credentialSubject/dateOfBirth", "/credentialSubject/name/en", "/credentialSubject/name/zh-Hant"]);
  });

  it("an export whose visible members were edited is not unwrapped, so it fails verification", async () => {
    const vc = JSON.parse(JSON.stringify(exportVc(credential))) as VcExport;
    vc.credentialSubject.achievement.name = "Doctor of Philosophy";
    const text = JSON.stringify(vc);
    expect(readVcExport(text)).to.equal(undefined);
    const report = await verifyCredential(text, { reader: anchored(credential), deployment, at: NOW, now: () => NOW });
    expect(report.status).to.equal("INVALID");
    expect(report.checks.find((c) => c.check === "FORMAT")?.code).to.equal("FORMAT_SCHEMA");
    expect(readVcExport(JSON.stringify(credential)), "a plain credential is not an export").to.equal(undefined);
  });

  it("credanchor export --format vc writes the export, in the language of --lang", async () => {
    const dir = mkdtempSync(join(tmpdir(), "credanchor-export-"));
    try {
      const input = join(dir, "credential.json");
      writeFileSync(input, JSON.stringify(disclose(credential, ["/credentialSubject/gpa"]), null, 2));
      const out = join(dir, "credential.vc.json");
      const result = await runCli(["export", input, "--format", "vc", "--out", out, "--lang", "zh-Hant"]);
      expect(result.code, result.stderr).to.equal(0);
      const text = readFileSync(out, "utf8");
      expect(text).not.to.contain("3.61");
      const vc = JSON.parse(text) as VcExport;
      expect(validateJsonSchema(SCHEMA, vc)).to.deep.equal([]);
      expect(vc.name).to.equal("理學士");
      expect(readVcExport(text)).to.be.a("string");

      const refused = await runCli(["export", input, "--format", "pdf"]);
      expect(refused.code).to.equal(2);
      expect(refused.stderr).to.contain("--format");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
