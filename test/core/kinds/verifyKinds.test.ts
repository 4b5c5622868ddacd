import { expect } from "chai";
import { disclose } from "../../../core/src/disclose";
import { DisclosureError } from "../../../core/src/errors";
import { exportVc } from "../../../core/src/exportVc";
import { hashClaim } from "../../../core/src/hashClaim";
import { bytesToHex } from "../../../core/src/hex";
import { kindOf } from "../../../core/src/kinds/kindOf";
import { renderLetter } from "../../../core/src/kinds/renderLetter";
import { listClaims } from "../../../core/src/listClaims";
import { VerificationReport } from "../../../core/src/VerificationReport";
import { verifyCredential } from "../../../core/src/verifyCredential";
import { anchoredChain, DEPLOYMENT as deployment } from "../helpers/anchoredBatch";
import { mixedBatch } from "../helpers/mixedBatch";

const NOW = new Date("2026-10-01T00:00:00Z");

describe("verifying credentials of every kind (SPEC §12)", () => {
  let batch: Awaited<ReturnType<typeof mixedBatch>>;
  before(async () => {
    batch = await mixedBatch();
  });
  const verify = (credential: unknown) =>
    verifyCredential(JSON.stringify(credential), { reader: anchoredChain(batch.transcript), deployment, now: () => NOW, at: NOW });

  it("an award, a transcript and a letter of one batch are each VALID, and the report names the kind", async () => {
    for (const [kind, credential] of Object.entries(batch)) {
      const report = await verify(credential);
      expect(report.status, `${kind}: ${JSON.stringify(report.checks.filter((c) => c.status !== "VALID"))}`).to.equal("VALID");
      expect(report.credential?.kind).to.equal(kind);
      expect(VerificationReport.parse(report)).to.deep.equal(report);
      expect(kindOf(credential as { type: string[] })).to.equal(kind);
    }
  });

  it("a transcript with its GPA and marks sections hidden is VALID and its report lists every hidden claim", async () => {
    const disclosed = disclose(batch.transcript, ["/credentialSubject/cumulativeGpa", "/credentialSubject/terms/1/courses/0/mark"]);
    const report = await verify(disclosed);
    expect(report.status).to.equal("VALID");
    const hidden = report.credential?.hiddenClaims ?? [];
    expect(hidden).to.include.members(["/credentialSubject/cumulativeGpa", "/credentialSubject/terms/0/gpa", "/credentialSubject/terms/2/gpa", "/credentialSubject/terms/0/courses/1/mark"]);
    expect(hidden).to.have.length(3 + 1 + 5);
    expect(listClaims(disclosed).filter((c) => /(gpa|Gpa|mark)$/.test(c.pointer))).to.deep.equal([]);
  });

  it("a transcript whose failed course was taken out and listed as hidden is INVALID (INTEGRITY_HIDDEN_NOT_ALLOWED)", async () => {
    const forged = structuredClone(batch.transcript);
    const prefix = "/credentialSubject/terms/0/courses/1/";
    const hiddenByDisclose = disclose(structuredClone(batch.transcript), ["/credentialSubject/dateOfBirth"]);
    // The true hashes of the failed course's claims, as a forger holding the salts would compute them.
    const hidden: Record<string, string> = { ...hiddenByDisclose.proof.hiddenClaims };
    for (const claim of listClaims(batch.transcript).filter((c) => c.pointer.startsWith(prefix))) {
      hidden[claim.pointer] = bytesToHex(hashClaim(claim.pointer, forged.proof.salts[claim.pointer] as string, claim.value));
      delete forged.proof.salts[claim.pointer];
    }
    (forged.credentialSubject.terms[0] as { courses: unknown[] }).courses.splice(1, 1);
    forged.proof.hiddenClaims = hidden;
    // Removing course 1 of 4 moves courses 2 and 3: without rules that is still a digest mismatch; the last course is
    // the clean forgery, tested in transcriptProperties. Either way the report is INVALID at INTEGRITY.
    const report = await verify(forged);
    expect(report.status).to.equal("INVALID");
    expect(report.checks.find((c) => c.check === "INTEGRITY")?.code).to.equal("INTEGRITY_HIDDEN_NOT_ALLOWED");
  });

  it("disclose refuses what a kind may not hide: a course, a grade, a term; anything of a letter", () => {
    for (const pointer of ["/credentialSubject/terms/0/courses/1", "/credentialSubject/terms/0/courses/1/grade", "/credentialSubject/terms/0", "/credentialSubject/name"]) {
      expect(() => disclose(batch.transcript, [pointer]), pointer).to.throw(DisclosureError).with.property("code", "DISCLOSE_NOT_HIDEABLE");
    }
    const { hideable: _none, ...unlisted } = batch.transcript.credentialSubject;
    expect(() => disclose({ ...batch.transcript, credentialSubject: unlisted }, ["/credentialSubject/dateOfBirth"])).to.throw(DisclosureError);
    expect(() => disclose(batch.letter, ["/credentialSubject/letter/fields/graduationDate"])).to.throw(DisclosureError).with.property("code", "DISCLOSE_NOT_HIDEABLE");
  });

  it("a letter with any claim hidden is INVALID (INTEGRITY_HIDDEN_NOT_ALLOWED), even one its schema lets be absent", async () => {
    const forged = structuredClone(batch.letter);
    const pointer = "/issuer/url";
    forged.proof.hiddenClaims = { [pointer]: bytesToHex(hashClaim(pointer, forged.proof.salts[pointer] as string, forged.issuer.url as string)) };
    delete forged.proof.salts[pointer];
    delete forged.issuer.url;
    const report = await verify(forged);
    expect(report.checks.find((c) => c.check === "INTEGRITY")?.code).to.equal("INTEGRITY_HIDDEN_NOT_ALLOWED");
  });

  it("a letter reads as its template filled with its fields, in both languages", () => {
    expect(renderLetter(batch.letter, "en")).to.deep.equal({
      title: "Certification of Graduation",
      body: "This is to certify that Chan Tai Man (student number HU2026001) completed the Bachelor of Science in Chemistry and graduated on 2026-06-30.",
    });
    expect(renderLetter(batch.letter, "zh-Hant").body).to.equal("茲證明陳大文（學生編號 HU2026001）已修畢化學理學士課程，並於 2026-06-30 畢業。");
    expect(batch.letter.validUntil).to.equal("2026-12-28T23:59:59Z");
  });

  it("a transcript wrapped as if it were a VC export is not taken for the transcript (FORMAT)", async () => {
    const wrapper = { ...exportVc(batch.award as Parameters<typeof exportVc>[0], "en") } as Record<string, unknown>;
    wrapper.proof = { ...(wrapper.proof as object), originalCredential: batch.transcript };
    const report = await verify(wrapper);
    expect(report.checks[0]).to.include({ check: "FORMAT", status: "INVALID" });
  });
});
