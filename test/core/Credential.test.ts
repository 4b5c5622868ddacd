import { expect } from "chai";
import { Credential, CredentialProof, LocalisedText, UnsignedCredential } from "../../core/src/Credential";
import { sampleCredential } from "./helpers/sampleCredential";

function issuesOf(value: unknown): string[] {
  const result = Credential.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join("/")}: ${issue.message}`);
}

describe("Credential schema", () => {
  it("accepts the SPEC §1 example", () => {
    expect(issuesOf(sampleCredential())).to.deep.equal([]);
    const { proof: _proof, ...unsigned } = sampleCredential();
    expect(UnsignedCredential.safeParse(unsigned).success).to.equal(true);
    expect(UnsignedCredential.safeParse(sampleCredential()).success).to.equal(false);
  });

  it("rejects unknown members everywhere", () => {
    for (const target of ["", "issuer", "credentialSubject", "proof", "credentialSubject/name"]) {
      const credential = sampleCredential() as Record<string, unknown>;
      let node = credential;
      for (const key of target.split("/").filter(Boolean)) node = node[key] as Record<string, unknown>;
      node.extra = 1;
      expect(issuesOf(credential), target).not.to.deep.equal([]);
    }
  });

  it("requires EIP-55 checksummed addresses, in the proof and in issuer.id", () => {
    const lower = sampleCredential();
    lower.proof.signer = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    expect(issuesOf(lower)).to.have.length(1);
    const wrongCase = sampleCredential();
    (wrongCase.issuer as Record<string, unknown>).id = "did:pkh:eip155:31337:0x70997970C51812DC3A010C7d01b50e0d17dc79C8";
    expect(issuesOf(wrongCase)).to.have.length(1);
  });

  it("checks hex widths, dates, gpa and contexts", () => {
    const cases: [(c: ReturnType<typeof sampleCredential>) => void, string][] = [
      [(c) => (c.proof.merkleRoot = `0x${"AB".repeat(32)}`), "uppercase root"],
      [(c) => (c.proof.merkleProof = [`0x${"AB".repeat(32)}`]), "uppercase proof element"],
      [(c) => (c.proof.hiddenClaims = { "/credentialSubject/dateOfBirth": `0x${"AB".repeat(32)}` }), "uppercase hidden claim hash"],
      [(c) => (c.proof.merkleProof = Array.from({ length: 19 }, () => `0x${"ab".repeat(32)}`)), "19 proof elements"],
      [(c) => (c.validFrom = "2026-07-01T00:00:00Z"), "validFrom not the shown award date"],
      [(c) => (c.proof.merkleProof = [`0x${"ab".repeat(31)}`]), "short proof element"],
      [(c) => (c.credentialSubject.gpa = 3.615), "three decimals"],
      [(c) => (c.credentialSubject.gpa = 4.31), "gpa over 4.3"],
      [(c) => (c.credentialSubject.awardDate = "2026-02-30"), "impossible date"],
      [(c) => (c.validFrom = "2026-06-30T00:00:00.000Z"), "fractional seconds"],
      [(c) => (c.validFrom = "2026-06-30T00:00:00+00:00"), "offset instead of Z"],
      [(c) => (c.validUntil = "2026-06-29T23:59:59Z"), "validUntil before validFrom"],
      [(c) => (c["@context"] = ["https://www.w3.org/ns/credentials/v2"]), "missing context"],
      [(c) => (c.proof.batchSize = 262_145), "batch too large"],
      [(c) => (c.proof.hiddenClaims = {}), "empty hiddenClaims"],
      [(c) => (c.proof.salts = { "credentialSubject/gpa": `0x${"00".repeat(32)}` }), "pointer without leading slash"],
      [(c) => (c.credentialSubject.name = { en: "Chan Tai Man" }), "half a bilingual text"],
      [(c) => (c.credentialSubject.name = { en: "", "zh-Hant": "陳大文" }), "empty text"],
    ];
    for (const [mutate, label] of cases) {
      const credential = sampleCredential();
      mutate(credential);
      expect(issuesOf(credential), label).not.to.deep.equal([]);
    }
  });

  it("leaves the signature's form to SIGNATURE (one code, SIGNATURE_MALFORMED) and takes any lowercase UUID, not only version 4", () => {
    for (const signature of ["", "0x", `0x${"AB".repeat(65)}`, "not hex"]) {
      const credential = sampleCredential();
      credential.proof.signature = signature;
      expect(issuesOf(credential), signature).to.deep.equal([]);
    }
    const v1 = sampleCredential();
    v1.id = "urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8";
    expect(issuesOf(v1)).to.deep.equal([]);
    v1.id = (v1.id as string).toUpperCase().replace("URN:UUID:", "urn:uuid:");
    expect(issuesOf(v1)).not.to.deep.equal([]);
  });

  it("ties validFrom to the award date only while the award date is shown", () => {
    const hidden = sampleCredential();
    delete hidden.credentialSubject.awardDate;
    hidden.validFrom = "2026-07-01T00:00:00Z";
    hidden.proof.hiddenClaims = { "/credentialSubject/awardDate": `0x${"01".repeat(32)}` };
    expect(issuesOf(hidden)).to.deep.equal([]);
  });

  it("accepts a missing required claim only when it is listed as hidden", () => {
    const missing = sampleCredential();
    delete missing.credentialSubject.name;
    expect(issuesOf(missing)).to.deep.equal([
      "credentialSubject/name/en: required claim /credentialSubject/name/en is neither shown nor hidden",
      "credentialSubject/name/zh-Hant: required claim /credentialSubject/name/zh-Hant is neither shown nor hidden",
    ]);
    missing.proof.hiddenClaims = {
      "/credentialSubject/name/en": `0x${"01".repeat(32)}`,
      "/credentialSubject/name/zh-Hant": `0x${"02".repeat(32)}`,
    };
    expect(issuesOf(missing)).to.deep.equal([]);
    const optional = sampleCredential();
    delete optional.credentialSubject.gpa;
    delete optional.validUntil;
    expect(issuesOf(optional)).to.deep.equal([]);
  });

  it("exports the member schemas", () => {
    expect(LocalisedText.safeParse({ en: "a", "zh-Hant": "乙" }).success).to.equal(true);
    expect(CredentialProof.safeParse(sampleCredential().proof).success).to.equal(true);
  });
});
